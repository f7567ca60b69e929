import { describe, expect, it } from 'vitest';
import type { UsageSettingsStore } from '../../domain/ports/usage-settings.port';
import { DEFAULT_USAGE_SETTINGS } from '../../domain/usage-settings';

export interface UsageSettingsWorld {
  readonly store: UsageSettingsStore;
  /** A second store over the same place, as the next run of the host would open it. */
  reopen(): UsageSettingsStore;
  /** Makes the next saves fail (and may lose what was kept: a broken disk). */
  breakWrites(): void;
}

export function usageSettingsContract(name: string, make: () => Promise<UsageSettingsWorld>): void {
  describe(`UsageSettingsStore contract: ${name}`, () => {
    it('answers the defaults before anything was saved', async () => {
      const { store } = await make();
      expect(await store.get()).toEqual(DEFAULT_USAGE_SETTINGS);
    });

    it('keeps what was saved, for the next run too', async () => {
      const w = await make();
      const settings = { contextWarningPercent: 65, prices: { 'gpt-5.1-codex': { inputPerMillionUsd: 1.25, outputPerMillionUsd: 10 } } };
      expect(await w.store.save(settings)).toEqual({ ok: true, value: undefined });
      expect(await w.store.get()).toEqual(settings);
      expect(await w.reopen().get()).toEqual(settings);
    });

    it('reports a save that failed, and does not answer what it failed to keep', async () => {
      const w = await make();
      w.breakWrites();
      const saved = await w.store.save({ contextWarningPercent: 90, prices: {} });
      expect(saved.ok ? undefined : saved.error.kind).toBe('store-write-failed');
      expect((await w.store.get()).contextWarningPercent).not.toBe(90);
    });
  });
}
