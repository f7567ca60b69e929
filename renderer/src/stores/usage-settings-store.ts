import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TesseraApi } from '../../../contract/api';
import type { UsageSettingsDto } from '../../../contract/usage';

/** Past this share of its context window an agent is badged and, once, announced, until the user sets another. */
export const DEFAULT_CONTEXT_WARNING_PERCENT = 80;

export interface UsageSettingsState {
  /** The user's meter settings: the defaults until the host answers. */
  settings: UsageSettingsDto;
  refresh(): Promise<void>;
  /** Keeps new settings in the user's config; answers why not, or undefined once kept. */
  save(settings: UsageSettingsDto): Promise<string | undefined>;
  dispose(): void;
}

/**
 * The user's context warning and prices per model, kept by the host in the user's config (not the
 * project's), and kept in step with saves made in any window.
 */
export function createUsageSettingsStore(api: TesseraApi): StoreApi<UsageSettingsState> {
  const store = createStore<UsageSettingsState>()((set) => ({
    settings: { contextWarningPercent: DEFAULT_CONTEXT_WARNING_PERCENT, prices: {} },
    async refresh() {
      const response = await api.call('usage.settings.get', {});
      if (response.ok) set({ settings: response.value });
    },
    async save(settings) {
      const response = await api.call('usage.settings.save', settings);
      if (!response.ok) return response.error.message;
      set({ settings: response.value });
      return undefined;
    },
    dispose() {
      off();
    },
  }));
  const off = api.on('usage.settingsChanged', (settings) => store.setState({ settings }));
  return store;
}

/** The price the user set for a model, found as the host keeps it: without case or surrounding spaces. */
export function priceOf(settings: UsageSettingsDto, model: string | undefined): UsageSettingsDto['prices'][string] | undefined {
  return model === undefined ? undefined : settings.prices[model.trim().toLowerCase()];
}
