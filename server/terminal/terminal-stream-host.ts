import { isPointerMotionOnly } from '../../domain/pointer-motion';
import type { SessionExit, SessionTerminal } from '../../application/session-registry';
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
import type { ClientControl } from '../../contract/terminal-stream';
import { lineCount, parseCost } from '../../domain/parse-cost';
import type { Clock } from '../../domain/ports/clock.port';
import type { Disposable } from '../../domain/ports/disposable';
import type { Scheduler } from '../../domain/ports/scheduler.port';
import { OutputBatcher, type Batch } from './batcher';
import type { OutputScheduler, PriorityMember } from './output-scheduler';
import { ScreenPacer } from './screen-pacer';
import { SetAside } from './set-aside';
import { SizeArbiter } from './size-arbiter';
import { StreamClient, type TerminalClient } from './stream-client';

export type { TerminalClient } from './stream-client';

export interface TerminalClientLink {
  /** A control message from the client (already parsed with `ClientControl`). */
  receive(message: ClientControl): void;
  /** The client went away: its unacked output no longer holds the PTY back. */
  detach(): void;
}

/** The stream's tuning; contract/flow.ts says what each keeps (tests shrink them). Costs are parse costs. */
export interface TerminalStreamTuning {
  readonly batchMs?: number;
  readonly maxBatchCost?: number;
  readonly highWatermark?: number;
  readonly lowWatermark?: number;
  readonly lineCost?: number;
  readonly catchUpMs?: number;
  readonly floodMs?: number;
  readonly resyncMs?: number;
  readonly screenCostMs?: number;
  readonly floodWatermark?: number;
}

export interface TerminalStreamOptions extends TerminalStreamTuning {
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  /** Shared by every session's host: while the user types in one, the others' output yields. */
  readonly priority?: OutputScheduler;
  /** Hears what a view types into the session (not what reaches it by `sessions.write`). */
  readonly onTyped?: (data: string) => void;
  readonly log?: (message: string, error?: unknown) => void;
}

/**
 * One session's terminal stream to its views. Output is batched (OutputBatcher) and sent as UTF-8
 * bytes to every live view; each view acks what it has parsed (CreditWindow), and the PTY is held
 * for 'views' while a view that is not set aside has more than the high watermark unacked, until
 * all are under the low one. A new view gets the mirror's snapshot first, then the live output,
 * with no gap and no duplicate. A view that falls behind is set aside rather than allowed to hold
 * the agent back (SetAside). The view that last typed or resized decides the PTY's size
 * (SizeArbiter). Each view's phase (StreamClient) says which of these it is in.
 */
export class TerminalStreamHost {
  private readonly tuning: Required<TerminalStreamTuning>;
  private readonly priority: OutputScheduler | undefined;
  private readonly log: (message: string, error?: unknown) => void;
  private readonly onTyped: ((data: string) => void) | undefined;
  private readonly member: PriorityMember;
  private readonly batcher: OutputBatcher;
  private readonly sizes: SizeArbiter<StreamClient>;
  private readonly setAside: SetAside;
  private readonly encoder = new TextEncoder();
  private readonly clients = new Set<StreamClient>();
  private readonly subscriptions: Disposable[] = [];
  /** Parse cost of all output so far. */
  private produced = 0;
  private exit: SessionExit | undefined;
  private disposed = false;

