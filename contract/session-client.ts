import type { TerminalAttachment, TerminalSink } from './api';
import type { EventName, EventPayload, MethodName, Params, Response, ResultOf } from './contract';
import {
  ServerMessage,
  PROTOCOL_VERSION,
  encodeMessage,
  versionMismatchMessage,
  type ClientKind,
  type ClientMessage,
  type ServerMethodName,
  type ServerMethodParams,
  type ServerMethodResult,
} from './session-protocol';
import { readFrames } from './frame-reader';
import type { ClientControl, ServerControl } from './terminal-stream';
import { attachTerminalStream, backoffDelay, type StreamTimers } from './terminal-stream-client';

/**
 * The client half of the session protocol (session-protocol.ts), over any duplex byte stream: the
 * command line over the Unix socket, later the desktop app and a server reached over SSH. It knows
 * no Node API; the caller hands it the stream and the timers of the place it runs.
 */

/** A duplex byte stream as a transport opened it (a socket, a WebSocket, a child's stdio). */
export interface ByteDuplex {
  write(bytes: Uint8Array): void;
  /** Closes the stream; `onClose` listeners run once, whichever side closed it. */
  end(): void;
  onData(listener: (bytes: Uint8Array) => void): void;
  onClose(listener: () => void): void;
}

export interface SessionClientOptions {
  /** This program's version; the server refuses another one. */
  readonly app: string;
  readonly client: ClientKind;
  readonly timers: StreamTimers;
  /** Only tests speak another protocol version. */
  readonly protocol?: number;
}

export type ConnectError =
  | { readonly kind: 'version-mismatch'; readonly message: string; readonly server: { readonly app: string; readonly protocol: number; readonly pid: number } }
  | { readonly kind: 'shutting-down'; readonly message: string }
  | { readonly kind: 'disconnected'; readonly message: string }
  | { readonly kind: 'protocol-error'; readonly message: string };

export interface SessionClient {
  readonly server: { readonly app: string; readonly protocol: number; readonly pid: number };
  call<M extends MethodName>(method: M, params: Params<M>): Promise<Response<ResultOf<M>>>;
  callServer<M extends ServerMethodName>(method: M, params: ServerMethodParams<M>): Promise<Response<ServerMethodResult<M>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** A session's terminal on a channel of this connection: a snapshot first, then live output; an exit when the connection goes. */
  attachTerminal(sessionId: string, sink: TerminalSink): TerminalAttachment;
  /**
   * A session's terminal channel as the server speaks it, with no flow control of its own: for a
   * client that relays it to a view which keeps the credit rules itself (the desktop window). An exit
   * comes when the session or the connection ends.
   */
  openChannel(sessionId: string, events: ChannelEvents): TerminalChannel;
  /** Runs once when the connection ends, whichever side ended it. */
  onClose(listener: (reason: string) => void): void;
  close(): void;
}

export interface ChannelEvents {
  received(message: Uint8Array | ServerControl): void;
}

export interface TerminalChannel {
  send(message: ClientControl): void;
  close(): void;
}

