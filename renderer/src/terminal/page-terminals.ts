import { BACKGROUND_REPAINT_MAX_MS, BACKGROUND_REPAINT_MS, BACKGROUND_ROWS_PER_SECOND, ECHO_WAIT_MS, TYPING_PAUSE_MS } from '../../../contract/flow';
import { BackgroundRepaints } from './background-repaints';
import { browserClock } from './browser-clock';
import { EchoFirst } from './echo-first';
import { FEED_DEFAULTS, FeedScheduler } from './feed-scheduler';
import { sharedDueTimers } from './shared-due-timers';

/** One feed scheduler for the page: the point is to order every pane's output together. */
export const pageFeed = new FeedScheduler({ ...FEED_DEFAULTS, now: () => browserClock.now(), setTimer: (fn, ms) => browserClock.setTimer(fn, ms) });

/** One drawing budget for the page's panes without the keyboard: the point is to bound them together. */
export const pageBackground = new BackgroundRepaints({ now: () => browserClock.now(), minMs: BACKGROUND_REPAINT_MS, maxMs: BACKGROUND_REPAINT_MAX_MS, rowsPerSecond: BACKGROUND_ROWS_PER_SECOND });

/** One for the page: whichever pane is typed in, the others' repaints wait for its echoes. */
export const pageEcho = new EchoFirst({ clock: browserClock, waitMs: ECHO_WAIT_MS, pauseMs: TYPING_PAUSE_MS });

/** One set of repaint timers for the page: the point is that panes due together are drawn in one frame, after any echo awaited. */
export const pageRepaintTimers = sharedDueTimers({
  now: () => browserClock.now(),
  setTimer: (fn, ms) => browserClock.setTimer(() => pageEcho.hold(fn), ms),
  clearTimer: (handle) => browserClock.clearTimer(handle),
});
