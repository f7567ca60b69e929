import type { Clock } from '../../domain/ports/clock.port';
import type { Disposable } from '../../domain/ports/disposable';
import type { Scheduler } from '../../domain/ports/scheduler.port';
import { FixedClock } from './fixed-clock';

interface Timer {
  readonly due: number;
  readonly seq: number;
  readonly fn: () => void;
}

/**
 * Timers that fire only when a test moves time with `advance`. It owns a FixedClock (also a
 * Clock itself), moved to each timer's due time before the timer runs, so code under test sees
 * the time it expects. Timers due at the same time fire in the order they were set.
 */
export class ManualScheduler implements Scheduler, Clock {
  private readonly timers = new Set<Timer>();
  private seq = 0;

  constructor(readonly clock: FixedClock = new FixedClock()) {}

  now(): number {
    return this.clock.now();
  }

  setTimeout(fn: () => void, ms: number): Disposable {
    const timer: Timer = { due: this.clock.now() + Math.max(0, ms), seq: this.seq++, fn };
    this.timers.add(timer);
    return { dispose: () => void this.timers.delete(timer) };
  }

  /** A turn is a timer due now: it runs at the next `advance`, however small, and not inside the call. */
  nextTurn(fn: () => void): void {
    this.setTimeout(fn, 0);
  }

  /** How many timers are waiting. */
  get pending(): number {
    return this.timers.size;
  }

  /** Moves time forward by `ms`, firing every timer that falls due, including ones set by timers on the way. */
  advance(ms: number): void {
    const end = this.clock.now() + ms;
    for (let next = this.nextDue(end); next; next = this.nextDue(end)) {
      this.timers.delete(next);
      this.clock.advance(next.due - this.clock.now());
      next.fn();
    }
    this.clock.advance(end - this.clock.now());
  }

  /**
   * Like `advance`, but lets promises settle after each timer (and at the end), for code whose
   * timers start async work (reading a screen, launching) that sets further timers.
   */
  async advanceAsync(ms: number): Promise<void> {
    const end = this.clock.now() + ms;
    await flush();
    for (let next = this.nextDue(end); next; next = this.nextDue(end)) {
      this.timers.delete(next);
      this.clock.advance(next.due - this.clock.now());
      next.fn();
      await flush();
    }
    this.clock.advance(end - this.clock.now());
    await flush();
  }

  private nextDue(end: number): Timer | undefined {
    let best: Timer | undefined;
    for (const timer of this.timers) {
      if (timer.due > end) continue;
      if (!best || timer.due < best.due || (timer.due === best.due && timer.seq < best.seq)) best = timer;
    }
    return best;
  }
}

/** A macrotask turn: every promise chain that is ready runs before it ends. */
function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
