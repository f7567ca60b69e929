import { FEED_BUDGET_BYTES, FEED_PANE_BYTES, SKIP_BYTES, TYPING_HOT_MS, TYPING_SHARE_BYTES, TYPING_SHARE_MS } from '../../../contract/flow';

/**
 * Decides when each terminal's output is handed to xterm.js, for every pane of the page together.
 *
 * Left to itself, every frame that arrives goes straight into its terminal's write queue, and xterm.js
 * parses each terminal's queue in its own 12 ms timer slices: with 16 panes flooding that is 16 slices
 * (about 200 ms) queued ahead of anything else, and the echo of a key typed in a quiet pane waits
 * behind megabytes of other panes' output.
 *
 * Here output waits in a per-pane queue and is handed to xterm in slices, keeping only a little of
 * each pane inside xterm at any time (`perPaneBytes`, a few ms of parsing; `budgetBytes` across all
 * panes), round-robin so floods share fairly. A pane the user just typed in is "hot" for a while: its
 * output skips the shared budget and is handed over at once, so its echo is parsed in the next turn.
 *
 * While a pane is hot the others are fed in small rations (`typingShareBytes` every `typingShareMs`)
 * rather than continuously: each pane that receives output is re-rendered in the next frame, and 16
 * DOM terminals rendering at 60 frames a second leave no room for the echo. The floods slow down
 * while the user types and catch up a second later; nothing is dropped.
 *
 * When the user types, a pane with more than `skipBytes` waiting is a flood: what waits is dropped
 * (and acked) and the pane skips its output until the host sends it the screen again (after the
 * typing; terminal-stream-host.ts), so the page does not parse every flooding pane's backlog, a few
 * hundred ms of work, before the first keys' echo.
 *
 * A slice is acknowledged once xterm has parsed it, so the host sees acks only for parsed bytes and
 * pauses the PTY when a pane falls behind.
 */
export interface FeedSchedulerOptions {
  /** Bytes handed to xterm and not yet parsed, across all panes that are not hot. */
  readonly budgetBytes: number;
  /** At most this much of one pane is inside xterm at once; output is sliced to half of it. */
  readonly perPaneBytes: number;
  /** How long a pane stays hot after input. */
  readonly hotMs: number;
  /** While a pane is hot, the others get at most this much every `typingShareMs`. */
  readonly typingShareBytes: number;
  readonly typingShareMs: number;
  /** When the user types in another pane, a pane with at least this much waiting skips it. */
  readonly skipBytes: number;
  readonly now: () => number;
  readonly setTimer: (fn: () => void, ms: number) => unknown;
}

export interface FeedSink {
  /** Hands bytes to xterm; `parsed` is called once xterm has parsed them. */
  write(bytes: Uint8Array, parsed: () => void): void;
}

export interface FeedQueue {
  /** Output for this pane; `ack` is called with byte counts as they are parsed (or dropped by `clear`). */
  push(bytes: Uint8Array): void;
  /** The user typed in this pane: its output goes first for a while. */
  noteInput(): void;
  /**
   * Drops what has not reached xterm yet (a snapshot repaints the screen); it counts as consumed.
   * Ends skipping.
   */
  clear(): void;
  /** Whether the pane drops its output until the next snapshot (see `skipBytes`). */
  readonly skipping: boolean;
  /** Calls `fn` once everything pushed so far has been handed to xterm (at once if nothing waits). */
  afterQueued(fn: () => void): void;
  /** Bytes waiting here, not yet handed to xterm. */
  readonly queuedBytes: number;
  /** Bytes waiting here or inside xterm, not yet parsed. */
  readonly unparsedBytes: number;
  dispose(): void;
}

interface Pane {
  readonly sink: FeedSink;
  readonly ack: (bytes: number) => void;
  /** Tells the host the pane skips (undefined: it never does). */
  readonly skip: (() => void) | undefined;
  skipping: boolean;
  readonly chunks: Uint8Array[];
  queued: number;
  inXterm: number;
  hotUntil: number;
  disposed: boolean;
  readonly queuedWaiters: Array<() => void>;
}

