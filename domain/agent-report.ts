/**
 * What an agent's CLI reports about its own session: its model, how full its context window is, the
 * tokens it used and what they cost. Every figure is the CLI's own; a figure it does not report is
 * absent, never estimated.
 */
export interface AgentReport {
  readonly model?: string;
  /** Percent of the context window in use. */
  readonly contextPercent?: number;
  /** Size of the context window, in tokens. */
  readonly contextWindow?: number;
  readonly inputTokens?: number;
  readonly outputTokens?: number;
  /** Cost of the session so far, US dollars. */
  readonly costUsd?: number;
  /** Time the session has spent so far (ms), as the CLI counts it. */
  readonly durationMs?: number;
  /** The account's usage limits as the CLI last heard them from its provider (Codex: a short and a long window). */
  readonly rateLimits?: RateLimits;
}

/** One usage-limit window of the account: how much of it is used, how long it is, when it starts afresh. */
export interface RateLimitWindow {
  readonly usedPercent: number;
  readonly windowMinutes?: number;
  /** When the window resets, ms since the epoch. */
  readonly resetsAt?: number;
}

/** The provider's two windows: `primary` the shorter (Codex: 5 hours), `secondary` the longer (Codex: a week). */
export interface RateLimits {
  readonly primary?: RateLimitWindow;
  readonly secondary?: RateLimitWindow;
}

const finite = (value: unknown, max = Number.MAX_SAFE_INTEGER): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= max ? value : undefined;
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 && value.length <= 200 ? value : undefined);
const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/**
 * The report in Claude Code's status-line JSON (what it pipes to a status-line command): `model`,
 * `cost.total_cost_usd` and `total_duration_ms`, `context_window` with its size, tokens and
 * `used_percentage` (null before the first turn). Anything malformed reads as not reported.
 */
export function claudeStatusReport(json: unknown): AgentReport {
  const root = record(json);
  const model = record(root.model);
  const cost = record(root.cost);
  const context = record(root.context_window);
  const fields: Record<string, number | string | undefined> = {
    model: text(model.display_name) ?? text(model.id),
    contextPercent: finite(context.used_percentage, 100),
    contextWindow: finite(context.context_window_size),
    inputTokens: finite(context.total_input_tokens),
    outputTokens: finite(context.total_output_tokens),
    costUsd: finite(cost.total_cost_usd, 1_000_000),
    durationMs: finite(cost.total_duration_ms),
  };
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as AgentReport;
}
