import type { TerminalAttachment, TerminalSink } from './api';
import { clampTerminalSize } from './terminal-size';
import type { ClientControl, ServerControl } from './terminal-stream';

/**
 * The client half of the terminal stream protocol, shared by both transports (a WebSocket per
 * session in the browser, a MessagePort per session in the desktop preload) so they behave alike.
 * A transport only opens connections and carries messages; this module owns:
 *
 * - Credit: acks are credits for bytes of the *current* connection. Bytes handed to the view before
 *   a drop are still acked by the view later; those acks are swallowed here instead of crediting
 *   the new connection for bytes it never sent, and no ack ever exceeds what was delivered.
 * - Coalescing: the view acks every slice it parses, several per task, and each message costs about
 *   as much as parsing a few KB, so the acks of one turn travel as one message right after it.
 * - Re-attaching: a connection that drops (a network blip, a port closed by the other side) is
 *   opened again with backoff, and the host answers with a fresh snapshot that the view paints
 *   over its screen. An exited session's stream, or one the view closed, ends for good.
 * - Typing while (re)connecting: input is kept in order, and only the last resize is sent.
 */

/** One connection of a session's stream, as a transport opened it. */
export interface TerminalConnection {
  /** Called only between `opened` and `closed`. */
  send(message: ClientControl): void;
  close(): void;
}

/**
 * What a transport reports about a connection it opened, never before `open` returned; reports
 * about an older connection are ignored.
 */
export interface TerminalConnectionEvents {
  opened(): void;
  /**
   * Output bytes, or a control message the transport has checked: the web transport parses text
   * frames with the ServerControl schema; the desktop one gets the objects its own main process posted
   * (so the sandboxed preload does not carry the schema library).
   */
  received(message: Uint8Array | ServerControl): void;
  /** The connection dropped or was refused. */
  closed(): void;
}

export type OpenTerminalConnection = (events: TerminalConnectionEvents) => TerminalConnection;

/** The timers of the place the client runs (a page, a preload); the contract itself has none. */
export interface StreamTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Runs `fn` when the current turn ends. */
  queueMicrotask(fn: () => void): void;
}

export interface TerminalStreamClientOptions {
  /** Delay before re-opening after the `attempt`-th drop in a row (0 first). */
  readonly backoff: (attempt: number) => number;
  readonly timers: StreamTimers;
}

/** Reconnect delay: a quick first retry, then doubling up to a ceiling so a dead host costs little. */
export function backoffDelay(attempt: number): number {
  return Math.min(250 * 2 ** Math.max(0, attempt), 5000);
}

export function attachTerminalStream(open: OpenTerminalConnection, sink: TerminalSink, options: TerminalStreamClientOptions): TerminalAttachment {
  const { timers } = options;
  let connection: TerminalConnection | undefined;
  let isOpen = false;
  let closed = false;
  let exited = false;
  let attempt = 0;
  let retry: unknown;
  /** Bytes delivered on the current connection and not yet acked. */
  let outstanding = 0;
  /** Bytes delivered on earlier connections, still to be acked by the view. */
  let stale = 0;
  let queuedInput: string[] = [];
  let queuedResize: ClientControl | undefined;
  /** Credit for the current connection, sent when the turn ends. */
  let creditDue = 0;
  let creditScheduled = false;

  const send = (message: ClientControl): void => {
    if (connection && isOpen) connection.send(message);
  };
  const sendCredit = (): void => {
    creditScheduled = false;
    const bytes = creditDue;
    creditDue = 0;
    if (bytes > 0 && !closed) send({ t: 'ack', bytes });
  };

  const deliver = (message: Uint8Array | ServerControl): void => {
    if (message instanceof Uint8Array) {
      outstanding += message.byteLength;
      sink.data(message);
      return;
    }
    if (message.t === 'snapshot') {
      // A snapshot is credited like output, by its characters (the host counts it against the window).
      outstanding += message.data.length;
      sink.snapshot(message.data, message.screen === true);
      return;
    }
    exited = true;
    const { code, reason } = message;
    sink.exit({ ...(code !== undefined ? { code } : {}), ...(reason !== undefined ? { reason } : {}) });
  };

  const connect = (): void => {
    retry = undefined;
    if (closed) return;
    const current = (): boolean => connection === mine && !closed;
    const mine: TerminalConnection = open({
      opened: () => {
        if (!current()) return;
        isOpen = true;
        attempt = 0;
        if (queuedResize) send(queuedResize);
        queuedResize = undefined;
        for (const data of queuedInput) send({ t: 'input', data });
        queuedInput = [];
      },
      received: (message) => {
        if (current()) deliver(message);
      },
      closed: () => {
        if (!current()) return;
        connection = undefined;
        isOpen = false;
        stale += outstanding;
        outstanding = 0;
        // Credit not sent yet was for this connection; the next one starts from nothing.
        creditDue = 0;
        if (exited) return;
        retry = timers.setTimeout(connect, options.backoff(attempt++));
      },
    });
    connection = mine;
  };

  connect();

  return {
    ack(bytes) {
      if (closed || bytes <= 0) return;
      const swallowed = Math.min(stale, bytes);
      stale -= swallowed;
      const credit = Math.min(bytes - swallowed, outstanding);
      if (credit <= 0) return;
      outstanding -= credit;
      creditDue += credit;
      if (!creditScheduled) {
        creditScheduled = true;
        timers.queueMicrotask(sendCredit);
      }
    },
    input(data) {
      if (closed || data.length === 0) return;
      if (isOpen) send({ t: 'input', data });
      else queuedInput.push(data);
    },
    skip() {
      if (closed) return;
      // The credit of what was dropped goes first, so the host never sees the skip before it.
      sendCredit();
      send({ t: 'skip' });
    },
    resize(cols, rows) {
      if (closed) return;
      const message: ClientControl = { t: 'resize', ...clampTerminalSize(cols, rows) };
      if (isOpen) send(message);
      else queuedResize = message;
    },
    close() {
      if (closed) return;
      closed = true;
      if (retry !== undefined) timers.clearTimeout(retry);
      const last = connection;
      connection = undefined;
      isOpen = false;
      last?.close();
    },
  };
}