  constructor(
    private readonly terminal: SessionTerminal,
    options: TerminalStreamOptions,
  ) {
    this.tuning = {
      batchMs: options.batchMs ?? BATCH_MS,
      maxBatchCost: options.maxBatchCost ?? MAX_BATCH_COST,
      highWatermark: options.highWatermark ?? HIGH_WATERMARK,
      lowWatermark: options.lowWatermark ?? LOW_WATERMARK,
      lineCost: options.lineCost ?? LINE_COST,
      catchUpMs: options.catchUpMs ?? CATCH_UP_MS,
      floodMs: options.floodMs ?? FLOOD_MS,
      resyncMs: options.resyncMs ?? RESYNC_MS,
      screenCostMs: options.screenCostMs ?? SCREEN_COST_MS,
      floodWatermark: options.floodWatermark ?? FLOOD_WATERMARK,
    };
    const { clock, scheduler } = options;
    this.priority = options.priority;
    this.onTyped = options.onTyped;
    this.log = options.log ?? (() => undefined);
    this.member = { pressure: terminal.pressure, floodsWhileYielding: () => this.setAside.liveClients() };
    this.batcher = new OutputBatcher({ scheduler, ...this.tuning, send: (batch) => this.sendBatch(batch) });
    this.sizes = new SizeArbiter((size) => {
      if (this.exit) return;
      // Output produced for the old size goes out before the terminal changes shape.
      this.batcher.flush();
      this.terminal.resize(size);
    });
    this.setAside = new SetAside(
      {
        clients: this.clients,
        terminal,
        produced: () => this.produced,
        exit: () => this.exit,
        disposed: () => this.disposed,
        takeSnapshot: (client, exitAfter) => this.takeSnapshot(client, exitAfter),
        updatePause: () => this.updatePause(),
        log: (message, error) => this.log(message, error),
      },
      this.tuning,
      new ScreenPacer(this.tuning, this.priority, this.member),
      clock,
      scheduler,
    );
    // Last: a session that has ended calls onExit at once.
    this.subscriptions.push(
      terminal.onOutput((data) => this.onOutput(data)),
      terminal.onInput(() => this.onInput()),
      terminal.onExit((exit) => this.onExit(exit)),
    );
  }

  get clientCount(): number {
    return this.clients.size;
  }

  get ended(): boolean {
    return this.exit !== undefined;
  }

  /** Whether this host's views hold the PTY back right now (for tests and diagnostics). */
  get isPaused(): boolean {
    return this.terminal.pressure.holds('views');
  }

  attach(transport: TerminalClient): TerminalClientLink {
    if (this.disposed) {
      transport.sendControl({ t: 'exit', reason: 'The session is gone.' });
      return { receive: () => undefined, detach: () => undefined };
    }
    const client = new StreamClient(transport, (broken, error) => {
      this.log('terminal client send failed; detaching it', error);
      this.detach(broken);
    });
    this.clients.add(client);
    this.takeSnapshot(client, true);
    return { receive: (message) => this.receive(client, message), detach: () => this.detach(client) };
  }

  dispose(): void {
    if (this.disposed) return;
    this.batcher.flush();
    this.disposed = true;
    this.batcher.dispose();
    this.setAside.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
    this.clients.clear();
    this.priority?.leave(this.member);
    this.terminal.pressure.release('views');
  }

  /**
   * Snapshot and held output start in the same tick: everything emitted from now on is held for the
   * client and sent after the snapshot. The exit follows, when `exitAfter` and the session has ended.
   */
  private takeSnapshot(client: StreamClient, exitAfter: boolean): void {
    client.phase = { name: 'attaching', held: [], exitAfter };
    client.window.releaseHeld();
    this.terminal.snapshot().then(
      (snapshot) => this.completeAttach(client, snapshot, exitAfter),
      (error: unknown) => {
        this.log('terminal snapshot failed', error);
        this.completeAttach(client, '', exitAfter);
      },
    );
  }

  private completeAttach(client: StreamClient, snapshot: string, exitAfter: boolean): void {
    if (client.closed || this.disposed) return;
    const held = client.phase.name === 'attaching' ? client.phase.held : [];
    // Live from here, its held output still in its window while the batch goes out to the others
    // (the batch arrived after the snapshot was taken, so it is in the held output too). A client
    // whose held output is over the window has thus just caught up with a burst once it is sent:
    // going over again within floodMs sets it aside at once (StreamClient.catchUp).
    client.phase = { name: 'live', overSince: undefined };
    const batch = this.batcher.take();
    if (batch) this.sendBatch(batch, client);
    client.window.releaseHeld();
    client.sendSnapshot(snapshot);
    if (held.length > 0) this.sendText(client, held.join(''));
    if (this.exit && exitAfter) client.sendExit(this.exit);
    this.updatePause();
  }

