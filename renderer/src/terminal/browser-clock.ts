import type { TerminalClock } from './clock';

/** The page's clock and timers: the only ones the terminal engine runs on outside tests. */
export const browserClock: TerminalClock = {
  now: () => performance.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  requestFrame: (fn) => void requestAnimationFrame(() => fn()),
};
