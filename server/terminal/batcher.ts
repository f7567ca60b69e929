import { parseCost } from '../../domain/parse-cost';
import type { Disposable } from '../../domain/ports/disposable';
import type { Scheduler } from '../../domain/ports/scheduler.port';

/** One batch of output: its UTF-8 bytes and its parse cost. */
export interface Batch {
  readonly bytes: Uint8Array;
  readonly cost: number;
}

export interface BatcherOptions {
  readonly scheduler: Scheduler;
  /** How long output is gathered before it is sent. */
  readonly batchMs: number;
  /** A batch costing this much is sent at once. */
  readonly maxBatchCost: number;
  readonly lineCost: number;
  readonly send: (batch: Batch) => void;
}

/**
 * Gathers a session's output into batches: sent `batchMs` after its first chunk, at once when it
 * costs `maxBatchCost`, and at once for the first chunk after an input (`expressNext`), so typing
 * feels immediate. A batch's cost is counted on its bytes and its line feeds, as the page parses it.
 */
export class OutputBatcher {
  private chunks: string[] = [];
  private cost = 0;
  /** Line feeds in the batch, counted as output arrives. */
  private lines = 0;
  private express = false;
  private timer: Disposable | undefined;
  private readonly encoder = new TextEncoder();

  constructor(private readonly options: BatcherOptions) {}

  /** Adds a chunk whose line feeds and parse cost the caller has counted. */
  push(data: string, lines: number, cost: number): void {
    this.chunks.push(data);
    this.cost += cost;
    this.lines += lines;
    if (this.express || this.cost >= this.options.maxBatchCost) {
      this.express = false;
      this.flush();
      return;
    }
    this.timer ??= this.options.scheduler.setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.options.batchMs);
  }

  /** The next chunk goes out as soon as it arrives (the echo of an input). */
  expressNext(): void {
    this.express = true;
  }

  /** Sends what is gathered now, if anything. */
  flush(): void {
    const batch = this.take();
    if (batch) this.options.send(batch);
  }

  /** What is gathered, taken out to be sent by the caller (undefined if nothing is); the timer stops. */
  take(): Batch | undefined {
    this.timer?.dispose();
    this.timer = undefined;
    if (this.chunks.length === 0) return undefined;
    const bytes = this.encoder.encode(this.chunks.join(''));
    const cost = parseCost(bytes.length, this.lines, this.options.lineCost);
    this.chunks = [];
    this.cost = 0;
    this.lines = 0;
    return { bytes, cost };
  }

  /** Drops the timer; what is gathered is not sent. */
  dispose(): void {
    this.timer?.dispose();
    this.timer = undefined;
    this.chunks = [];
  }
}
