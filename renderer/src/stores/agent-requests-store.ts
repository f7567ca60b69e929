import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TesseraApi } from '../../../contract/api';
import type { AgentMessaging, AgentRequestDto } from '../../../contract/agent-messaging';

/**
 * The open project's agent-messaging setting and the agents' requests waiting for the user (setting
 * 'ask'), kept in step with the host's events: a request shown here goes once it is answered in any
 * window or times out.
 */
export interface AgentRequestsState {
  readonly setting: AgentMessaging | undefined;
  readonly pending: readonly AgentRequestDto[];
  /** Why the last change or answer failed, as the host said it. */
  readonly error: string | undefined;
  load(): Promise<void>;
  setSetting(setting: AgentMessaging): Promise<void>;
  answer(id: string, allow: boolean): Promise<void>;
}

export function createAgentRequestsStore(api: TesseraApi): StoreApi<AgentRequestsState> & { dispose(): void } {
  const store = createStore<AgentRequestsState>()((set, get) => ({
    setting: undefined,
    pending: [],
    error: undefined,
    async load() {
      const response = await api.call('agentMessaging.get', {});
      if (response.ok) set({ setting: response.value.setting, pending: response.value.pending, error: undefined });
      else set({ setting: undefined, pending: [], error: response.error.message });
    },
    async setSetting(setting) {
      const response = await api.call('agentMessaging.set', { setting });
      if (response.ok) set({ setting: response.value.setting, error: undefined });
      else set({ error: response.error.message });
    },
    async answer(id, allow) {
      const response = await api.call('agentMessaging.answer', { id, allow });
      // Answered here or gone already (answered elsewhere, timed out): either way it waits no more.
      if (response.ok || response.error.kind === 'agent-request-gone') set({ pending: get().pending.filter((request) => request.id !== id), error: undefined });
      else set({ error: response.error.message });
    },
  }));
  const offs = [
    api.on('agentMessaging.requested', (request) => {
      if (!store.getState().pending.some((known) => known.id === request.id)) store.setState({ pending: [...store.getState().pending, request] });
    }),
    api.on('agentMessaging.settled', ({ id }) => store.setState({ pending: store.getState().pending.filter((request) => request.id !== id) })),
    api.on('agentMessaging.changed', ({ setting }) => store.setState({ setting })),
    api.on('project.changed', () => void store.getState().load()),
  ];
  return Object.assign(store, { dispose: () => offs.forEach((off) => off()) });
}
