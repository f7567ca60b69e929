import { describe, expect, it } from 'vitest';
import { sessionSpending } from './usage-history';

const DAY = 86_400_000;

describe('session spending from the usage log', () => {
  it("totals each session's turns, costs unreported turns at the user's price, and marks those sessions estimated", () => {
    const records = [
      { at: 1 * DAY, agent: 'reviewer', session: 'r1', model: 'opus', inputTokens: 100, outputTokens: 10, costUsd: 0.5 },
      { at: 1 * DAY + 5, agent: 'coder', session: 'c1', model: 'gpt-5.1-codex', inputTokens: 1_000_000, outputTokens: 100_000 },
      { at: 2 * DAY, agent: 'reviewer', session: 'r1', model: 'opus', inputTokens: 50, outputTokens: 5, costUsd: 0.25 },
      { at: 3 * DAY, agent: 'tester', session: 't1', model: 'gemini-2.5-pro', inputTokens: 10, outputTokens: 1 },
    ];
    const prices = { 'gpt-5.1-codex': { inputPerMillionUsd: 1.25, outputPerMillionUsd: 10 } };
    expect(sessionSpending(records, 0, prices)).toEqual([
      { agent: 'reviewer', session: 'r1', model: 'opus', firstAt: 1 * DAY, lastAt: 2 * DAY, turns: 2, inputTokens: 150, outputTokens: 15, costUsd: 0.75 },
      { agent: 'coder', session: 'c1', model: 'gpt-5.1-codex', firstAt: 1 * DAY + 5, lastAt: 1 * DAY + 5, turns: 1, inputTokens: 1_000_000, outputTokens: 100_000, costUsd: 2.25, estimated: true },
      { agent: 'tester', session: 't1', model: 'gemini-2.5-pro', firstAt: 3 * DAY, lastAt: 3 * DAY, turns: 1, inputTokens: 10, outputTokens: 1 },
    ]);
  });

  it('leaves out turns before the period asked for', () => {
    const records = [
      { at: 1 * DAY, agent: 'reviewer', session: 'r1', costUsd: 9 },
      { at: 5 * DAY, agent: 'reviewer', session: 'r1', costUsd: 1 },
    ];
    expect(sessionSpending(records, 2 * DAY, {}).map((s) => [s.turns, s.costUsd, s.firstAt])).toEqual([[1, 1, 5 * DAY]]);
  });

  it('keeps the cost a turn was written with at the price of its day, and marks its session estimated', () => {
    const records = [
      { at: 1 * DAY, agent: 'coder', session: 'c1', model: 'gpt-5.1-codex', inputTokens: 1_000_000, outputTokens: 0, costUsd: 1, costEstimated: true as const },
      { at: 2 * DAY, agent: 'reviewer', session: 'r1', model: 'gpt-5.1-codex', inputTokens: 1_000_000, outputTokens: 0, costUsd: 0.5 },
    ];
    const prices = { 'gpt-5.1-codex': { inputPerMillionUsd: 9, outputPerMillionUsd: 9 } };
    expect(sessionSpending(records, 0, prices).map((s) => [s.agent, s.costUsd, s.estimated])).toEqual([
      ['coder', 1, true],
      ['reviewer', 0.5, undefined],
    ]);
  });
});