/** The page's budgets (contract/flow.ts); the clock comes from whoever builds the scheduler. */
export const FEED_DEFAULTS: Omit<FeedSchedulerOptions, 'now' | 'setTimer'> = {
  budgetBytes: FEED_BUDGET_BYTES,
  perPaneBytes: FEED_PANE_BYTES,
  hotMs: TYPING_HOT_MS,
  typingShareBytes: TYPING_SHARE_BYTES,
  typingShareMs: TYPING_SHARE_MS,
  skipBytes: SKIP_BYTES,
};

export class FeedScheduler {
  private readonly panes: Pane[] = [];
  private inXterm = 0;
  private next = 0;
  private pumping = false;
  /** While a pane is hot: when the others get their next ration, and whether a timer will pump then. */
  private nextShareAt = -Infinity;
  private shareTimer = false;

  constructor(private readonly options: FeedSchedulerOptions) {}

  /** Bytes inside xterm, not yet parsed, for panes that are not hot (for tests and diagnostics). */
  get sharedInXterm(): number {
    return this.inXterm;
  }

  register(sink: FeedSink, ack: (bytes: number) => void, skip?: () => void): FeedQueue {
    const pane: Pane = { sink, ack, skip, skipping: false, chunks: [], queued: 0, inXterm: 0, hotUntil: -Infinity, disposed: false, queuedWaiters: [] };
    const skipOthers = () => this.skipFloods(pane);
    const drop = () => this.drop(pane);
    this.panes.push(pane);
    const { options } = this;
    const pump = () => this.pump();
    const forget = () => {
      const index = this.panes.indexOf(pane);
      if (index >= 0) this.panes.splice(index, 1);
    };
    return {
      push(bytes) {
        if (pane.disposed || bytes.length === 0) return;
        // Sent before the host saw the skip: superseded by the screen to come, like what was dropped.
        if (pane.skipping) return pane.ack(bytes.length);
        pane.chunks.push(bytes);
        pane.queued += bytes.length;
        pump();
      },
      noteInput() {
        pane.hotUntil = options.now() + options.hotMs;
        skipOthers();
      },
      clear() {
        pane.skipping = false;
        drop();
      },
      get skipping() {
        return pane.skipping;
      },
      afterQueued(fn) {
        if (pane.queued === 0) fn();
        else pane.queuedWaiters.push(fn);
      },
      get queuedBytes() {
        return pane.queued;
      },
      get unparsedBytes() {
        return pane.queued + pane.inXterm;
      },
      dispose() {
        if (pane.disposed) return;
        pane.disposed = true;
        pane.queuedWaiters.length = 0;
        pane.chunks.length = 0;
        pane.queued = 0;
        forget();
        pump();
      },
    };
  }

  /** The user typed in `typed`: every other pane with a flood waiting drops it and skips (see `skipBytes`). */
  private skipFloods(typed: Pane): void {
    for (const pane of this.panes) {
      if (pane === typed || pane.skipping || !pane.skip || pane.queued < this.options.skipBytes) continue;
      pane.skipping = true;
      this.drop(pane);
      pane.skip();
    }
  }

  /** Drops what waits here (it counts as consumed: acked) and runs the waiters for an empty queue. */
  private drop(pane: Pane): void {
    const dropped = pane.queued;
    pane.chunks.length = 0;
    pane.queued = 0;
    if (dropped > 0) pane.ack(dropped);
    for (const fn of pane.queuedWaiters.splice(0)) fn();
  }

  private isHot(pane: Pane, now: number): boolean {
    return pane.hotUntil > now;
  }

