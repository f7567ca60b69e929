import { lineCount, parseCost } from '../../domain/parse-cost';
import type { Disposable } from '../../domain/ports/disposable';
import type { TerminalSize } from '../../domain/session';
import type { ClientControl, ServerControl } from '../../contract/terminal-stream';
import {
  BATCH_MS,
  CATCH_UP_MS,
  FLOOD_MS,
  FLOOD_WATERMARK,
  HIGH_WATERMARK,
  LINE_COST,
  LOW_WATERMARK,
  MAX_BATCH_COST,
  RESYNC_MS,
  SCREEN_COST_MS,
} from '../../contract/flow';
import type { OutputScheduler, PriorityMember } from './output-scheduler';

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
   * the host subscribes in the same tick and replays what arrives while this resolves. With
   * `{ scrollback: false }`, the screen alone.
   */
  snapshot(options?: { readonly scrollback?: boolean }): Promise<string>;
  write(data: string): void;
  resize(size: TerminalSize): void;
  pause(): void;
  resume(): void;
  /**
   * Whether the session's output is held back by its mirror's backlog: then it floods, however
   * little came out lately (the PTY was waiting for the parser, not quiet).
   */
  isBacklogged(): boolean;
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
  /**
   * A batch this large is sent at once, so one frame stays small. Counted by parse cost like the
   * watermarks: a batch of `yes` reaches it in a few KB, is sent, and the PTY pauses right there
   * (counted by characters, 64 K of `yes` cost 1.5 windows, all read before the pause; Ctrl-C
   * then waited behind it, issue 4 figure 4).
   */
  readonly maxBatchChars?: number;
  /**
   * What a line costs at least, in bytes' worth of parsing. xterm.js spends much of its time per
   * line (scrolling, a fresh buffer line), so `yes` (2 bytes a line) is many times slower per byte
   * than prose; counted by bytes alone, a window full of `yes` takes far longer to drain and Ctrl-C
   * waits behind it. Prose (lines longer than this) counts by its bytes.
   */
  readonly lineCost?: number;
  /**
   * A client that stays over the high watermark this long is set aside (see `lagging`): the agent
   * waits this long for a view to catch up with a burst, never longer.
   */
  readonly catchUpMs?: number;
  /**
   * A client set aside gets the screen at most this often: the rate a flood is shown at. With many
   * sessions flooding (counted by `priority`), at most every `screenCostMs` times their number, so
   * the page paints about the same number of screens a second however many panes flood. No screen
   * goes out while the user types in another session: the page's time goes to the echo.
   */
  readonly resyncMs?: number;
  readonly screenCostMs?: number;
  /**
   * A client that caught up with a burst and goes over the window again within this long is in a
   * flood: it is set aside at once (the agent does not wait for it again).
   */
  readonly floodMs?: number;
  /**
   * A session that produced more than this (in parse cost) per `resyncMs` since a set-aside client's
   * last screen is still flooding: the client gets the screen again rather than live output.
   */
  readonly floodWatermark?: number;
  /** Shared by every session's host: while the user types in one, the others' output yields. */
  readonly priority?: OutputScheduler;
  readonly log?: (message: string, error?: unknown) => void;
}

export const STREAM_DEFAULTS = {
  batchMs: BATCH_MS,
  highWatermark: HIGH_WATERMARK,
  lowWatermark: LOW_WATERMARK,
  maxBatchChars: MAX_BATCH_COST,
  lineCost: LINE_COST,
  catchUpMs: CATCH_UP_MS,
  resyncMs: RESYNC_MS,
  screenCostMs: SCREEN_COST_MS,
  floodMs: FLOOD_MS,
  floodWatermark: FLOOD_WATERMARK,
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
  /**
   * Set aside for falling behind: it gets no live output and does not hold the PTY back. Once it
   * has parsed what it holds (its acks bring it under the low watermark), and at most every
   * `resyncMs`, it gets the screen as it is now; once the session has calmed down (or ended), a full
   * snapshot, like a new attach, and live output again. Nothing is queued for it meanwhile, so memory
   * stays bounded whatever the client does.
   */
  lagging: boolean;
  /** When it was set aside or last got the screen. */
  laggingSince: number;
  /** The session's `produced` then: what it produced since is the difference. */
  producedAtScreen: number;
  /** Until then, going over the window again sets it aside at once (see `floodMs`). */
  floodUntil: number;
  /** Got its last screen and the exit while set aside; the full snapshot (scrollback) is still to come. */
  historyDue: boolean;
  /** When it went over the high watermark (undefined while under it). */
  overSince: number | undefined;
  /** The size it last asked for. */
  size: TerminalSize | undefined;
  /** When it last typed or resized (a counter, not a time): the most recent one drives the size. */
  activeAt: number;
}

