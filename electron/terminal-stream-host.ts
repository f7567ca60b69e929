import type { Disposable } from '../domain/ports/disposable';
import type { TerminalSize } from '../domain/session';
import type { ClientControl, ServerControl } from './contract/terminal-stream';

/**
 * One session's terminal as the stream host needs it. The session layer implements it over the
 * PTY handle and the headless mirror.
 *
 * Text, not bytes: node-pty already decodes the PTY's output with a streaming UTF-8 decoder
 * (its socket runs `setEncoding('utf8')`, i.e. a StringDecoder, which holds back a code point split
 * across reads), so strings arrive whole and re-encoding them here cannot produce U+FFFD.
 */
export interface TerminalSource {
  /** Output chunks, in the order the PTY produced them. */
  onOutput(listener: (data: string) => void): Disposable;
  /** Fires once; a listener added after the end is called at once. */
  onExit(listener: (exit: TerminalExit) => void): Disposable;
  /**
   * The mirror serialized. It must reflect exactly the output emitted before the call, and none after:
   * the host subscribes in the same tick and replays what arrives while this resolves.
   */
  snapshot(): Promise<string>;
  write(data: string): void;
  resize(size: TerminalSize): void;
  pause(): void;
  resume(): void;
}

export interface TerminalExit {
  readonly code?: number;
  readonly reason?: string;
}

/** One attached view, whatever carries it (a WebSocket, an Electron MessagePort). */
export interface TerminalClient {
  /** Terminal output as UTF-8 bytes. The client acks these bytes once xterm.js has parsed them. */
  sendBytes(bytes: Uint8Array): void;
  sendControl(message: ServerControl): void;
}

export interface TerminalClientLink {
  /** A control message from the client (already parsed with `ClientControl`). */
  receive(message: ClientControl): void;
  /** The client went away: its unacked bytes no longer hold the PTY back. */
  detach(): void;
}

export interface TerminalStreamOptions {
  /** How long output is gathered before it is sent (VS Code uses 5 ms). */
  readonly batchMs?: number;
  /**
   * Above this much unacked output at any client the PTY is paused. Output is counted by its parse
   * cost (its bytes, but at least `lineCost` per line), so the bound is on the time a view needs to
   * catch up rather than on bytes alone.
   */
  readonly highWatermark?: number;
  /** The PTY resumes once every client is below this. */
  readonly lowWatermark?: number;
  /** A batch this large is sent at once, so one frame stays small. */
  readonly maxBatchChars?: number;
  /**
   * What a line costs at least, in bytes' worth of parsing. xterm.js spends much of its time per
   * line (scrolling, a fresh buffer line), so `yes` (2 bytes a line) is many times slower per byte
   * than prose; counted by bytes alone, a window full of `yes` takes far longer to drain and Ctrl-C
   * waits behind it. Prose (lines longer than this) counts by its bytes.
   */
  readonly lineCost?: number;
  readonly log?: (message: string, error?: unknown) => void;
}

export const STREAM_DEFAULTS = {
  batchMs: 5,
  highWatermark: 512 * 1024,
  // Resuming with half the window still queued keeps the browser parsing while the next bytes are
  // read, parsed by the mirror and sent; a low mark of 64 K let its queue run dry between rounds.
  lowWatermark: 256 * 1024,
  maxBatchChars: 64 * 1024,
  lineCost: 24,
} as const;

interface ClientState {
  readonly client: TerminalClient;
  /** Until its snapshot is sent, a client collects output here instead of in the shared batch. */
  pending: string[] | undefined;
  /**
   * Bytes sent and not acked, plus the characters held in `pending`: output waiting for a slow
   * snapshot is queued output too, and must hold the PTY back like output waiting for an ack.
   */
  unacked: number;
  /** Frames sent and not fully acked, oldest first: acks come in bytes, the window is in cost. */
  readonly inflight: Array<{ bytes: number; cost: number }>;
  closed: boolean;
}

/**
 * The per-session terminal pipeline of DESIGN §5: output is batched (about 5 ms; flushed early on
 * resize and exit; the first chunk after an input goes out at once so typing feels immediate), sent
 * as UTF-8 bytes to every attached client, and flow-controlled by credit: each client acks what it
 * has parsed, the PTY is paused while any client holds more than the high watermark unacked, and
 * resumed once all are below the low one. A new client gets the mirror's snapshot first, then the
 * live output, with no gap and no duplicate.
 */
