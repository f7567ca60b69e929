import type { TerminalAttachment, TerminalSink } from '../../../contract/api';
import { ServerControl, type ClientControl } from '../../../contract/terminal-stream';
import { clampTerminalSize } from '../../../contract/terminal-size';
import { SOCKET_OPEN, type OpenSocket, type SocketLike } from './socket';

/**
 * One session's terminal stream over its own WebSocket (DESIGN §5): binary frames are output
 * bytes, text frames ServerControl JSON (snapshot first, exit). It reconnects after a drop; the
 * server then sends a fresh snapshot, which the pane paints over its screen.
 *
 * Acks are credits for bytes of the *current* connection: bytes handed to xterm before a drop are
 * still acknowledged by the pane later, so those are swallowed here instead of crediting the new
 * connection for bytes it never sent.
 *
 * Credit is sent once per turn: xterm parses several slices in one task and acks each, and a
 * WebSocket send from the page costs about as much as parsing a few KB (it was 5% of the page's
 * time in a flood), so the acks of one turn travel as one message, right after it.
 */
export function attachTerminalSocket(
  url: string,
  sink: TerminalSink,
  options: { openSocket: OpenSocket; backoff: (attempt: number) => number },
): TerminalAttachment {
  let socket: SocketLike | undefined;
  let closed = false;
  let exited = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Bytes delivered on the current connection and not yet acked. */
  let outstanding = 0;
  /** Bytes delivered on earlier connections, still to be acked by the pane. */
  let stale = 0;
  /** Input typed while the socket is (re)connecting is kept, in order; only the last resize matters. */
  let queuedInput: string[] = [];
  let queuedResize: ClientControl | undefined;
  /** Credit for the current connection, sent at the end of the turn. */
  let creditDue = 0;
  let creditScheduled = false;
  const sendCredit = () => {
    creditScheduled = false;
    const bytes = creditDue;
    creditDue = 0;
    if (bytes > 0 && !closed) send({ t: 'ack', bytes });
  };

  const send = (message: ClientControl) => {
    if (socket && socket.readyState === SOCKET_OPEN) socket.send(JSON.stringify(message));
  };

  const connect = () => {
    const current = options.openSocket(url);
    socket = current;
    current.binaryType = 'arraybuffer';
    current.onopen = () => {
      if (socket !== current) return;
      attempt = 0;
      if (queuedResize) send(queuedResize);
      queuedResize = undefined;
      for (const data of queuedInput) send({ t: 'input', data });
      queuedInput = [];
    };
    current.onmessage = (event) => {
      if (socket !== current || closed) return;
      const data = event.data;
      if (typeof data === 'string') {
        let json: unknown;
        try {
          json = JSON.parse(data);
        } catch {
          return;
        }
        const control = ServerControl.safeParse(json);
        if (!control.success) return;
        if (control.data.t === 'snapshot') {
          // A snapshot is credited like output, by its characters (the host counts it against the window).
          outstanding += control.data.data.length;
          sink.snapshot(control.data.data, control.data.screen === true);
        }
        else {
          exited = true;
          sink.exit({ code: control.data.code, reason: control.data.reason });
        }
        return;
      }
      const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : undefined;
      if (!bytes) return;
      outstanding += bytes.byteLength;
      sink.data(bytes);
    };
    current.onerror = () => {};
    current.onclose = () => {
      if (socket !== current) return;
      socket = undefined;
      stale += outstanding;
      outstanding = 0;
      // Credit not sent yet was for this connection; the next one starts from nothing.
      creditDue = 0;
      // An exited session's stream ends for good; anything else is a drop worth retrying.
      if (closed || exited) return;
      timer = setTimeout(connect, options.backoff(attempt++));
    };
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
        queueMicrotask(sendCredit);
      }
    },
    input(data) {
      if (closed || data.length === 0) return;
      if (socket && socket.readyState === SOCKET_OPEN) send({ t: 'input', data });
      else queuedInput.push(data);
    },
    skip() {
      if (closed) return;
      // The acks of what was dropped go first, so the host never sees the skip before the credit.
      sendCredit();
      send({ t: 'skip' });
    },
    resize(cols, rows) {
      if (closed) return;
      const message: ClientControl = { t: 'resize', ...clampTerminalSize(cols, rows) };
      if (socket && socket.readyState === SOCKET_OPEN) send(message);
      else queuedResize = message;
    },
    close() {
      if (closed) return;
      closed = true;
      if (timer) clearTimeout(timer);
      const current = socket;
      socket = undefined;
      current?.close();
    },
  };
}