/** Says hello on `stream` and resolves once the server welcomed (or refused) this client. */
export function connectSession(stream: ByteDuplex, options: SessionClientOptions): Promise<{ ok: true; value: SessionClient } | { ok: false; error: ConnectError }> {
  const protocol = options.protocol ?? PROTOCOL_VERSION;
  const pending = new Map<number, (response: Response<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const channels = new Map<number, { received(message: Uint8Array | ServerControl): void; closed(): void }>();
  const closeListeners: Array<(reason: string) => void> = [];
  let nextId = 1;
  let nextChannel = 1;
  let closed = false;
  let closeReason = 'The connection to the Tessera server closed.';
  let settle: ((result: { ok: true; value: SessionClient } | { ok: false; error: ConnectError }) => void) | undefined;

  const send = (message: ClientMessage): void => {
    if (!closed) stream.write(encodeMessage(message));
  };

  const finish = (): void => {
    if (closed) return;
    closed = true;
    const gone: Response<never> = { ok: false, error: { kind: 'disconnected', message: closeReason } };
    for (const resolve of pending.values()) resolve(gone);
    pending.clear();
    for (const channel of [...channels.values()]) channel.closed();
    channels.clear();
    settle?.({ ok: false, error: { kind: 'disconnected', message: closeReason } });
    settle = undefined;
    for (const listener of closeListeners.splice(0)) listener(closeReason);
  };

  const client: SessionClient = {
    server: { app: '', protocol: 0, pid: 0 },
    call: (method, params) => request(method, params) as never,
    callServer: (method, params) => request(method, params) as never,
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const typed = listener as (payload: unknown) => void;
      set.add(typed);
      return () => void set.delete(typed);
    },
    attachTerminal(sessionId, sink) {
      return attachTerminalStream(
        (events) => {
          const live = !closed;
          const channel = openChannel(sessionId, events);
          if (live) options.timers.queueMicrotask(() => events.opened());
          return channel;
        },
        sink,
        { backoff: backoffDelay, timers: options.timers },
      );
    },
    openChannel: (sessionId, events) => openChannel(sessionId, events),
    onClose(listener) {
      if (closed) listener(closeReason);
      else closeListeners.push(listener);
    },
    close() {
      stream.end();
      finish();
    },
  };

  function openChannel(sessionId: string, events: ChannelEvents): TerminalChannel {
    const id = nextChannel++;
    if (closed) {
      // No server to attach to: the stream ends here rather than retrying a dead connection.
      options.timers.queueMicrotask(() => events.received({ t: 'exit', reason: closeReason }));
      return { send: () => undefined, close: () => undefined };
    }
    channels.set(id, {
      received: (message) => events.received(message),
      closed: () => events.received({ t: 'exit', reason: closeReason }),
    });
    send({ t: 'attach', channel: id, session: sessionId });
    return {
      send: (message) => send({ t: 'term', channel: id, message }),
      close: () => {
        if (channels.delete(id)) send({ t: 'detach', channel: id });
      },
    };
  }

  function request(method: string, params: unknown): Promise<Response<unknown>> {
    if (closed) return Promise.resolve({ ok: false, error: { kind: 'disconnected', message: closeReason } });
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      send({ t: 'call', id, method, params });
    });
  }

  const protocolError = (message: string): void => {
    closeReason = `The Tessera server sent something this client cannot read (${message}).`;
    settle?.({ ok: false, error: { kind: 'protocol-error', message: closeReason } });
    settle = undefined;
    stream.end();
    finish();
  };

  const handle = (message: ServerMessage): void => {
    switch (message.t) {
      case 'welcome':
        (client as { server: SessionClient['server'] }).server = { app: message.app, protocol: message.protocol, pid: message.pid };
        settle?.({ ok: true, value: client });
        settle = undefined;
        return;
      case 'refused': {
        const server = { app: message.app, protocol: message.protocol, pid: message.pid };
        const error: ConnectError =
          message.kind === 'version-mismatch'
            ? { kind: 'version-mismatch', message: versionMismatchMessage(server, { app: options.app, protocol }), server }
            : { kind: 'shutting-down', message: message.message };
        closeReason = error.message;
        settle?.({ ok: false, error });
        settle = undefined;
        stream.end();
        finish();
        return;
      }
      case 'result':
        pending.get(message.id)?.(message.response as Response<unknown>);
        pending.delete(message.id);
        return;
      case 'event':
        for (const listener of [...(listeners.get(message.name) ?? [])]) listener(message.payload);
        return;
      case 'term': {
        const channel = channels.get(message.channel);
        if (!channel) return;
        if (message.message.t === 'exit') channels.delete(message.channel);
        channel.received(message.message);
        return;
      }
      case 'protocol-error':
        closeReason = `The Tessera server refused this client: ${message.message}.`;
        stream.end();
        finish();
        return;
    }
  };

  readFrames(stream, {
    schema: ServerMessage,
    closed: () => closed,
    onOutput: (channel, bytes) => void channels.get(channel)?.received(bytes),
    onMessage: handle,
    onInvalid: () => protocolError('a message outside the protocol'),
    onBroken: protocolError,
  });
  stream.onClose(finish);

  return new Promise((resolve) => {
    settle = resolve;
    send({ t: 'hello', protocol, app: options.app, client: options.client });
  });
}
