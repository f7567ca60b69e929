import { z } from 'zod';

/**
 * What each agent costs: its process tree's CPU and memory, and the context, tokens and money its CLI
 * reports. Every figure is optional: where nothing reports it, nothing is shown, never a guess.
 */
export const SessionUsageDto = z.object({
  /** The session. */
  id: z.string(),
  /** CPU of the agent's whole process tree over the last few seconds, in percent of one core. */
  cpuPercent: z.number().min(0).optional(),
  /** Resident memory of the agent's whole process tree (bytes). */
  rssBytes: z.number().min(0).optional(),
  /** Processes in the agent's tree. */
  processes: z.number().int().min(0).optional(),
  /** The model, as its CLI names it. */
  model: z.string().max(200).optional(),
  /** Percent of the context window in use, and the window's size in tokens. */
  contextPercent: z.number().min(0).max(100).optional(),
  contextWindow: z.number().min(0).optional(),
  /** Tokens the session sent and received so far. */
  inputTokens: z.number().min(0).optional(),
  outputTokens: z.number().min(0).optional(),
  /** What the session has cost so far in US dollars, as its CLI reports it. */
  costUsd: z.number().min(0).optional(),
});

/** One running agent in the Resources view, whatever project it runs in. */
export const ResourceRowDto = SessionUsageDto.extend({
  projectRoot: z.string(),
  projectName: z.string(),
  agent: z.string(),
  agentName: z.string(),
  profile: z.string(),
  pid: z.number(),
  status: z.string(),
  startedAt: z.number(),
});

const none = z.object({}).strict().default({});

export const usageMethods = {
  /** Every running agent of every open project, with what it uses now. */
  'resources.list': { params: none, result: z.array(ResourceRowDto) },
  /** Stops a running agent of any open project (the Resources view lists them all). */
  'resources.stop': { params: z.object({ id: z.string().min(1).max(200) }), result: z.object({}) },
} as const;

export const usageEvents = {
  /** The open project's running agents and what each uses, every few seconds while any runs. */
  'sessions.usage': z.object({ sessions: z.array(SessionUsageDto) }),
  /** An agent's reported spending today crossed the `budget` of its persona (a warning; nothing is stopped). */
  'agents.overBudget': z.object({ agent: z.string(), budgetUsd: z.number(), spentUsd: z.number() }),
} as const;

export type SessionUsageDto = z.infer<typeof SessionUsageDto>;
export type ResourceRowDto = z.infer<typeof ResourceRowDto>;
