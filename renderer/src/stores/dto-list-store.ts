import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Response } from '../../../contract/contract';

/** A list of DTOs the main process owns (agents, skills): `byId` + `order`, refetched on its changed event. */
export interface DtoListState<T, CreateInput> {
  byId: Record<string, T>;
  order: string[];
  loaded: boolean;
  error?: string;
  refresh(): Promise<void>;
  create(input: CreateInput): Promise<Response<T>>;
  clear(): void;
  dispose(): void;
}

export interface DtoListSource<T, CreateInput> {
  list(): Promise<Response<T[]>>;
  create(input: CreateInput): Promise<Response<T>>;
  /** Subscribes to the event that says the list changed on disk; returns the unsubscribe. */
  onChanged(listener: () => void): () => void;
  key(item: T): string;
}

/** The files are the source of truth, so every changed event refetches the whole list. */
export function createDtoListStore<T, CreateInput>(source: DtoListSource<T, CreateInput>): StoreApi<DtoListState<T, CreateInput>> {
  let seq = 0;
  const store = createStore<DtoListState<T, CreateInput>>()((set) => ({
    byId: {},
    order: [],
    loaded: false,
    error: undefined,
    async refresh() {
      const mine = ++seq;
      const response = await source.list();
      // A slower, older answer must not overwrite a newer one.
      if (mine !== seq) return;
      if (!response.ok) {
        set({ loaded: true, error: response.error.message });
        return;
      }
      set({ ...indexBy(response.value, source.key), loaded: true, error: undefined });
    },
    async create(input) {
      const response = await source.create(input);
      if (response.ok) {
        const item = response.value;
        const key = source.key(item);
        set((s) => ({ byId: { ...s.byId, [key]: item }, order: s.order.includes(key) ? s.order : [...s.order, key] }));
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
  const off = source.onChanged(() => void store.getState().refresh());
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
