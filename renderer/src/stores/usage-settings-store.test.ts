import { describe, expect, it } from 'vitest';
import { FakeApi } from '../testing/fake-api';
import { createUsageSettingsStore } from './usage-settings-store';

describe('usage settings store', () => {
  it('takes the settings another window saved, as the host pushes them, and hears nothing once disposed', async () => {
    const api = new FakeApi().answer('usage.settings.get', { contextWarningPercent: 80, prices: {} });
    const store = createUsageSettingsStore(api);
    await store.getState().refresh();
    const saved = { contextWarningPercent: 65, prices: { 'gpt-5.1-codex': { inputPerMillionUsd: 1.25, outputPerMillionUsd: 10 } } };
    api.emit('usage.settingsChanged', saved);
    expect(store.getState().settings).toEqual(saved);
    store.getState().dispose();
    api.emit('usage.settingsChanged', { contextWarningPercent: 90, prices: {} });
    expect(store.getState().settings).toEqual(saved);
  });
});
