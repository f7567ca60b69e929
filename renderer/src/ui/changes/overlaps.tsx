import { useState } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TesseraApi } from '../../../../contract/api';
import type { OverlapsDto, SessionDto } from '../../../../contract/contract';
import { isLive } from '../../stores/sessions-store';
import { useAgents, useApp } from '../shell/StoresContext';

/** Per agent: each other agent it shares changed files with, and those files. */
export type OverlapsByAgent = Readonly<Record<string, readonly { readonly other: string; readonly files: readonly string[] }[]>>;

export function overlapsByAgent(result: Pick<OverlapsDto, 'overlaps'>): OverlapsByAgent {
  const out: Record<string, { other: string; files: string[] }[]> = {};
  for (const { agents, files } of result.overlaps) {
    const [a, b] = agents;
    (out[a] ??= []).push({ other: b, files: [...files] });
    (out[b] ??= []).push({ other: a, files: [...files] });
  }
  return out;
}

interface OverlapsState {
  readonly byAgent: OverlapsByAgent;
}

const stores = new WeakMap<TesseraApi, StoreApi<OverlapsState>>();

/**
 * The overlaps of the running agents, asked again whenever a turn is recorded or an agent starts
 * or stops; one watch per api, shared by every pane and row.
 */
function overlapsStore(api: TesseraApi, sessions: StoreApi<{ byId: Record<string, SessionDto>; order: string[] }>): StoreApi<OverlapsState> {
  const found = stores.get(api);
  if (found) return found;
  const store = createStore<OverlapsState>()(() => ({ byAgent: {} }));
  let asked = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const ask = async () => {
    const mine = ++asked;
    const state = sessions.getState();
    const running = [...new Set(state.order.map((id) => state.byId[id]).filter((s): s is SessionDto => !!s && isLive(s)).map((s) => s.agent))];
    if (running.length < 2) {
      store.setState({ byAgent: {} });
      return;
    }
    const response = await api.call('agents.overlaps', { slugs: running.slice(0, 50) });
    if (mine !== asked) return;
    store.setState({ byAgent: response.ok ? overlapsByAgent(response.value) : {} });
  };
  // Bursts of events (a turn's end, several agents settling) ask once.
  const soon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void ask(), 300);
  };
  api.on('turns.recorded', soon);
  let live = '';
  sessions.subscribe((state) => {
    const now = state.order.filter((id) => isLive(state.byId[id])).join(',');
    if (now !== live) {
      live = now;
      soon();
    }
  });
  stores.set(api, store);
  soon();
  return store;
}

export function useOverlaps(agent: string): OverlapsByAgent[string] | undefined {
  const app = useApp();
  const [store] = useState(() => overlapsStore(app.api, app.sessions));
  return useStore(store, (s) => s.byAgent[agent]);
}

/** "Also changed by <other>: <files>", for the agent's pane, its row and its Changes view. */
export function OverlapNotice({ agent, compact }: { agent: string; compact?: boolean }) {
  const overlaps = useOverlaps(agent);
  const names = useAgents((s) => s.byId);
  if (!overlaps || overlaps.length === 0) return null;
  const text = overlaps.map((o) => `${names[o.other]?.name ?? o.other} also changed ${o.files.join(', ')}`).join('; ');
  return (
    <span className={`overlap-notice${compact ? ' compact' : ''}`} role="note" title={text}>
      ⚠ {text}
    </span>
  );
}