export class TerminalStreamHost {
  private readonly options: Required<Omit<TerminalStreamOptions, 'log'>>;
  private readonly log: (message: string, error?: unknown) => void;
  private readonly encoder = new TextEncoder();
  private readonly clients = new Set<ClientState>();
  private readonly subscriptions: Disposable[] = [];
  private batch: string[] = [];
  private batchChars = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inputPending = false;
  private paused = false;
  private exit: TerminalExit | undefined;
  private disposed = false;

  constructor(
    private readonly source: TerminalSource,
    options: TerminalStreamOptions = {},
  ) {
    this.options = {
      batchMs: options.batchMs ?? STREAM_DEFAULTS.batchMs,
      highWatermark: options.highWatermark ?? STREAM_DEFAULTS.highWatermark,
      lowWatermark: options.lowWatermark ?? STREAM_DEFAULTS.lowWatermark,
      maxBatchChars: options.maxBatchChars ?? STREAM_DEFAULTS.maxBatchChars,
      lineCost: options.lineCost ?? STREAM_DEFAULTS.lineCost,
    };
    this.log = options.log ?? (() => undefined);
    this.subscriptions.push(source.onOutput((data) => this.onOutput(data)));
    this.subscriptions.push(source.onExit((exit) => this.onExit(exit)));
  }

  get clientCount(): number {
    return this.clients.size;
  }

  get ended(): boolean {
    return this.exit !== undefined;
  }

  /** Whether the host is holding the PTY back right now (for tests and diagnostics). */
  get isPaused(): boolean {
    return this.paused;
  }

  attach(client: TerminalClient): TerminalClientLink {
    const state: ClientState = { client, pending: [], unacked: 0, inflight: [], closed: false };
    if (this.disposed) {
      client.sendControl({ t: 'exit', reason: 'The session is gone.' });
      return { receive: () => undefined, detach: () => undefined };
    }
    this.clients.add(state);
    // Snapshot and subscription in the same tick: everything emitted from now on lands in
    // `state.pending` and is replayed after the snapshot.
    this.source.snapshot().then(
      (snapshot) => this.completeAttach(state, snapshot),
      (error: unknown) => {
        this.log('terminal snapshot failed', error);
        this.completeAttach(state, '');
      },
    );
    return {
      receive: (message) => this.receive(state, message),
      detach: () => this.detach(state),
    };
  }

  /** Input that reached the session another way (the `sessions.write` method): the next chunk is sent at once. */
  noteInput(): void {
    this.inputPending = true;
  }

  dispose(): void {
    if (this.disposed) return;
    this.flush();
    this.disposed = true;
    for (const subscription of this.subscriptions) subscription.dispose();
    this.clients.clear();
    this.setPaused(false);
  }

  private completeAttach(state: ClientState, snapshot: string): void {
    if (state.closed || this.disposed) return;
    const pending = state.pending ?? [];
    state.pending = undefined;
    // Whatever sits in the shared batch arrived after the snapshot was taken and is already in
    // `pending`; send it to the others first so this client does not get it twice.
    this.flush(state);
    // The held characters stop counting; what is sent now counts by its bytes.
    state.unacked = Math.max(0, state.unacked - pending.reduce((sum, chunk) => sum + this.costOf(chunk, chunk.length), 0));
    this.safeSend(state, () => state.client.sendControl({ t: 'snapshot', data: snapshot }));
    if (pending.length > 0) this.sendText(state, pending.join(''));
    // The exit comes last, whether it happened before the attach or while the snapshot was taken.
    const exit = this.exit;
    if (exit) this.safeSend(state, () => state.client.sendControl(exitMessage(exit)));
    this.updatePause();
  }

  private receive(state: ClientState, message: ClientControl): void {
    if (state.closed || this.disposed) return;
    switch (message.t) {
      case 'ack':
        this.credit(state, message.bytes);
        this.updatePause();
        return;
      case 'input':
        if (this.exit) return;
        this.inputPending = true;
        this.source.write(message.data);
        return;
      case 'resize':
        // Output produced for the old size goes out before the terminal changes shape.
        this.flush();
        if (this.exit) return;
        this.source.resize({ cols: message.cols, rows: message.rows });
        return;
    }
  }

