import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TesseraApi } from '../../../electron/contract/api';
import type { AgentSummaryDto, Params, Response } from '../../../electron/contract/contract';

export interface AgentsState {
  byId: Record<string, AgentSummaryDto>;
  order: string[];
  loaded: boolean;
  error?: string;
  refresh(): Promise<void>;
  create(input: Params<'agents.create'>): Promise<Response<AgentSummaryDto>>;
  clear(): void;
  dispose(): void;
}

/** The project's agents as DTOs, refetched on every agents.changed (files are the source of truth). */
export function createAgentsStore(api: TesseraApi): StoreApi<AgentsState> {
  let seq = 0;
  const store = createStore<AgentsState>()((set) => ({
    byId: {},
    order: [],
    loaded: false,
    error: undefined,
    async refresh() {
      const mine = ++seq;
      const response = await api.call('agents.list', {});
      // A slower, older answer must not overwrite a newer one.
      if (mine !== seq) return;
      if (!response.ok) {
        set({ loaded: true, error: response.error.message });
        return;
      }
      set({ ...indexBy(response.value, (a) => a.slug), loaded: true, error: undefined });
    },
    async create(input) {
      const response = await api.call('agents.create', input);
      if (response.ok) {
        const agent = response.value;
        set((s) => ({
          byId: { ...s.byId, [agent.slug]: agent },
          order: s.order.includes(agent.slug) ? s.order : [...s.order, agent.slug],
        }));
      }
      return response;
    },
    clear() {
      seq++;
      set({ byId: {}, order: [], loaded: false, error: undefined });
    },
    dispose() {
      off();
    },
  }));
  const off = api.on('agents.changed', () => void store.getState().refresh());
  return store;
}

export function indexBy<T>(items: readonly T[], key: (item: T) => string): { byId: Record<string, T>; order: string[] } {
  const byId: Record<string, T> = {};
  const order: string[] = [];
  for (const item of items) {
    const id = key(item);
    if (!(id in byId)) order.push(id);
    byId[id] = item;
  }
  return { byId, order };
}
