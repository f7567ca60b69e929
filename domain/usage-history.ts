import type { UsageRecord } from './ports/usage-log.port';
import { estimatedCostUsd, type UsageSettings } from './usage-settings';

/** What one session of one agent used, from its turns in the usage log. */
export interface SessionSpending {
  readonly agent: string;
  readonly session: string;
  /** The model of its last turn that named one. */
  readonly model?: string;
  /** When its first and last recorded turns ended (epoch ms). */
  readonly firstAt: number;
  readonly lastAt: number;
  readonly turns: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Reported cost, plus the user's prices for turns whose CLI reported none; absent when no turn has either. */
  readonly costUsd?: number;
  /** Some of `costUsd` comes from the user's prices, as the turn was written or as they are now. */
  readonly estimated?: true;
}

/**
 * Each session's totals over its turns since `sinceMs`, oldest session first. A turn written with an
 * estimated cost keeps it; a turn written with no cost is costed at the user's price of its model now;
 * either marks the session estimated. A turn with neither adds tokens and no cost, never a guess.
 */
export function sessionSpending(records: readonly UsageRecord[], sinceMs: number, prices: UsageSettings['prices']): SessionSpending[] {
  const bySession = new Map<string, { -readonly [K in keyof SessionSpending]: SessionSpending[K] }>();
  for (const record of records) {
    if (record.at < sinceMs) continue;
    const key = `${record.agent}\u0000${record.session}`;
    const spending = bySession.get(key) ?? { agent: record.agent, session: record.session, firstAt: record.at, lastAt: record.at, turns: 0, inputTokens: 0, outputTokens: 0 };
    spending.turns++;
    spending.firstAt = Math.min(spending.firstAt, record.at);
    spending.lastAt = Math.max(spending.lastAt, record.at);
    spending.inputTokens += record.inputTokens ?? 0;
    spending.outputTokens += record.outputTokens ?? 0;
    if (record.model !== undefined) spending.model = record.model;
    const estimate = record.costUsd === undefined ? estimatedCostUsd(record, prices) : undefined;
    const cost = record.costUsd ?? estimate;
    if (cost !== undefined) spending.costUsd = (spending.costUsd ?? 0) + cost;
    if (estimate !== undefined || record.costEstimated) spending.estimated = true;
    bySession.set(key, spending);
  }
  return [...bySession.values()].sort((a, b) => a.firstAt - b.firstAt);
}
