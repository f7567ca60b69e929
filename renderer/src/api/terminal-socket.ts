import type { TerminalAttachment, TerminalSink } from '../../../contract/api';
import { ServerControl } from '../../../contract/terminal-stream';
import { attachTerminalStream, type StreamTimers } from '../../../contract/terminal-stream-client';
import { SOCKET_OPEN, type OpenSocket } from './socket';

/**
 * One session's terminal stream over its own WebSocket: binary frames are output bytes, text
 * frames ServerControl JSON (snapshot first, exit). Credit, ack coalescing, re-connecting and
 * typing while offline are the shared stream client's (contract/terminal-stream-client.ts), so
 * the desktop transport behaves the same; this file only carries frames.
 */
export function attachTerminalSocket(
  url: string,
  sink: TerminalSink,
  options: { openSocket: OpenSocket; backoff: (attempt: number) => number },
): TerminalAttachment {
  return attachTerminalStream(
    (events) => {
      const socket = options.openSocket(url);
      socket.binaryType = 'arraybuffer';
      socket.onopen = () => events.opened();
      socket.onmessage = (event) => {
        const data = event.data;
        if (typeof data === 'string') {
          let json: unknown;
          try {
            json = JSON.parse(data);
          } catch {
            return;
          }
          const control = ServerControl.safeParse(json);
          if (control.success) events.received(control.data);
          return;
        }
        const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : undefined;
        if (bytes) events.received(bytes);
      };
      socket.onerror = () => {};
      socket.onclose = () => events.closed();
      return {
        send: (message) => {
          if (socket.readyState === SOCKET_OPEN) socket.send(JSON.stringify(message));
        },
        close: () => socket.close(),
      };
    },
    sink,
    { backoff: options.backoff, timers: pageTimers },
  );
}

/** Looked up at each call, so a test's fake timers are the ones used. */
const pageTimers: StreamTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  queueMicrotask: (fn) => queueMicrotask(fn),
};
