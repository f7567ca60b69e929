import { z } from 'zod';

/** One usage-limit window of the agent's account, as its CLI last heard it from the provider. */
export const RateLimitWindowDto = z.object({
  usedPercent: z.number().min(0).max(100),
  windowMinutes: z.number().min(0).optional(),
  /** When the window starts afresh, ms since the epoch. */
  resetsAt: z.number().min(0).optional(),
});

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
  /** What the session has cost so far in US dollars, as its CLI reports it or, when `costEstimated`, as the user's prices make it. */
  costUsd: z.number().min(0).optional(),
  /** The CLI reported tokens but no cost: `costUsd` is its tokens at the user's prices for its model. */
  costEstimated: z.literal(true).optional(),
  /** The account's usage limits, where its CLI records them (Codex): the short window and the long one. */
  rateLimits: z.object({ primary: RateLimitWindowDto.optional(), secondary: RateLimitWindowDto.optional() }).optional(),
});

/** What the user pays for one model, US dollars per million tokens. */
export const ModelPriceDto = z.object({
  inputPerMillionUsd: z.number().min(0).max(10_000),
  outputPerMillionUsd: z.number().min(0).max(10_000),
});

/** The user's meter settings, kept in the user's config: the context warning and the prices per model. */
export const UsageSettingsDto = z.object({
  /** Percent of its context window past which an agent is badged and, once, announced. */
  contextWarningPercent: z.number().int().min(1).max(100),
  /** Keyed by the model as its CLI names it. */
  prices: z
    .record(z.string().trim().min(1).max(200), ModelPriceDto)
    .refine((prices) => Object.keys(prices).length <= 100, 'at most 100 models'),
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

/** What one session of one agent used, from the project's usage log. */
export const SessionSpendingDto = z.object({
  agent: z.string(),
  session: z.string(),
  model: z.string().optional(),
  /** When its first and last recorded turns ended, ms since the epoch. */
  firstAt: z.number(),
  lastAt: z.number(),
  turns: z.number().int().min(0),
  inputTokens: z.number().min(0),
  outputTokens: z.number().min(0),
  /** Reported cost, plus the user's prices for turns whose CLI reported none; absent when neither. */
  costUsd: z.number().min(0).optional(),
  /** Some of the cost comes from the user's prices. */
  estimated: z.literal(true).optional(),
});

const none = z.object({}).strict().default({});

export const usageMethods = {
  /** Every running agent of every open project, with what it uses now. */
  'resources.list': { params: none, result: z.array(ResourceRowDto) },
  /** Stops a running agent of any open project (the Resources view lists them all). */
  'resources.stop': { params: z.object({ id: z.string().min(1).max(200) }), result: z.object({}) },
  /** Each session of the open project's agents over the last `days`, from its usage log, oldest first. */
  'usage.history': { params: z.object({ days: z.number().int().min(1).max(366).default(30) }), result: z.array(SessionSpendingDto) },
  /** The user's meter settings (the defaults until the user saves some). */
  'usage.settings.get': { params: none, result: UsageSettingsDto },
  /** Keeps the user's meter settings in the user's config; answers them as kept. */
  'usage.settings.save': { params: UsageSettingsDto, result: UsageSettingsDto },
} as const;

export const usageEvents = {
  /** The open project's running agents and what each uses, every few seconds while any runs. */
  'sessions.usage': z.object({ sessions: z.array(SessionUsageDto) }),
  /**
   * An agent's spending today crossed the `budget` of its persona (a warning; nothing is stopped);
   * `estimated` when some of it is tokens at the user's prices, its CLI having reported no cost.
   */
  'agents.overBudget': z.object({ agent: z.string(), budgetUsd: z.number(), spentUsd: z.number(), estimated: z.literal(true).optional() }),
  /** The user's meter settings were saved (in this or another window), as kept: every client of the host hears it. */
  'usage.settingsChanged': UsageSettingsDto,
} as const;

export type SessionUsageDto = z.infer<typeof SessionUsageDto>;
export type ResourceRowDto = z.infer<typeof ResourceRowDto>;
export type UsageSettingsDto = z.infer<typeof UsageSettingsDto>;
export type ModelPriceDto = z.infer<typeof ModelPriceDto>;
export type RateLimitWindowDto = z.infer<typeof RateLimitWindowDto>;
export type SessionSpendingDto = z.infer<typeof SessionSpendingDto>;
