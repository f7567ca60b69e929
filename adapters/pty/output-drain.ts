import { closeSync, constants, openSync, readSync } from 'node:fs';
import type { IPty } from 'node-pty';

/**
 * What node-pty keeps private and the drain needs: the master's file descriptor, the slave's path,
 * the stream that reads the master, and the terminal's own `once`, by which node-pty waits for that
 * stream's close once the program has exited.
 */
interface PtyInternals {
  readonly _fd?: number;
  readonly ptsName?: string;
  once?(event: string, listener: (...args: unknown[]) => void): unknown;
  readonly _socket?: {
    destroy(error?: Error): unknown;
    push(chunk: Buffer): boolean;
    read(): unknown;
    readonly _readableState?: { readonly ended?: boolean };
  };
}

/** Far more than a terminal's kernel buffer holds; bounds the drain if something keeps writing. */
const MAX_DRAIN_BYTES = 4 * 1024 * 1024;

/**
 * Makes a PTY deliver every byte its program wrote before its exit is reported.
 *
 * Two things lose the tail of a program that prints and exits at once. When the last slave
 * descriptor closes, the master reports a hang-up, and libuv takes a hang-up after a short read for
 * the end of the stream while the kernel still holds output. And node-pty, once the program exited,
 * destroys the master's stream after a short wait, discarding what a paused stream had not read.
 *
 * So this process holds a slave descriptor of its own (the master then never hangs up while the
 * program's output is still queued), and when node-pty destroys the stream, what the kernel still
 * holds is read first and pushed through the stream, decoded as the rest was, before the exit.
 * Held open, the stream never closes by itself: node-pty, told the program exited, waits for the
 * close and destroys the stream only after a fixed wait, which every exit (a Ctrl-C, a Stop) would
 * pay. So the moment node-pty starts waiting for it, the stream is drained and destroyed at once,
 * and the exit is reported as soon as the last bytes are delivered.
 * Without node-pty's internals (another node-pty version) the PTY is left as node-pty made it.
 */
export function holdUntilDrained(pty: IPty): void {
  const internals = pty as unknown as PtyInternals;
  const socket = internals._socket;
  const fd = internals._fd;
  if (!socket || fd === undefined || typeof internals.ptsName !== 'string') return;
  let slave: number | undefined;
  try {
    slave = openSync(internals.ptsName, constants.O_RDWR | constants.O_NOCTTY);
  } catch {
    return;
  }
  const destroy = socket.destroy.bind(socket);
  socket.destroy = (error?: Error) => {
    if (slave !== undefined) {
      // A stream that saw its end takes no more (pushing then is an error); what it read is all there is.
      if (!socket._readableState?.ended) drain(fd, (bytes) => socket.push(bytes));
      // Emits what the stream holds, a paused stream included, through the stream's own 'data' path.
      while (socket.read() !== null);
      closeSync(slave);
      slave = undefined;
    }
    return destroy(error);
  };
  const once = internals.once?.bind(pty);
  if (!once) return;
  // node-pty listens for 'close' once, when the program has exited and its stream is still open, and
  // reports the exit from that listener. Draining delivers every byte in this turn, so the listener
  // is called right after it: the stream's own close comes a turn of the event loop later.
  internals.once = (event, listener) => {
    if (event !== 'close') return once(event, listener);
    queueMicrotask(() => {
      socket.destroy();
      listener();
    });
    return pty;
  };
}

/** Reads the non-blocking master until the kernel has nothing more for it. */
function drain(fd: number, push: (bytes: Buffer) => void): void {
  const buffer = Buffer.alloc(64 * 1024);
  let total = 0;
  while (total < MAX_DRAIN_BYTES) {
    let read: number;
    try {
      read = readSync(fd, buffer, 0, buffer.length, null);
    } catch {
      // EAGAIN: nothing queued now; EIO: the slave side is gone and nothing is left.
      return;
    }
    if (read <= 0) return;
    total += read;
    push(Buffer.from(buffer.subarray(0, read)));
  }
}
