import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { ByteDuplex } from '../../contract/session-client';

/** A Unix or TCP socket as the protocol's byte stream. */
export function socketDuplex(socket: Socket): ByteDuplex {
  // A peer that vanishes mid-write raises an error the close that follows reports.
  socket.on('error', () => socket.destroy());
  return {
    write: (bytes) => {
      if (!socket.destroyed && socket.writable) socket.write(bytes);
    },
    end: () => {
      socket.end();
      // A peer that never reads must not keep the socket half-open.
      setTimeout(() => socket.destroy(), 1000).unref();
    },
    onData: (listener) => socket.on('data', (chunk: Buffer) => listener(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength))),
    onClose: (listener) => socket.once('close', () => listener()),
  };
}

/** A length prefix of zero, which no frame has: the decoder answers it with a protocol error. */
const EMPTY_FRAME = new Uint8Array(4);

/** A WebSocket (the `ws` package's) as the protocol's byte stream: each binary message carries frames. */
export function webSocketDuplex(ws: WebSocket): ByteDuplex {
  ws.on('error', () => ws.terminate());
  return {
    write: (bytes) => {
      if (ws.readyState === ws.OPEN) ws.send(bytes, { binary: true });
    },
    end: () => ws.close(1000),
    onData: (listener) =>
      ws.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
        // The protocol is binary frames only: a text message reaches the decoder as a frame it refuses.
        if (!isBinary) return listener(EMPTY_FRAME);
        const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
        listener(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength));
      }),
    onClose: (listener) => ws.once('close', () => listener()),
  };
}
