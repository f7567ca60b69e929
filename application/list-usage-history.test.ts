import { describe, expect, it } from 'vitest';
import { FixedClock } from '../adapters/memory/fixed-clock';
import { InMemoryUsageLog } from '../adapters/memory/in-memory-usage-log';
import { InMemoryUsageSettings } from '../adapters/memory/in-memory-usage-settings';
import { ListUsageHistory } from './list-usage-history';

const DAY = 86_400_000;

describe('ListUsageHistory', () => {
  it("answers each session of the last days from the usage log, costed at the user's current prices", async () => {
    const log = new InMemoryUsageLog();
    const settings = new InMemoryUsageSettings();
    const clock = new FixedClock(40 * DAY);
    await log.append({ at: 5 * DAY, agent: 'coder', session: 'old', model: 'gpt-5.1-codex', inputTokens: 1_000_000, outputTokens: 0 });
    await log.append({ at: 39 * DAY, agent: 'coder', session: 'new', model: 'gpt-5.1-codex', inputTokens: 1_000_000, outputTokens: 0 });
    const history = new ListUsageHistory({ log, settings, clock });
    expect(await history.execute({ days: 30 })).toEqual({ ok: true, value: [expect.objectContaining({ session: 'new', inputTokens: 1_000_000 })] });
    const unpriced = await history.execute({ days: 30 });
    expect(unpriced.ok ? unpriced.value[0]?.costUsd : 'failed').toBeUndefined();
    await settings.save({ contextWarningPercent: 80, prices: { 'gpt-5.1-codex': { inputPerMillionUsd: 2, outputPerMillionUsd: 8 } } });
    const priced = await history.execute({ days: 366 });
    expect(priced.ok ? priced.value.map((s) => [s.session, s.costUsd, s.estimated]) : []).toEqual([
      ['old', 2, true],
      ['new', 2, true],
    ]);
  });
});
