import { describe, expect, it } from 'vitest';
import { spendingByDay } from './spending-by-day';

const at = (day: number, hour = 12) => new Date(2026, 11, day, hour).getTime();
const session = (agent: string, lastAt: number, extra: { costUsd?: number; estimated?: true; tokens?: number } = {}) => ({
  agent, session: `${agent}-${lastAt}`, firstAt: lastAt, lastAt, turns: 2, inputTokens: extra.tokens ?? 100, outputTokens: 0,
  ...(extra.costUsd !== undefined ? { costUsd: extra.costUsd } : {}), ...(extra.estimated ? { estimated: extra.estimated } : {}),
});

describe('spending by day', () => {
  it('sums each agent per local day over the period, the most expensive first, and says when part is estimated', () => {
    const result = spendingByDay(
      [
        session('reviewer', at(3), { costUsd: 1 }),
        session('coder', at(4, 1), { costUsd: 2, estimated: true }),
        session('coder', at(4, 23), { costUsd: 3 }),
        session('reviewer', at(5), { costUsd: 0.5 }),
        session('tester', at(5), { tokens: 5000 }),
        session('old', at(1), { costUsd: 100 }),
      ],
      3,
      at(5, 18),
    );
    expect(result).toEqual([
      { agent: 'coder', sessions: 2, turns: 4, tokens: 200, costUsd: 5, estimated: true, measure: 'cost', perDay: [0, 5, 0] },
      { agent: 'reviewer', sessions: 2, turns: 4, tokens: 200, costUsd: 1.5, estimated: false, measure: 'cost', perDay: [1, 0, 0.5] },
      { agent: 'tester', sessions: 1, turns: 2, tokens: 5000, estimated: false, measure: 'tokens', perDay: [0, 0, 5000] },
    ]);
  });
});
