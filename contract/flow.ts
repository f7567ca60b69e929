/**
 * The tuning of the terminal pipeline, host and page together: how output is batched, how far a view
 * or the mirror may fall behind before the agent waits, how typing takes priority, and how the page
 * feeds xterm.js. They were measured together (`npm run bench`) and change together; each states the
 * invariant it keeps.
 *
 * "Cost" is parse cost (domain/parse-cost.ts): a chunk's bytes, but at least `LINE_COST` a line, so
 * a bound in cost is a bound on the time a queue takes to drain whatever the output looks like.
 */

/** A line costs at least this many bytes' worth of parsing (xterm.js spends about as long on a line of `yes` as on 48 bytes of prose). */
export const LINE_COST = 48;

// The host's stream to each view (server/terminal/).

/** Output is gathered this long before it is sent, so a burst reaches a view as one frame. */
export const BATCH_MS = 5;
/** A batch costing this much is sent at once, so one frame stays a few ms of parsing and the window is never overshot by more than one batch. */
export const MAX_BATCH_COST = 64 * 1024;
/** A view holding more than this unacked makes the PTY wait: the bound on what one view has queued. */
export const HIGH_WATERMARK = 256 * 1024;
/** The PTY reads again once every view holds less than this: half a window still queued keeps the page parsing while the next output is read. */
export const LOW_WATERMARK = 128 * 1024;
/** A view still over the high watermark after this long is set aside: no view holds the agent back longer. */
export const CATCH_UP_MS = 50;
/** A view that caught up with a burst and goes over again within this long is in a flood, and is set aside at once. */
export const FLOOD_MS = 1000;
/** A view set aside is shown the screen at most this often: the rate a flood is painted at. */
export const RESYNC_MS = 200;
/** With n sessions flooding their screens go out every n times this (or RESYNC_MS if longer), so the page paints about as many screens a second however many flood. */
export const SCREEN_COST_MS = 50;
/** A session that produced more than this per RESYNC_MS since a view's last screen still floods: the view gets the screen again, not live output. */
export const FLOOD_WATERMARK = 16 * 1024;

// The mirror thread (adapters/mirror/).

/** A mirror holding more than this unparsed makes its PTY wait until it is under half: memory and the wait for a snapshot stay bounded. */
export const MIRROR_MAX_BACKLOG = 256 * 1024;

// Typing first, on the host (server/terminal/output-scheduler.ts) and in the page (the feed scheduler).

/** A session or pane typed into keeps priority this long after the last key; host and page must use the same span. */
export const TYPING_HOT_MS = 1000;
/** One turn of the host's event loop parses at most this (about 5 ms of the mirror's parsing), so a keystroke never waits long behind reads. */
export const TURN_BUDGET = 160 * 1024;
/** While another session is typed in, a session may produce this much per RATION_MS: 16 floods together stay a fraction of a core. */
export const RATION_COST = 16 * 1024;
/** The ration period: short enough that a held flood still moves several times a second while the user types. */
export const RATION_MS = 100;
/** Session k does its periodic work (rations, screens) at phase k * PHASE_STEP mod 1 of the period: golden-ratio steps spread any number of sessions evenly. */
export const PHASE_STEP = 0.618034;

// The page's feed into xterm.js (renderer).

/** Bytes handed to xterm.js and not yet parsed, across the panes not typed in: what xterm holds cannot be taken back when the user types. */
export const FEED_BUDGET_BYTES = 256 * 1024;
/** At most this much of one pane is inside xterm.js at once (about 2 ms of parsing), handed over in halves. */
export const FEED_PANE_BYTES = 16 * 1024;
/** While a pane is typed in, every other pane is fed at most this much per TYPING_SHARE_MS, leaving the page's frames to the echo. */
export const TYPING_SHARE_BYTES = 32 * 1024;
/** The period of those shares: the other panes still move several times a second while the user types. */
export const TYPING_SHARE_MS = 100;
/** When the user types, another pane with this much waiting drops it and waits for a screen: far above a screenful (a few KB), so only a flood skips. */
export const SKIP_BYTES = 32 * 1024;
/** A pane hidden this long detaches and stops holding the agent back; toggling maximize quickly keeps its stream. */
export const HIDDEN_DETACH_MS = 250;
/** More than this parsed within PAINT_FLOOD_WINDOW_MS is a flood, not typing or a redraw (a full screen is a few KB). */
export const PAINT_FLOOD_BYTES = 32 * 1024;
/** The window a pane's parse rate is measured over; a pane stays flooding for one more window after it. */
export const PAINT_FLOOD_WINDOW_MS = 100;
/** While flooding, a terminal repaints at most this often (about 20 frames a second). */
export const FLOOD_REPAINT_MS = 50;
/**
 * A terminal without the keyboard focus repaints at most this often (five frames a second), and all of
 * them in the same frames. Agents' TUIs redraw their answer, spinner and footer several times a second
 * (about eight measured with Claude Code streaming), and the page drawing every pane at that rate is
 * most of Tessera's CPU with eight agents; five a second still reads as live. The page's cost is mostly
 * per frame (style, layout, paint and compositing of the whole page), so drawing the panes together is
 * what saves it: spread over the interval, they cost as much as drawn every frame. The pane the user
 * types in keeps every frame.
 */
export const BACKGROUND_REPAINT_MS = 200;
/**
 * The rows the panes without the keyboard may draw a second, all together. Past it they all repaint
 * less often than BACKGROUND_REPAINT_MS, in proportion, so what the page spends drawing them stays
 * bounded however many agents stream at once: drawing is most of the page's cost, and a row of xterm's
 * DOM renderer costs about the same whichever pane it is in. Claude Code streaming redraws about 22
 * rows a repaint (its answer scrolls the whole pane): up to four such panes keep five repaints a
 * second, eight get about two and a half.
 */
export const BACKGROUND_ROWS_PER_SECOND = 440;
/**
 * However much the panes without the keyboard draw, each repaints at least this often: a pane whose
 * output shows more than a second late reads as frozen. Past it the page draws more than
 * BACKGROUND_ROWS_PER_SECOND, which only many tall panes redrawing whole screens at once ask for. A
 * multiple of BACKGROUND_REPAINT_MS: every background interval is one, so all their repaints share frames.
 */
export const BACKGROUND_REPAINT_MAX_MS = 1000;
/**
 * While the user types, background repaints wait for the next echo and are drawn right after it
 * (renderer/src/terminal/echo-first.ts); for one keystroke's echo they wait at most this long. One frame
 * drawing every background pane takes longer than a keystroke's round trip (a few ms), and an echo
 * arriving during it would wait for its end; a background pane drawn a few ms late is not seen.
 */
export const ECHO_WAIT_MS = 50;
/**
 * The user counts as typing until this long after a keystroke: longer than the gap between the keys of
 * a word, short enough that background panes catch up as soon as the typing pauses.
 */
export const TYPING_PAUSE_MS = 400;
