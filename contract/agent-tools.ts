import { z } from 'zod';

/**
 * What an agent may ask of Tessera through `tessera mcp` (its MCP server), as session-server methods.
 * Every call carries the capability its MCP server was given at launch: the server knows from it which
 * agent calls, and that agent reaches only the agents of its own project.
 */

const capability = z.string().min(16).max(200);
const agent = z.string().min(1).max(64);

export const AgentToolStatus = z.enum(['starting', 'busy', 'idle', 'needs-input', 'exited', 'failed', 'not-running']);

export const agentToolMethods = {
  /** The agents of the caller's project, with their status and the caller marked. */
  'agent.list': {
    params: z.object({ capability }),
    result: z.object({
      you: z.string(),
      agents: z.array(z.object({ slug: z.string(), name: z.string(), status: AgentToolStatus, statusMessage: z.string().optional() })),
    }),
  },
  /** The last `lines` lines of an agent's terminal, scrollback included. */
  'agent.read': { params: z.object({ capability, agent, lines: z.number().int().min(1).max(2000).default(50) }), result: z.object({ text: z.string() }) },
  /** Types a message at an agent's prompt (queued while it is busy), if the project allows it. */
  'agent.send': { params: z.object({ capability, agent, text: z.string().min(1).max(20_000) }), result: z.object({ outcome: z.enum(['sent', 'queued']) }) },
  /** Launches an agent of the project, if the project allows it. */
  'agent.launch': { params: z.object({ capability, agent }), result: z.object({ status: AgentToolStatus }) },
  /** Resolves once an agent is idle, needs input, or has exited, or after `timeoutSeconds`. */
  'agent.wait': {
    params: z.object({ capability, agent, until: z.enum(['idle', 'needs-input', 'exited']), timeoutSeconds: z.number().min(0.1).max(3600).default(600) }),
    result: z.object({ reached: z.boolean(), status: AgentToolStatus }),
  },
  /** A one-line status message shown in the caller's pane header (empty clears it). */
  'agent.setStatus': { params: z.object({ capability, message: z.string().max(200) }), result: z.object({}) },
} as const;

export type AgentToolMethod = keyof typeof agentToolMethods;

export function isAgentToolMethod(method: string): method is AgentToolMethod {
  return Object.hasOwn(agentToolMethods, method);
}

/**
 * What an agent said through its tools, for the views of its project: a status message it set on
 * itself, or a message another agent sent it. Shown in the pane header of `agent`.
 */
export const AgentNote = z.object({
  agent: z.string(),
  kind: z.enum(['status', 'message']),
  /** For a message: the agent that sent it. */
  from: z.string().optional(),
  text: z.string().max(20_000),
  at: z.number(),
});
export type AgentNote = z.infer<typeof AgentNote>;
