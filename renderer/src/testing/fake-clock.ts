import type { TerminalClock } from '../terminal/clock';

/**
 * A clock that moves only when the test says: `advance` fires the timers that fall due on the way, in
 * order, and `frame` runs the callbacks waiting for the next paint.
 */
export class FakeClock implements TerminalClock {
  private time = 0;
  private timers: Array<{ at: number; fn: () => void; seq: number }> = [];
  private frames: Array<() => void> = [];
  private seq = 0;

  now(): number {
    return this.time;
  }

  setTimer(fn: () => void, ms: number): unknown {
    const timer = { at: this.time + Math.max(0, ms), fn, seq: this.seq++ };
    this.timers.push(timer);
    return timer;
  }

  clearTimer(handle: unknown): void {
    this.timers = this.timers.filter((t) => t !== handle);
  }

  requestFrame(fn: () => void): void {
    this.frames.push(fn);
  }

  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers].sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due || due.at > end) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      due.fn();
    }
    this.time = end;
  }

  frame(): void {
    for (const fn of this.frames.splice(0)) fn();
  }
}

/**
 * Timers that throw when called as a method of another object, as the browser's setTimeout does
 * ("Illegal invocation"); `due` holds what they scheduled, for the test to run.
 */
export function receiverlessTimers(): { setTimer: (fn: () => void, ms: number) => unknown; clearTimer: (handle: unknown) => void; due: Array<() => void> } {
  const due: Array<() => void> = [];
  function setTimer(this: unknown, fn: () => void): unknown {
    if (this !== undefined) throw new TypeError('Illegal invocation');
    due.push(fn);
    return due.length;
  }
  function clearTimer(this: unknown): void {
    if (this !== undefined) throw new TypeError('Illegal invocation');
  }
  return { setTimer, clearTimer, due };
}
