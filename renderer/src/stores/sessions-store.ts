import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TesseraApi } from '../../../contract/api';
import type { Response, SendOutcomeDto, SessionDto, SessionStatusDto } from '../../../contract/contract';
import { indexBy } from './dto-list-store';

export interface TerminalSize {
  readonly cols: number;
  readonly rows: number;
}

export type Launch = (agent: string, size?: TerminalSize) => Promise<Response<SessionDto>>;

/**
 * Stands between every launch and the host, given to the store when it is made: the trust gate
 * turns a refusal for an untrusted project into the question "Trust this project?" and launches
 * again on yes (trust-gate.ts). `ungated` lets every launch straight through.
 */
export type LaunchGate = (launch: Launch) => Launch;

export const ungated: LaunchGate = (launch) => launch;

export interface SessionsState {
  byId: Record<string, SessionDto>;
  order: string[];
  loaded: boolean;
  refresh(): Promise<void>;
  /** Goes through the store's launch gate. `size` is the terminal of the pane the agent will show in. */
  launch: Launch;
  kill(sessionId: string): Promise<Response<unknown>>;
  /** With `resume`, the profile's resume args continue the last conversation (Claude Code `--continue`). */
  restart(sessionId: string, options?: { resume?: boolean }): Promise<Response<SessionDto>>;
  /** Sends one message to several agents: written to idle ones now, queued for the others. */
  send(message: string, to: string[] | 'all'): Promise<Response<SendOutcomeDto[]>>;
  /** The newest raw output of an agent, from its transcript on disk. */
  transcript(agent: string): Promise<Response<{ text: string }>>;
  /** Approves or denies a session's pending permission request (through the agent's hook). */
  answerApproval(sessionId: string, approval: string, decision: 'approve' | 'deny'): Promise<Response<unknown>>;
  clear(): void;
  dispose(): void;
}

export type AgentStatus = SessionStatusDto | 'stopped';

export const isLive = (session: SessionDto | undefined): boolean =>
  !!session && session.status !== 'exited' && session.status !== 'failed';

/** The agent's most recent session: the one its pane shows and its badge reports. */
export function latestSession(state: Pick<SessionsState, 'byId' | 'order'>, agent: string): SessionDto | undefined {
  let latest: SessionDto | undefined;
  for (const id of state.order) {
    const session = state.byId[id];
    if (!session || session.agent !== agent) continue;
    // Prefer a live session over a newer dead one only when start times tie; otherwise newest wins.
    if (!latest || session.startedAt > latest.startedAt || (session.startedAt === latest.startedAt && isLive(session))) latest = session;
  }
  return latest;
}

export function agentStatus(state: Pick<SessionsState, 'byId' | 'order'>, agent: string): AgentStatus {
  return latestSession(state, agent)?.status ?? 'stopped';
}

/** Sessions of the project, upserted from results and from sessions.changed pushes. */
export function createSessionsStore(api: TesseraApi, options: { readonly launchGate: LaunchGate }): StoreApi<SessionsState> {
  let seq = 0;
  const upsert = (session: SessionDto) =>
    store.setState((s) => ({
      byId: { ...s.byId, [session.id]: session },
      order: s.order.includes(session.id) ? s.order : [...s.order, session.id],
    }));
  const launchOnce: Launch = async (agent, size) => {
    const response = await api.call('agents.launch', { slug: agent, ...(size ?? {}) });
    if (response.ok) upsert(response.value);
    return response;
  };
  const store = createStore<SessionsState>()((set) => ({
    byId: {},
    order: [],
    loaded: false,
    async refresh() {
      const mine = ++seq;
      const response = await api.call('sessions.list', {});
      if (mine !== seq || !response.ok) return;
      set({ ...indexBy(response.value, (s) => s.id), loaded: true });
    },
    launch: options.launchGate(launchOnce),
    async kill(sessionId) {
      return api.call('sessions.kill', { id: sessionId });
    },
    async restart(sessionId, options) {
      const response = await api.call('sessions.restart', { id: sessionId, ...(options?.resume ? { resume: true } : {}) });
      if (response.ok) upsert(response.value);
      return response;
    },
    send(message, to) {
      return api.call('sessions.send', { message, to });
    },
    transcript(agent) {
      return api.call('sessions.transcript', { slug: agent });
    },
    answerApproval(sessionId, approval, decision) {
      return api.call('sessions.answerApproval', { id: sessionId, approval, decision });
    },
    clear() {
      seq++;
      set({ byId: {}, order: [], loaded: false });
    },
    dispose() {
      off();
    },
  }));
  const off = api.on('sessions.changed', (session) => upsert(session));
  return store;
}
