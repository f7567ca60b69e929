import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TesseraApi } from '../../../electron/contract/api';
import type { Params, Response, SkillSummaryDto } from '../../../electron/contract/contract';
import { indexBy } from './agents-store';

export interface SkillsState {
  byId: Record<string, SkillSummaryDto>;
  order: string[];
  loaded: boolean;
  error?: string;
  refresh(): Promise<void>;
  create(input: Params<'skills.create'>): Promise<Response<SkillSummaryDto>>;
  clear(): void;
  dispose(): void;
}

/** A project skill and a global skill may share a name, so the key carries the scope. */
export const skillKey = (skill: { name: string; scope: 'project' | 'global' }) => `${skill.scope}:${skill.name}`;

export function createSkillsStore(api: TesseraApi): StoreApi<SkillsState> {
  let seq = 0;
  const store = createStore<SkillsState>()((set) => ({
    byId: {},
    order: [],
    loaded: false,
    error: undefined,
    async refresh() {
      const mine = ++seq;
      const response = await api.call('skills.list', {});
      if (mine !== seq) return;
      if (!response.ok) {
        set({ loaded: true, error: response.error.message });
        return;
      }
      set({ ...indexBy(response.value, skillKey), loaded: true, error: undefined });
    },
    async create(input) {
      const response = await api.call('skills.create', input);
      if (response.ok) {
        const skill = response.value;
        const key = skillKey(skill);
        set((s) => ({ byId: { ...s.byId, [key]: skill }, order: s.order.includes(key) ? s.order : [...s.order, key] }));
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
  const off = api.on('skills.changed', () => void store.getState().refresh());
  return store;
}
