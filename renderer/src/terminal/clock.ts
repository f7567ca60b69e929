/**
 * Time, for the terminal engine: every unit of renderer/src/terminal takes it as an input, so its
 * timing logic runs under a fake clock in tests. The page's is browser-clock.ts, the one file here
 * that may touch the browser's clocks and timers (an ESLint rule keeps the rest off them).
 */
export interface TerminalClock {
  /** Milliseconds on a monotonic clock. */
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  /** Runs `fn` before the next paint. */
  requestFrame(fn: () => void): void;
}

/** A clock's time and timers, without frames. */
export type TimerClock = Pick<TerminalClock, 'now' | 'setTimer' | 'clearTimer'>;
