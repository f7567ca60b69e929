import { browserClock } from './browser-clock';
import { FEED_DEFAULTS, FeedScheduler } from './feed-scheduler';
import { repaintPhases } from './xterm-tuning';

/** One feed scheduler for the page: the point is to order every pane's output together. */
export const pageFeed = new FeedScheduler({ ...FEED_DEFAULTS, now: () => browserClock.now(), setTimer: (fn, ms) => browserClock.setTimer(fn, ms) });

/** Each pane's place in the background repaint interval, spread over the page's panes. */
export const nextRepaintPhase = repaintPhases();