/**
 * The per-session terminal pipeline of DESIGN §5: output is batched (about 5 ms; flushed early on
 * resize and exit; the first chunk after an input goes out at once so typing feels immediate), sent
 * as UTF-8 bytes to every attached client, and flow-controlled by credit: each client acks what it
 * has parsed, the PTY is paused while any client holds more than the high watermark unacked, and
 * resumed once all are below the low one. A new client gets the mirror's snapshot first, then the
 * live output, with no gap and no duplicate.
 *
 * Several clients (two tabs, the desktop window and a browser) share one PTY, which has one size.
 * The rule is tmux's `window-size latest`: the client that last typed or resized drives the size,
 * so the view someone is using fits, and a tab left open elsewhere no longer resizes the terminal
 * under them; when the driving client leaves, the most recently active remaining one takes over.
 */
export class TerminalStreamHost {
  private readonly options: Required<Omit<TerminalStreamOptions, 'log' | 'priority'>>;
  private readonly priority: OutputScheduler | undefined;
  /** Held back by `priority` (another session is being typed in); the PTY is paused for it or for flow control. */
  private rationed = false;
  private sourcePaused = false;
  private readonly member: PriorityMember = {
    holdBack: () => {
      this.rationed = true;
      this.applyPause();
    },
    resume: () => {
      this.rationed = false;
      this.applyPause();
    },
    floodsWhileYielding: () => this.setAsideLiveClients(),
  };
  private readonly log: (message: string, error?: unknown) => void;
  private readonly encoder = new TextEncoder();
  private readonly clients = new Set<ClientState>();
  private readonly subscriptions: Disposable[] = [];
  private batch: string[] = [];
  private batchChars = 0;
  private batchCost = 0;
  /** Line feeds in the batch, counted as output arrives (a batch's cost is by its bytes and its lines). */
  private batchLines = 0;
  /** Parse cost of all output so far. */
  private produced = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inputPending = false;
  private paused = false;
  private activity = 0;
  private driver: ClientState | undefined;
  private appliedSize: TerminalSize | undefined;
  private slowTimer: ReturnType<typeof setTimeout> | undefined;
  private resyncTimer: ReturnType<typeof setTimeout> | undefined;
  private resyncAt = 0;
  private readonly now: () => number;
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
      catchUpMs: options.catchUpMs ?? STREAM_DEFAULTS.catchUpMs,
      resyncMs: options.resyncMs ?? STREAM_DEFAULTS.resyncMs,
      screenCostMs: options.screenCostMs ?? STREAM_DEFAULTS.screenCostMs,
      floodMs: options.floodMs ?? STREAM_DEFAULTS.floodMs,
      floodWatermark: options.floodWatermark ?? STREAM_DEFAULTS.floodWatermark,
    };
    this.now = () => Date.now();
    this.priority = options.priority;
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
    const state: ClientState = {
      client,
      pending: [],
      unacked: 0,
      inflight: [],
      closed: false,
      lagging: false,
      laggingSince: 0,
      producedAtScreen: 0,
      floodUntil: -Infinity,
      historyDue: false,
      overSince: undefined,
      size: undefined,
      activeAt: 0,
    };
    if (this.disposed) {
      client.sendControl({ t: 'exit', reason: 'The session is gone.' });
      return { receive: () => undefined, detach: () => undefined };
    }
    this.clients.add(state);
    this.takeSnapshot(state);
    return {
      receive: (message) => this.receive(state, message),
      detach: () => this.detach(state),
    };
  }

  /** Input that reached the session another way (the `sessions.write` method): the next chunk is sent at once. */
  noteInput(): void {
    this.inputPending = true;
    this.priority?.noteInput(this.member);
  }

  dispose(): void {
    if (this.disposed) return;
    this.flush();
    this.disposed = true;
    if (this.slowTimer !== undefined) clearTimeout(this.slowTimer);
    this.slowTimer = undefined;
    if (this.resyncTimer !== undefined) clearTimeout(this.resyncTimer);
    this.resyncTimer = undefined;
    for (const subscription of this.subscriptions) subscription.dispose();
    this.clients.clear();
    this.priority?.leave(this.member);
    this.setPaused(false);
  }

  /**
   * Snapshot and subscription in the same tick: everything emitted from now on lands in
   * `state.pending` and is replayed after the snapshot. The exit follows, unless the client has it.
   */
  private takeSnapshot(state: ClientState, withExit = true): void {
    state.pending = [];
    this.source.snapshot().then(
      (snapshot) => this.completeAttach(state, snapshot, withExit),
      (error: unknown) => {
        this.log('terminal snapshot failed', error);
        this.completeAttach(state, '', withExit);
      },
    );
  }

  private completeAttach(state: ClientState, snapshot: string, withExit: boolean): void {
    if (state.closed || this.disposed) return;
    const pending = state.pending ?? [];
    const heldCost = this.pendingCost(state);
    state.pending = undefined;
    // Whatever sits in the shared batch arrived after the snapshot was taken and is already in
    // `pending`; send it to the others first so this client does not get it twice.
    this.flush(state);
    // The held characters stop counting; what is sent now counts by its bytes.
    state.unacked = Math.max(0, state.unacked - heldCost);
    this.sendSnapshot(state, snapshot);
    if (pending.length > 0) this.sendText(state, pending.join(''));
    // The exit comes last, whether it happened before the attach or while the snapshot was taken.
    const exit = this.exit;
    if (exit && withExit) this.safeSend(state, () => state.client.sendControl(exitMessage(exit)));
    this.updatePause();
  }

  private receive(state: ClientState, message: ClientControl): void {
    if (state.closed || this.disposed) return;
    switch (message.t) {
      case 'ack':
        this.credit(state, message.bytes);
        this.resyncDue();
        this.updatePause();
        return;
      case 'input':
        if (this.exit) return;
        this.drive(state);
        this.noteInput();
        this.source.write(message.data);
        // Typed into a session whose views were set aside while the user typed elsewhere (or which
        // skipped): its screen now, not when the typing elsewhere would have ended.
        for (const other of this.clients) if (other.lagging) return this.scheduleResyncCheck(0);
        return;
      case 'resize':
        state.size = { cols: message.cols, rows: message.rows };
        this.drive(state);
        return;
      case 'skip':
        // The client dropped what it had not parsed (acked above): live output would now arrive
        // after a hole, so it waits for a screen like a client that fell behind. After the end
        // there is nothing more to skip (it has, or will get, the last screen and the exit).
        if (!this.exit && this.setAside(state, this.now())) this.afterSetAside();
        return;
    }
  }

  /** `state` is the latest active client: its size becomes the terminal's. */
  private drive(state: ClientState): void {
    state.activeAt = ++this.activity;
    this.driver = state;
    this.applySize(state.size);
  }

  private applySize(size: TerminalSize | undefined): void {
    if (!size || this.exit) return;
    const applied = this.appliedSize;
    if (applied && applied.cols === size.cols && applied.rows === size.rows) return;
    // Output produced for the old size goes out before the terminal changes shape.
    this.flush();
    this.appliedSize = size;
    this.source.resize(size);
  }

  /**
   * A snapshot counts against the client's window like output (it acks the snapshot's characters
   * once parsed): a client that stops parsing is sent nothing more, snapshots included.
   */
  private sendSnapshot(state: ClientState, data: string, screenOnly = false): void {
    state.unacked += data.length;
    state.inflight.push({ bytes: data.length, cost: data.length });
    this.safeSend(state, () => state.client.sendControl(screenOnly ? { t: 'snapshot', data, screen: true } : { t: 'snapshot', data }));
  }

  /**
   * Brings lagging clients that caught up what they missed, at most every `resyncMs` (at once after
   * the end). While the session still floods, that is the screen alone: a few KB, against 1000 lines
   * of scrollback that take ~30 ms to serialize, and no live output after it. Once it has calmed down
   * (or ended), a full snapshot, then live output, as for a new attach.
   */
  private resyncDue(): void {
    if (this.disposed) return;
    const now = this.now();
    let next = Infinity;
    for (const state of this.clients) {
      if (state.closed || state.pending !== undefined || state.unacked >= this.options.lowWatermark) continue;
      if (state.historyDue) {
        // The session ended while this client was set aside: it has its last screen and the exit;
        // now the scrollback it skipped, as a full snapshot (which repaints the same screen).
        state.historyDue = false;
        this.takeSnapshot(state, false);
        continue;
      }
      if (!state.lagging) continue;
      if (this.exit) {
        // The last screen and the exit at once (a screen costs a few ms to make and to paint, a full
        // snapshot tens: Ctrl-C on a flood must show its end fast); the scrollback follows.
        state.lagging = false;
        state.historyDue = true;
        const exit = this.exit;
        this.withScreen(state, (screen) => {
          this.sendSnapshot(state, screen, true);
          this.safeSend(state, () => state.client.sendControl(exitMessage(exit)));
        });
        this.noteFlooding();
        continue;
      }
      const wait = this.screenTick(state.laggingSince) - now;
      if (wait > 0) {
        next = Math.min(next, wait);
        continue;
      }
      // Still flooding: more than floodWatermark per resyncMs since its last screen (that screen went out
      // at this session's phase of the period, or was put off by typing elsewhere, so it can be any
      // time from a moment to seconds ago), or held back by its mirror.
      const floodSince = (this.options.floodWatermark * Math.max(now - state.laggingSince, 1)) / this.options.resyncMs;
      if (this.produced - state.producedAtScreen > floodSince || this.source.isBacklogged()) {
        this.showScreen(state, now);
        next = Math.min(next, this.options.resyncMs);
      } else {
        state.lagging = false;
        state.overSince = undefined;
        this.takeSnapshot(state);
        this.noteFlooding();
      }
    }
    if (next < Infinity) this.scheduleResyncCheck(next);
  }

  /**
   * The next screen after `since`: every `resyncMs` (longer when many sessions flood), on the wall
   * clock at this session's own phase of that period, so the screens of 16 flooding panes reach the
   * page one after another. Sent together, they made one frame of 50 to 100 ms every period, and a
   * key typed then waited for all of it.
   */
  private screenTick(since: number): number {
    const every = Math.max(this.options.resyncMs, (this.priority?.floodingCount ?? 1) * this.options.screenCostMs);
    const offset = (this.priority?.phaseOf(this.member) ?? 0) * every;
    const tick = (Math.floor((since - offset) / every) + 1) * every + offset;
    return Math.max(tick, this.priority?.yieldingUntil(this.member) ?? tick);
  }

  /** Tells `priority` whether this session shows some view screens instead of its output. */
  private noteFlooding(): void {
    let flooding = false;
    for (const state of this.clients) flooding ||= state.lagging;
    this.priority?.setFlooding(this.member, flooding);
  }

  /**
   * Sends a lagging client the screen alone. The client drops the output it has not parsed yet (a
   * snapshot supersedes it) and acks it, so it catches up at once instead of parsing a backlog.
   */
  private showScreen(state: ClientState, now: number): void {
    state.laggingSince = now;
    state.producedAtScreen = this.produced;
    this.withScreen(state, (screen) => {
      if (state.lagging) this.sendSnapshot(state, screen, true);
    });
  }

  /** The mirror's screen alone, handed to `send` unless the client or the host is gone meanwhile. */
  private withScreen(state: ClientState, send: (screen: string) => void): void {
    this.source.snapshot({ scrollback: false }).then(
      (screen) => {
        if (!state.closed && !this.disposed) send(screen);
      },
      (error: unknown) => this.log('terminal snapshot failed', error),
    );
  }

  private scheduleResyncCheck(ms: number): void {
    if (this.disposed) return;
    const at = this.now() + ms;
    if (this.resyncTimer !== undefined && this.resyncAt <= at) return;
    if (this.resyncTimer !== undefined) clearTimeout(this.resyncTimer);
    this.resyncAt = at;
    this.resyncTimer = setTimeout(() => {
      this.resyncTimer = undefined;
      this.resyncDue();
      this.updatePause();
    }, Math.max(0, ms));
  }

  private detach(state: ClientState): void {
    if (state.closed) return;
    state.closed = true;
    this.clients.delete(state);
    this.noteFlooding();
    if (this.driver === state) {
      this.driver = undefined;
      let next: ClientState | undefined;
      for (const other of this.clients) if (other.size && (!next || other.activeAt > next.activeAt)) next = other;
      if (next) {
        this.driver = next;
        this.applySize(next.size);
      }
    }
    this.updatePause();
  }

  private onOutput(data: string): void {
    if (this.disposed || data.length === 0) return;
    const lines = lineCount(data);
    const cost = this.costOfLines(data.length, lines);
    this.produced += cost;
    this.priority?.charge(this.member, cost);
    let held = false;
    for (const state of this.clients) {
      if (state.pending === undefined) continue;
      state.pending.push(data);
      state.unacked += cost;
      held = true;
    }
    if (held) this.updatePause();
    this.batch.push(data);
    this.batchChars += data.length;
    this.batchCost += cost;
    this.batchLines += lines;
    if (this.inputPending || this.batchChars >= this.options.maxBatchChars || this.batchCost >= this.options.maxBatchChars) {
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
      // A client still waiting for its snapshot gets the exit after the snapshot (completeAttach);
      // so does one that skipped output (resyncDue brings it the final screen, then the exit).
      if (state.pending === undefined && !state.lagging) this.safeSend(state, () => state.client.sendControl(exitMessage(exit)));
    }
    this.resyncDue();
    this.priority?.leave(this.member);
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
    const bytes = this.encoder.encode(text);
    const cost = this.costOfLines(bytes.length, this.batchLines);
    this.batchChars = 0;
    this.batchCost = 0;
    this.batchLines = 0;
    for (const state of this.clients) {
      if (state === skip || state.pending !== undefined || state.lagging) continue;
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
    return this.costOfLines(bytes, lineCount(text));
  }

  private costOfLines(bytes: number, lines: number): number {
    return parseCost(bytes, lines, this.options.lineCost);
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
    this.setAsideSlowClients();
    let most = 0;
    for (const state of this.clients) if (!state.lagging) most = Math.max(most, state.unacked);
    if (!this.paused && most > this.options.highWatermark) this.setPaused(true);
    else if (this.paused && most < this.options.lowWatermark) this.setPaused(false);
  }

  /**
   * Finding a client over the high watermark, the PTY waits for it: a burst a view can parse in a
   * moment is shown whole. But a view must never hold the agent back for long (a flood faster than
   * the page can parse, a tab in the background, a frozen window): a client still over the mark after
   * `catchUpMs` is set aside (`lagging`) and the agent goes on at the speed of the mirror. During a
   * flood the client is shown the screen a few times a second instead of every byte (`resyncDue`),
   * and at rest it shows exactly what the mirror holds. A client that caught up with a burst but goes
   * over again within `floodMs` is in a flood: it is set aside at once.
   */
  private setAsideSlowClients(): void {
    const now = this.now();
    let waiting = false;
    for (const state of this.clients) {
      if (state.lagging || state.pending !== undefined) continue;
      if (state.unacked <= this.options.highWatermark) {
        // It caught up with a burst in time; going over again within `floodMs` makes it a flood.
        if (state.overSince !== undefined) state.floodUntil = now + this.options.floodMs;
        state.overSince = undefined;
        continue;
      }
      state.overSince ??= now;
      if (now < state.floodUntil || now - state.overSince >= this.options.catchUpMs) {
        // The screen right away: the view drops the backlog it would otherwise parse first. Not while
        // the user types in another session (the page's time goes to the echo): once that stops.
        this.setAside(state, now);
        if (this.priority?.yieldingUntil(this.member) === undefined) this.showScreen(state, now);
        this.noteFlooding();
        this.scheduleResyncCheck(this.options.resyncMs);
      } else waiting = true;
    }
    // While paused nothing else happens but acks: look again once the slow one has had its time.
    if (waiting && this.slowTimer === undefined) {
      this.slowTimer = setTimeout(() => {
        this.slowTimer = undefined;
        this.updatePause();
      }, this.options.catchUpMs);
    }
  }

  /**
   * The user types in another session while this one floods (it used up its ration): its live views
   * are set aside now, without a screen, and get one once the typing stops (`screenTick` waits for
   * it). Drawing 16 floods at their ration still cost the page a frame every few ms, and every echo
   * waited behind one.
   */
  private setAsideLiveClients(): void {
    const now = this.now();
    let setAside = false;
    for (const state of this.clients) setAside = this.setAside(state, now) || setAside;
    if (setAside) this.afterSetAside();
  }

  /** Sets a live client aside without a screen (it gets one at its next screen tick); false if it was not live. */
  private setAside(state: ClientState, now: number): boolean {
    if (state.lagging || state.pending !== undefined) return false;
    state.lagging = true;
    state.overSince = undefined;
    state.laggingSince = now;
    state.producedAtScreen = this.produced;
    return true;
  }

  private afterSetAside(): void {
    this.noteFlooding();
    this.scheduleResyncCheck(this.options.resyncMs);
    this.updatePause();
  }

  private setPaused(paused: boolean): void {
    if (this.paused === paused) return;
    this.paused = paused;
    this.applyPause();
  }

  /** The PTY is paused for flow control or while rationed, never after the end. */
  private applyPause(): void {
    const pause = (this.paused || this.rationed) && !this.exit && !this.disposed;
    if (pause === this.sourcePaused) return;
    this.sourcePaused = pause;
    try {
      if (pause) this.source.pause();
      else this.source.resume();
    } catch (error) {
      this.log('terminal pause/resume failed', error);
    }
  }
}

function exitMessage(exit: TerminalExit): ServerControl {
  return { t: 'exit', ...(exit.code !== undefined ? { code: exit.code } : {}), ...(exit.reason !== undefined ? { reason: exit.reason } : {}) };
}
