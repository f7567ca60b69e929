import type { TerminalAttachment, TerminalSink, TesseraApi } from '../../../contract/api';
import {
  events as eventSchemas,
  type EventName,
  type EventPayload,
  type MethodName,
  type Params,
  type Response,
  type ResultOf,
} from '../../../contract/contract';
import { attachTerminalSocket } from './terminal-socket';
import { backoffDelay } from '../../../contract/terminal-stream-client';
import type { IdentityProbe, ServerIdentity } from '../../../contract/server-identity';
import type { ProbeIdentity } from './identity-probe';
import { openBrowserSocket, SOCKET_OPEN, socketUrl, type OpenSocket, type SocketLike } from './socket';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/**
 * What the page knows went wrong with its server, beside the connection state:
 * - `unreachable` (reconnecting): nothing answers at this address; it is retried, since a server
 *   started again answers at the same address (its port and token are remembered);
 * - `not-tessera` (reconnecting): another program answers there; retried too;
 * - `token-refused` (closed): the server no longer accepts this page's token; never retried;
 * - `version-changed` (closed): another version of the server answers; this page was built for
 *   `was` and must be reloaded; never retried;
 * - `restarted` (open): connected again, to a new server process: the agents of the old one stopped
 *   with it (those that declare a resume were relaunched if it was restarted on purpose).
 */
export type ConnectionProblem =
  | { readonly kind: 'unreachable' }
  | { readonly kind: 'not-tessera' }
  | { readonly kind: 'token-refused' }
  | { readonly kind: 'version-changed'; readonly was: string; readonly now: string }
  | { readonly kind: 'restarted' };

/** TesseraApi over `tessera web`, plus what only a network transport has: a connection that can drop. */
export interface WebSocketApi extends TesseraApi {
  readonly kind: 'web';
  connection(): ConnectionState;
  /** Called on every state change; `reconnected` is true when the socket came back after a drop (stores refetch). */
  onConnection(listener: (state: ConnectionState, reconnected: boolean) => void): () => void;
  /** What went wrong, if anything (listeners of onConnection hear each change). */
  problem(): ConnectionProblem | undefined;
  /** The user has read the `restarted` notice. */
  acknowledgeProblem(): void;
  /** Closes the RPC socket for good (tests, page teardown). */
  dispose(): void;
}

export interface WebSocketApiOptions {
  openSocket?: OpenSocket;
  /** How long a call made while disconnected waits for the socket before failing with 'disconnected'. */
  offlineWaitMs?: number;
  backoff?: (attempt: number) => number;
  /**
   * Asks who answers at the page's address (identity-probe.ts). Without it a drop is retried
   * forever and nothing tells a restart or another version apart.
   */
  probeIdentity?: ProbeIdentity;
}

type Pending = { resolve: (response: Response<unknown>) => void; sent: boolean; timer?: ReturnType<typeof setTimeout> };

const disconnected = (message: string): Response<never> => ({ ok: false, error: { kind: 'disconnected', message } });
const NO_TOKEN: Response<never> = {
  ok: false,
  error: { kind: 'no-token', message: 'This page was opened without its token: open the address `tessera web` printed (it ends in ?token=…).' },
};

/**
 * JSON-RPC 2.0 client for `/rpc`. Requests carry ids and wait in a pending map; the
 * server answers with the contract Response as `result`. Events are notifications named after the
 * event. Without a token nothing is opened (the server would refuse it) and every call says so. On a
 * drop it reconnects with backoff; calls already sent fail with 'disconnected' (they may
 * or may not have run, so they are never replayed), calls made while offline wait for the socket.
 */
