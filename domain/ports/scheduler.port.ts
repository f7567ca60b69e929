import type { Disposable } from './disposable';

/**
 * Timers as a port, so debounce, backoff and queues are tested by moving time by hand
 * (a ManualScheduler) instead of sleeping. Disposing a timer that already fired is harmless.
 */
export interface Scheduler {
  setTimeout(fn: () => void, ms: number): Disposable;
  /**
   * Runs `fn` once in a later turn, after the input and output that is ready now has been handled
   * (Node's setImmediate): work deferred this way never delays a waiting read or keystroke.
   */
  nextTurn(fn: () => void): void;
}