  private receive(client: StreamClient, message: ClientControl): void {
    if (client.closed || this.disposed) return;
    switch (message.t) {
      case 'ack':
        client.window.ack(message.bytes);
        this.setAside.resyncDue();
        this.updatePause();
        return;
      case 'input': {
        if (this.exit) return;
        // The pointer crossing a view whose program asks for every move says nothing of where the user works.
        const typed = !isPointerMotionOnly(message.data);
        if (typed) this.sizes.active(client);
        // Through the session, like `sessions.write`: its input listeners (onInput here) hear it.
        this.terminal.write(message.data);
        if (typed) this.setAside.typedInto();
        this.onTyped?.(message.data);
        return;
      }
      case 'resize':
        if (!this.exit) this.sizes.resize(client, { cols: message.cols, rows: message.rows });
        return;
      case 'skip':
        // After the end there is nothing more to skip (it has, or will get, the last screen and the exit).
        if (!this.exit) this.setAside.skipped(client);
        return;
    }
  }

  /** Input reached the session, from a view or from `sessions.write`: its echo goes out at once, and it goes first. */
  private onInput(): void {
    this.batcher.expressNext();
    this.priority?.noteInput(this.member);
  }

  private onOutput(data: string): void {
    if (this.disposed || data.length === 0) return;
    const lines = lineCount(data);
    const cost = parseCost(data.length, lines, this.tuning.lineCost);
    this.produced += cost;
    // After the end the session has left the output scheduler; output that trails the exit must not
    // bring it back, to be held or to have its views set aside after their last screen and exit.
    if (!this.exit) this.priority?.charge(this.member, cost);
    let held = false;
    for (const client of this.clients) {
      if (client.phase.name !== 'attaching') continue;
      client.phase.held.push(data);
      client.window.hold(cost);
      held = true;
    }
    if (held) this.updatePause();
    this.batcher.push(data, lines, cost);
  }

  private onExit(exit: SessionExit): void {
    if (this.exit || this.disposed) return;
    this.batcher.flush();
    this.exit = exit;
    // A client still attaching gets the exit after its snapshot; one set aside after its last screen (resyncDue).
    for (const client of this.clients) if (client.phase.name === 'live') client.sendExit(exit);
    this.setAside.resyncDue();
    this.priority?.leave(this.member);
    this.terminal.pressure.release('views');
  }

  /**
   * Sends a batch to every client that takes live output but `skip`: the live ones, and those due a
   * resync after the end (output that trails the exit comes after the last screen they have).
   */
  private sendBatch({ bytes, cost }: Batch, skip?: StreamClient): void {
    for (const client of this.clients) {
      if ((client.phase.name === 'live' || client.phase.name === 'resync-due') && client !== skip) client.sendBytes(bytes, cost);
    }
    this.updatePause();
  }

  private sendText(client: StreamClient, text: string): void {
    const bytes = this.encoder.encode(text);
    client.sendBytes(bytes, parseCost(bytes.length, lineCount(text), this.tuning.lineCost));
  }

  private detach(client: StreamClient): void {
    if (client.closed) return;
    client.phase = { name: 'closed' };
    this.clients.delete(client);
    this.setAside.noteFlooding();
    this.sizes.leave(client);
    this.updatePause();
  }

  /** The PTY waits while a client that is not set aside holds more than the window; never after the end. */
  private updatePause(): void {
    const { pressure } = this.terminal;
    if (this.exit || this.disposed) return pressure.release('views');
    this.setAside.slowClients();
    let most = 0;
    for (const client of this.clients) if (client.phase.name !== 'set-aside') most = Math.max(most, client.window.unacked);
    if (most > this.tuning.highWatermark) pressure.hold('views');
    else if (most < this.tuning.lowWatermark) pressure.release('views');
  }
}