  private detach(state: ClientState): void {
    if (state.closed) return;
    state.closed = true;
    this.clients.delete(state);
    this.updatePause();
  }

  private onOutput(data: string): void {
    if (this.disposed || data.length === 0) return;
    let held = false;
    for (const state of this.clients) {
      if (state.pending === undefined) continue;
      state.pending.push(data);
      state.unacked += this.costOf(data, data.length);
      held = true;
    }
    if (held) this.updatePause();
    this.batch.push(data);
    this.batchChars += data.length;
    if (this.inputPending || this.batchChars >= this.options.maxBatchChars) {
      this.inputPending = false;
      this.flush();
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.options.batchMs);
  }

  private onExit(exit: TerminalExit): void {
    if (this.exit || this.disposed) return;
    this.flush();
    this.exit = exit;
    for (const state of this.clients) {
      // A client still waiting for its snapshot gets the exit after the snapshot (completeAttach).
      if (state.pending === undefined) this.safeSend(state, () => state.client.sendControl(exitMessage(exit)));
    }
    this.setPaused(false);
  }

  /** Sends the shared batch to every client that has its snapshot (except `skip`). */
  private flush(skip?: ClientState): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.batch.length === 0) return;
    const text = this.batch.join('');
    this.batch = [];
    this.batchChars = 0;
    const bytes = this.encoder.encode(text);
    const cost = this.costOf(text, bytes.length);
    for (const state of this.clients) {
      if (state === skip || state.pending !== undefined) continue;
      this.sendBytes(state, bytes, cost);
    }
    this.updatePause();
  }

  private sendText(state: ClientState, text: string): void {
    const bytes = this.encoder.encode(text);
    this.sendBytes(state, bytes, this.costOf(text, bytes.length));
  }

  private sendBytes(state: ClientState, bytes: Uint8Array, cost: number): void {
    state.unacked += cost;
    state.inflight.push({ bytes: bytes.length, cost });
    this.safeSend(state, () => state.client.sendBytes(bytes));
  }

  /** Acked bytes release their frames' cost, oldest frame first (a client acks in order). */
  private credit(state: ClientState, acked: number): void {
    let left = acked;
    while (left > 0 && state.inflight.length > 0) {
      const head = state.inflight[0]!;
      const take = Math.min(left, head.bytes);
      const released = head.bytes === take ? head.cost : (head.cost * take) / head.bytes;
      head.bytes -= take;
      head.cost -= released;
      state.unacked -= released;
      left -= take;
      if (head.bytes === 0) state.inflight.shift();
    }
    // Fractions must not drift: with nothing in flight, only output held for the snapshot is queued.
    state.unacked = state.inflight.length === 0 ? this.pendingCost(state) : Math.max(0, state.unacked);
  }

  private pendingCost(state: ClientState): number {
    return (state.pending ?? []).reduce((sum, chunk) => sum + this.costOf(chunk, chunk.length), 0);
  }

  private costOf(text: string, bytes: number): number {
    let lines = 0;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
    return Math.max(bytes, lines * this.options.lineCost);
  }

  /** A client whose transport throws is dropped; it must not stop the others. */
  private safeSend(state: ClientState, send: () => void): void {
    try {
      send();
    } catch (error) {
      this.log('terminal client send failed; detaching it', error);
      this.detach(state);
    }
  }

  private updatePause(): void {
    if (this.exit || this.disposed) return this.setPaused(false);
    let most = 0;
    for (const state of this.clients) most = Math.max(most, state.unacked);
    if (!this.paused && most > this.options.highWatermark) this.setPaused(true);
    else if (this.paused && most < this.options.lowWatermark) this.setPaused(false);
  }

  private setPaused(paused: boolean): void {
    if (this.paused === paused) return;
    this.paused = paused;
    try {
      if (paused) this.source.pause();
      else this.source.resume();
    } catch (error) {
      this.log('terminal pause/resume failed', error);
    }
  }
}

function exitMessage(exit: TerminalExit): ServerControl {
  return { t: 'exit', ...(exit.code !== undefined ? { code: exit.code } : {}), ...(exit.reason !== undefined ? { reason: exit.reason } : {}) };
}
