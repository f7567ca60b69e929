import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import type { AgentToolMethod } from '../../contract/agent-tools';
import type { Response } from '../../contract/contract';
import { runtimeDir } from './runtime-dir';
import { openServer } from './server-connection';

/**
 * Tessera's MCP server (stdio), which an agent's CLI starts from the configuration Tessera passed it
 * at launch: `tessera mcp`, or the packaged app's binary with its MCP flag (agent-programs.ts). Every
 * tool call goes to the session server with this agent's capability (TESSERA_MCP_CAPABILITY), which
 * decides what the agent may see and do; a refusal comes back as a tool error saying why.
 */

type CallTool = (method: AgentToolMethod, params: Record<string, unknown>) => Promise<Response<unknown>>;

type ToolResult = { content: Array<{ type: 'text'; text: string }>; isError?: boolean };

function answer(response: Response<unknown>, format: (value: never) => string): ToolResult {
  if (!response.ok) return { content: [{ type: 'text', text: response.error.message }], isError: true };
  return { content: [{ type: 'text', text: format(response.value as never) }] };
}

const agent = z.string().min(1).max(64).describe('The agent, by its slug (as the list tool names it)');

/** The tools, each a call of the session server's agent methods; `call` adds the capability. */
export function tesseraMcpServer(call: CallTool, version: string): McpServer {
  const server = new McpServer({ name: 'tessera', version });
  server.registerTool(
    'list_agents',
    { description: "The agents of this project (Tessera), each with its status; 'you' is the calling agent." },
    async () =>
      answer(await call('agent.list', {}), (value: { you: string; agents: Array<{ slug: string; name: string; status: string; statusMessage?: string }> }) =>
        [`you: ${value.you}`, ...value.agents.map((a) => `${a.slug} (${a.name}): ${a.status}${a.statusMessage ? ` - ${a.statusMessage}` : ''}`)].join('\n'),
      ),
  );
  server.registerTool(
    'read_agent',
    { description: "The last lines of an agent's terminal (its scrollback included).", inputSchema: { agent, lines: z.number().int().min(1).max(2000).optional() } },
    async ({ agent: slug, lines }) => answer(await call('agent.read', { agent: slug, ...(lines !== undefined ? { lines } : {}) }), (value: { text: string }) => value.text),
  );
  server.registerTool(
    'send_message',
    {
      description: "Types a message at another agent's prompt (queued while it is busy). Needs the user's permission for this project.",
      inputSchema: { agent, text: z.string().min(1).max(20_000) },
    },
    async ({ agent: slug, text }) =>
      answer(await call('agent.send', { agent: slug, text }), (value: { outcome: string }) => (value.outcome === 'sent' ? `Sent to ${slug}.` : `Queued for ${slug}: it gets it at its next prompt.`)),
  );
  server.registerTool(
    'launch_agent',
    { description: "Launches an agent of this project. Needs the user's permission for this project.", inputSchema: { agent } },
    async ({ agent: slug }) => answer(await call('agent.launch', { agent: slug }), (value: { status: string }) => `Launched ${slug} (${value.status}).`),
  );
  server.registerTool(
    'wait_for_agent',
    {
      description: 'Waits until an agent is idle, needs input, or has exited (or the timeout passes): no need to poll.',
      inputSchema: { agent, until: z.enum(['idle', 'needs-input', 'exited']), timeoutSeconds: z.number().min(0.1).max(3600).optional() },
    },
    async ({ agent: slug, until, timeoutSeconds }) =>
      answer(await call('agent.wait', { agent: slug, until, ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}) }), (value: { reached: boolean; status: string }) =>
        value.reached ? `${slug} is ${value.status}.` : `${slug} is ${value.status}, not ${until}, and the wait ended.`,
      ),
  );
  server.registerTool(
    'set_status',
    { description: "Sets a one-line status message shown in your pane's header in Tessera (empty clears it).", inputSchema: { message: z.string().max(200) } },
    async ({ message }) => answer(await call('agent.setStatus', { message }), () => (message ? 'Status set.' : 'Status cleared.')),
  );
  return server;
}

export interface ServeMcpOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** This program's version: the session server refuses a client of another. */
  readonly app: string;
  readonly stderr: { write(text: string): unknown };
}

/** Serves the tools on stdin/stdout until the agent's CLI closes them; resolves with the exit code. */
export async function serveMcp(options: ServeMcpOptions): Promise<number> {
  const capability = options.env.TESSERA_MCP_CAPABILITY;
  if (!capability) {
    options.stderr.write('tessera mcp: no TESSERA_MCP_CAPABILITY: this command is started by an agent Tessera launched, with the configuration Tessera gave it\n');
    return 1;
  }
  const call: CallTool = async (method, params) => {
    // Never starts a server: one that is gone took the calling agent with it.
    const client = await openServer({ dir: runtimeDir(options.env), app: options.app, client: 'script', env: options.env });
    if (!client.ok) return { ok: false, error: { kind: client.error.kind, message: `Tessera is not reachable: ${client.error.message}` } };
    try {
      return await client.value.callServer(method, { ...params, capability } as never);
    } finally {
      client.value.close();
    }
  };
  const server = tesseraMcpServer(call, options.app);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = resolve;
    // The agent's CLI ending its side is the end of this server.
    process.stdin.once('end', () => void transport.close().finally(resolve));
  });
  await server.connect(transport);
  await closed;
  return 0;
}