  /** Hands slices to xterm while the budget allows: hot panes first, then round-robin. */
  private pump(): void {
    // A parse callback can fire inside a write (xterm parses in its own loop and calls back there);
    // the outer pump goes on with the updated counts.
    if (this.pumping) return;
    this.pumping = true;
    try {
      const now = this.options.now();
      let anyHot = false;
      for (const pane of this.panes) {
        if (!this.isHot(pane, now)) continue;
        anyHot = true;
        while (this.handOver(pane, true, Infinity));
      }
      let budget = this.options.budgetBytes;
      if (anyHot) {
        if (now < this.nextShareAt) return this.pumpLater(this.nextShareAt - now);
        this.nextShareAt = now + this.options.typingShareMs;
        budget = Math.min(budget, this.inXterm + this.options.typingShareBytes);
        this.pumpLater(this.options.typingShareMs);
      }
      let idle = 0;
      while (this.panes.length > 0 && idle < this.panes.length) {
        if (this.next >= this.panes.length) this.next = 0;
        const pane = this.panes[this.next]!;
        this.next++;
        if (this.handOver(pane, this.isHot(pane, now), budget)) idle = 0;
        else idle++;
      }
    } finally {
      this.pumping = false;
    }
  }

  /** One pump once the others' next ration is due (hot mode), unless one is already coming. */
  private pumpLater(ms: number): void {
    if (this.shareTimer) return;
    this.shareTimer = true;
    this.options.setTimer(() => {
      this.shareTimer = false;
      this.pump();
    }, Math.max(0, ms));
  }

  /** Hands one slice of the pane's queue to xterm if the limits allow. */
  private handOver(pane: Pane, hot: boolean, budget: number): boolean {
    if (pane.disposed || pane.queued === 0) return false;
    let slice = Math.max(1, Math.floor(this.options.perPaneBytes / 2));
    if (pane.inXterm + Math.min(slice, pane.queued) > this.options.perPaneBytes && pane.inXterm > 0) return false;
    if (!hot) {
      if (this.inXterm >= budget) return false;
      slice = Math.min(slice, budget - this.inXterm);
    }
    const bytes = this.take(pane, slice);
    const shared = !hot;
    const waiters = pane.queued === 0 ? pane.queuedWaiters.splice(0) : [];
    pane.inXterm += bytes.length;
    if (shared) this.inXterm += bytes.length;
    let done = false;
    pane.sink.write(bytes, () => {
      if (done) return;
      done = true;
      pane.inXterm -= bytes.length;
      if (shared) this.inXterm -= bytes.length;
      // Handed over before a clear() or not, xterm parsed it: it is acked (a disposed pane's stream is closed).
      if (!pane.disposed) pane.ack(bytes.length);
      this.pump();
    });
    // After the write, so whatever the waiter writes to xterm comes after these bytes.
    for (const fn of waiters) fn();
    return true;
  }

  /** Up to `max` bytes from the head of the queue, without copying when a chunk fits whole. */
  private take(pane: Pane, max: number): Uint8Array {
    const head = pane.chunks[0]!;
    if (head.length <= max) {
      pane.chunks.shift();
      pane.queued -= head.length;
      // Small chunks (an echo, a prompt) are joined up to the slice size so xterm gets fewer writes.
      if (pane.chunks.length === 0 || head.length + pane.chunks[0]!.length > max) return head;
      const parts = [head];
      let size = head.length;
      while (pane.chunks.length > 0 && size + pane.chunks[0]!.length <= max) {
        const part = pane.chunks.shift()!;
        parts.push(part);
        size += part.length;
        pane.queued -= part.length;
      }
      const joined = new Uint8Array(size);
      let at = 0;
      for (const part of parts) {
        joined.set(part, at);
        at += part.length;
      }
      return joined;
    }
    // xterm keeps its UTF-8 decoder's state between writes, so a slice may end inside a character.
    pane.chunks[0] = head.subarray(max);
    pane.queued -= max;
    return head.subarray(0, max);
  }
}
