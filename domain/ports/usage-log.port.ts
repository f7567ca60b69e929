import type { Result } from '../result';

/** One finished turn of one agent: what its CLI reported it used in that turn. */
export interface UsageRecord {
  /** When the turn ended (epoch ms). */
  readonly at: number;
  readonly agent: string;
  readonly session: string;
  readonly model?: string;
  /** Tokens of this turn (the CLI's running totals since the previous record of the session). */
  readonly inputTokens?: number;
  readonly outputTokens?: number;
  /** Cost of this turn, US dollars. */
  readonly costUsd?: number;
  /** The session's cost so far, US dollars. */
  readonly totalCostUsd?: number;
  /**
   * The CLI reported tokens but no cost: `costUsd` and `totalCostUsd` are its tokens at the user's
   * price of its model when the turn ended. Absent, a cost is the CLI's own.
   */
  readonly costEstimated?: true;
  /** How long the turn took (ms), busy to done. */
  readonly durationMs?: number;
}

export type UsageLogError = { readonly kind: 'usage-log-failed'; readonly message: string };

/**
 * The project's usage, kept across sessions: append-only, one record per turn, in the order appended.
 * `list` skips what does not read as a record (a line cut short by a crash, an edit by hand).
 */
export interface UsageLog {
  append(record: UsageRecord): Promise<Result<void, UsageLogError>>;
  list(): Promise<readonly UsageRecord[]>;
}