export function createWebSocketApi(baseUrl: string, token: string, options: WebSocketApiOptions = {}): WebSocketApi {
  const openSocket = options.openSocket ?? openBrowserSocket;
  const offlineWaitMs = options.offlineWaitMs ?? 10_000;
  const backoff = options.backoff ?? backoffDelay;
  const rpcUrl = socketUrl(baseUrl, '/rpc', token);

  let socket: SocketLike | undefined;
  let state: ConnectionState = 'connecting';
  let problem: ConnectionProblem | undefined;
  /** The server this page first reached; another pid later is a restart, another app another version. */
  let known: ServerIdentity | undefined;
  let everOpened = false;
  let attempt = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const queued: { id: number; frame: string }[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const connectionListeners = new Set<(state: ConnectionState, reconnected: boolean) => void>();

  const setState = (next: ConnectionState, reconnected = false) => {
    state = next;
    for (const listener of [...connectionListeners]) listener(next, reconnected);
  };

  const settle = (id: number, response: Response<unknown>) => {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    if (entry.timer) clearTimeout(entry.timer);
    entry.resolve(response);
  };

  const flushQueue = () => {
    while (socket && socket.readyState === SOCKET_OPEN && queued.length > 0) {
      const next = queued.shift()!;
      const entry = pending.get(next.id);
      if (!entry) continue;
      entry.sent = true;
      if (entry.timer) clearTimeout(entry.timer);
      entry.timer = undefined;
      socket.send(next.frame);
    }
  };

  const onMessage = (data: unknown) => {
    if (typeof data !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (!message || typeof message !== 'object') return;
    const m = message as { id?: unknown; method?: unknown; params?: unknown; result?: unknown; error?: unknown };
    if (typeof m.id === 'number' && pending.has(m.id)) {
      settle(m.id, toResponse(m.result, m.error));
      return;
    }
    if (typeof m.method === 'string' && m.id === undefined) dispatchEvent(m.method, m.params);
  };

  const dispatchEvent = (name: string, params: unknown) => {
    if (!(name in eventSchemas)) return;
    // The server is trusted more than the renderer, but a malformed push must not crash a store.
    const parsed = eventSchemas[name as EventName].safeParse(params ?? {});
    if (!parsed.success) return;
    for (const listener of [...(listeners.get(name) ?? [])]) listener(parsed.data);
  };

  const stopForGood = (why: ConnectionProblem) => {
    problem = why;
    if (reconnectTimer) clearTimeout(reconnectTimer);
    reconnectTimer = undefined;
    const current = socket;
    socket = undefined;
    current?.close();
    for (const id of [...pending.keys()]) settle(id, disconnected('The connection to Tessera is closed.'));
    queued.length = 0;
    setState('closed');
  };

  /** Judges an identity heard at this address; false when the page must not go on with it. */
  const judge = (identity: ServerIdentity): boolean => {
    if (!known) {
      known = identity;
      return true;
    }
    if (identity.app !== known.app) {
      stopForGood({ kind: 'version-changed', was: known.app, now: identity.app });
      return false;
    }
    if (identity.pid !== known.pid || identity.startedAt !== known.startedAt) {
      known = identity;
      problem = { kind: 'restarted' };
    }
    return true;
  };

  const scheduleRetry = () => {
    reconnectTimer = setTimeout(retry, backoff(attempt++));
  };

  /** After a drop: asks who answers first (when it can), and reconnects only where that can work. */
  const retry = () => {
    reconnectTimer = undefined;
    if (state === 'closed') return;
    if (!options.probeIdentity) return connect();
    void options.probeIdentity().then((heard: IdentityProbe) => {
      if (state === 'closed') return;
      switch (heard.kind) {
        case 'tessera':
          if (judge(heard.identity)) connect();
          return;
        case 'token-refused':
          return stopForGood({ kind: 'token-refused' });
        case 'unreachable':
        case 'not-tessera':
          if (problem?.kind !== heard.kind) {
            problem = { kind: heard.kind };
            setState('reconnecting');
          }
          return scheduleRetry();
      }
    });
  };

  const connect = () => {
    const current = openSocket(rpcUrl);
    socket = current;
    current.onopen = () => {
      if (socket !== current) return;
      const reconnected = everOpened;
      everOpened = true;
      attempt = 0;
      if (problem?.kind !== 'restarted') problem = undefined;
      setState('open', reconnected);
      flushQueue();
      // The first connection learns which server this page speaks to; later ones already asked before connecting.
      if (!reconnected && options.probeIdentity) {
        void options.probeIdentity().then((heard) => {
          if (heard.kind === 'tessera' && socket === current) judge(heard.identity);
        });
      }
    };
    current.onmessage = (event) => {
      if (socket === current) onMessage(event.data);
    };
    current.onerror = () => {};
    current.onclose = () => {
      if (socket !== current) return;
      socket = undefined;
      for (const [id, entry] of [...pending]) {
        if (entry.sent) settle(id, disconnected('The connection to Tessera was lost before it answered.'));
      }
      if (state === 'closed') return;
      if (problem?.kind === 'restarted') problem = undefined;
      setState('reconnecting');
      scheduleRetry();
    };
  };

  if (token === '') state = 'closed';
  else connect();

  const api: WebSocketApi = {
    kind: 'web',
    call<M extends MethodName>(method: M, params: Params<M>): Promise<Response<ResultOf<M>>> {
      if (token === '') return Promise.resolve(NO_TOKEN);
      if (state === 'closed') return Promise.resolve(disconnected('The connection to Tessera is closed.'));
      const id = nextId++;
      const frame = JSON.stringify({ jsonrpc: '2.0', id, method, params: params ?? {} });
      return new Promise((resolve) => {
        const entry: Pending = { resolve: resolve as (r: Response<unknown>) => void, sent: false };
        pending.set(id, entry);
        if (socket && socket.readyState === SOCKET_OPEN) {
          entry.sent = true;
          socket.send(frame);
          return;
        }
        queued.push({ id, frame });
        entry.timer = setTimeout(() => {
          const index = queued.findIndex((q) => q.id === id);
          if (index >= 0) queued.splice(index, 1);
          settle(id, disconnected('Tessera is not reachable; is `tessera web` still running?'));
        }, offlineWaitMs);
      });
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
    attachTerminal(sessionId: string, sink: TerminalSink): TerminalAttachment {
      // A terminal socket carries the token too: it opens only while the page speaks to a server that
      // proved it holds the token (the RPC connection is open), and is retried otherwise.
      const openTerminal: OpenSocket = (url) => (state === 'open' ? openSocket(url) : refusedSocket());
      return attachTerminalSocket(socketUrl(baseUrl, `/term/${encodeURIComponent(sessionId)}`, token), sink, { openSocket: openTerminal, backoff });
    },
    connection: () => state,
    problem: () => problem,
    acknowledgeProblem() {
      if (problem?.kind !== 'restarted') return;
      problem = undefined;
      setState(state);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    dispose() {
      if (state === 'closed') return;
      setState('closed');
      if (reconnectTimer) clearTimeout(reconnectTimer);
      const current = socket;
      socket = undefined;
      current?.close();
      for (const id of [...pending.keys()]) settle(id, disconnected('The connection to Tessera is closed.'));
      queued.length = 0;
    },
  };
  return api;
}

/** The server puts the contract Response in `result`; a JSON-RPC level error still keeps a kind. */
function toResponse(result: unknown, error: unknown): Response<unknown> {
  if (error && typeof error === 'object') {
    const e = error as { message?: unknown; data?: unknown; code?: unknown };
    const data = e.data as { kind?: unknown } | undefined;
    const kind = typeof data?.kind === 'string' ? data.kind : e.code === -32601 ? 'unknown-method' : 'rpc-error';
    return { ok: false, error: { kind, message: typeof e.message === 'string' ? e.message : 'The request failed.' } };
  }
  if (result && typeof result === 'object' && typeof (result as { ok?: unknown }).ok === 'boolean') {
    const r = result as { ok: boolean; value?: unknown; error?: { kind?: unknown; message?: unknown } };
    if (r.ok) return { ok: true, value: r.value };
    return {
      ok: false,
      error: {
        kind: typeof r.error?.kind === 'string' ? r.error.kind : 'internal',
        message: typeof r.error?.message === 'string' ? r.error.message : 'The request failed.',
      },
    };
  }
  return { ok: true, value: result };
}

/** A socket that never connects: it closes at once, so its user retries later. */
function refusedSocket(): SocketLike {
  const socket: SocketLike = {
    binaryType: 'arraybuffer',
    readyState: 3,
    send: () => undefined,
    close: () => undefined,
    onopen: null,
    onclose: null,
    onmessage: null,
    onerror: null,
  };
  queueMicrotask(() => socket.onclose?.({ code: 1006, reason: 'not connected' }));
  return socket;
}
