import { browserClock } from './browser-clock';
import { FEED_DEFAULTS, FeedScheduler } from './feed-scheduler';

/** One feed scheduler for the page: the point is to order every pane's output together. */
export const pageFeed = new FeedScheduler({ ...FEED_DEFAULTS, now: () => browserClock.now(), setTimer: (fn, ms) => browserClock.setTimer(fn, ms) });
