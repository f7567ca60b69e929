import { describe, expect, it } from 'vitest';
import type { UsageLog } from '../../domain/ports/usage-log.port';

export function usageLogContract(name: string, make: () => Promise<UsageLog>): void {
  describe(`UsageLog contract: ${name}`, () => {
    it('lists nothing before the first record', async () => {
      expect(await (await make()).list()).toEqual([]);
    });

    it('keeps every record, in the order appended, with the fields it was given', async () => {
      const log = await make();
      const first = { at: 1, agent: 'coder', session: 's1', model: 'Opus', inputTokens: 1200, outputTokens: 80, costUsd: 0.01, totalCostUsd: 0.01, durationMs: 4000 };
      const second = { at: 2, agent: 'reviewer', session: 's2', durationMs: 10 };
      const estimated = { at: 3, agent: 'tester', session: 's3', model: 'gpt-5.1-codex', inputTokens: 1000, outputTokens: 100, costUsd: 0.00225, totalCostUsd: 0.00225, costEstimated: true as const };
      expect(await log.append(first)).toEqual({ ok: true, value: undefined });
      await log.append(second);
      await log.append(estimated);
      expect(await log.list()).toEqual([first, second, estimated]);
    });
  });
}
