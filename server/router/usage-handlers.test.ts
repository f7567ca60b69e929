import { describe, expect, it } from 'vitest';
import { err, ok } from '../../domain/result';
import type { ResourcesService } from '../host-resources';
import { InMemoryUsageSettings } from '../../adapters/memory/in-memory-usage-settings';
import { usageMethods } from '../../contract/usage';
import { UsageSettingsService } from '../usage-settings-service';
import { usageHandlers } from './usage-handlers';

/** A connection with no project open. */
const none = { current: () => undefined };

const row = { id: 's1', projectRoot: '/p', projectName: 'p', agent: 'coder', agentName: 'Coder', profile: 'claude', pid: 10, status: 'busy', startedAt: 1, cpuPercent: 3 };

describe('the usage handlers', () => {
  it('answers resources-unavailable where the host measures nothing', async () => {
    expect(await usageHandlers['resources.list']({}, none)).toEqual({ ok: false, error: { kind: 'resources-unavailable' } });
    expect(await usageHandlers['resources.stop']({ id: 's1' }, none)).toEqual({ ok: false, error: { kind: 'resources-unavailable' } });
  });

  it("lists the host's running agents and stops one, passing a refusal on as it is", async () => {
    const stopped: string[] = [];
    const resources: ResourcesService = {
      list: () => [row],
      stop: async (id) => {
        stopped.push(id);
        return id === 's1' ? ok(undefined) : err({ kind: 'session-not-found', id });
      },
    };
    expect(await usageHandlers['resources.list']({}, { ...none, resources })).toEqual({ ok: true, value: [row] });
    expect(await usageHandlers['resources.stop']({ id: 's1' }, { ...none, resources })).toEqual({ ok: true, value: {} });
    expect(await usageHandlers['resources.stop']({ id: 's9' }, { ...none, resources })).toEqual({ ok: false, error: { kind: 'session-not-found', id: 's9' } });
    expect(stopped).toEqual(['s1', 's9']);
  });

  it("answers the user's settings and keeps new ones in their normal form, passing a failed save on", async () => {
    const store = new InMemoryUsageSettings();
    const usageSettings = new UsageSettingsService(store);
    expect(await usageHandlers['usage.settings.get']({}, { ...none, usageSettings })).toEqual({ ok: true, value: { contextWarningPercent: 80, prices: {} } });
    const given = { contextWarningPercent: 65, prices: { ' Opus ': { inputPerMillionUsd: 15, outputPerMillionUsd: 75 } } };
    const kept = { contextWarningPercent: 65, prices: { opus: { inputPerMillionUsd: 15, outputPerMillionUsd: 75 } } };
    expect(await usageHandlers['usage.settings.save'](given, { ...none, usageSettings })).toEqual({ ok: true, value: kept });
    expect(await store.get()).toEqual(kept);
    expect(usageSettings.current()).toEqual(kept);
    store.failWrites = true;
    const failed = await usageHandlers['usage.settings.save']({ contextWarningPercent: 90, prices: {} }, { ...none, usageSettings });
    expect(failed.ok ? undefined : failed.error.kind).toBe('store-write-failed');
    expect(usageSettings.current()).toEqual(kept);
  });

  it('refuses settings the contract does not allow before any handler sees them', () => {
    expect(usageMethods['usage.settings.save'].params.safeParse({ contextWarningPercent: 0, prices: {} }).success).toBe(false);
    expect(usageMethods['usage.settings.save'].params.safeParse({ contextWarningPercent: 80, prices: { opus: { inputPerMillionUsd: -1, outputPerMillionUsd: 1 } } }).success).toBe(false);
    expect(usageMethods['usage.settings.save'].params.safeParse({ contextWarningPercent: 80, prices: { opus: { inputPerMillionUsd: 3, outputPerMillionUsd: 15 } } }).success).toBe(true);
  });

  it("answers the open project's usage history, and no-project before one is open", async () => {
    const asked: number[] = [];
    const spending = [{ agent: 'coder', session: 's1', firstAt: 1, lastAt: 2, turns: 1, inputTokens: 10, outputTokens: 1 }];
    const project = { listUsageHistory: { execute: async ({ days }: { days: number }) => (asked.push(days), ok(spending)) } };
    expect(await usageHandlers['usage.history']({ days: 30 }, none)).toEqual({ ok: false, error: { kind: 'no-project' } });
    expect(await usageHandlers['usage.history']({ days: 7 }, { current: () => project })).toEqual({ ok: true, value: spending });
    expect(asked).toEqual([7]);
  });
});
