import type { SessionSpendingDto } from '../../../contract/usage';

/** One agent's use over the period, a figure per local calendar day, oldest first. */
export interface AgentSpending {
  readonly agent: string;
  readonly sessions: number;
  readonly turns: number;
  readonly tokens: number;
  /** Absent when no session of it has a cost, reported or from the user's prices. */
  readonly costUsd?: number;
  readonly estimated: boolean;
  /** Cost per day where the agent has any cost, else tokens per day. */
  readonly measure: 'cost' | 'tokens';
  readonly perDay: readonly number[];
}

const startOfDay = (ms: number): number => {
  const date = new Date(ms);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
};

/**
 * Each agent's sessions summed per local day over the `days` ending today, the most expensive agent
 * first (by cost, then tokens). A session counts on the day its last turn ended.
 */
export function spendingByDay(sessions: readonly SessionSpendingDto[], days: number, now: number): AgentSpending[] {
  const today = startOfDay(now);
  // Whole days between two local midnights, rounded so a daylight-saving hour does not shift a day.
  const dayIndex = (ms: number): number => days - 1 - Math.round((today - startOfDay(ms)) / 86_400_000);
  const byAgent = new Map<string, { sessions: number; turns: number; tokens: number; cost?: number; estimated: boolean; cost_: number[]; tokens_: number[] }>();
  for (const session of sessions) {
    const index = dayIndex(session.lastAt);
    if (index < 0 || index >= days) continue;
    const entry = byAgent.get(session.agent) ?? { sessions: 0, turns: 0, tokens: 0, estimated: false, cost_: new Array<number>(days).fill(0), tokens_: new Array<number>(days).fill(0) };
    entry.sessions++;
    entry.turns += session.turns;
    const tokens = session.inputTokens + session.outputTokens;
    entry.tokens += tokens;
    entry.tokens_[index]! += tokens;
    if (session.costUsd !== undefined) {
      entry.cost = (entry.cost ?? 0) + session.costUsd;
      entry.cost_[index]! += session.costUsd;
    }
    if (session.estimated) entry.estimated = true;
    byAgent.set(session.agent, entry);
  }
  return [...byAgent.entries()]
    .map(([agent, e]) => ({
      agent,
      sessions: e.sessions,
      turns: e.turns,
      tokens: e.tokens,
      ...(e.cost !== undefined ? { costUsd: e.cost } : {}),
      estimated: e.estimated,
      measure: e.cost !== undefined ? ('cost' as const) : ('tokens' as const),
      perDay: e.cost !== undefined ? e.cost_ : e.tokens_,
    }))
    .sort((a, b) => (b.costUsd ?? -1) - (a.costUsd ?? -1) || b.tokens - a.tokens);
}
