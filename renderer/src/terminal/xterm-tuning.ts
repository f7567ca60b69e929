/**
 * The one place Tessera reaches into xterm.js's internals (`_core`): two fixes for what xterm.js 6
 * does per line during a flood (`cat` of a large file through a pane, seen in a CPU profile of the
 * page under `npm run bench`), the second also used to draw the panes the user is not typing in less
 * often:
 *
 * - On every scroll of the buffer (every line feed at the bottom of the screen) its viewport syncs the
 *   scrollbar synchronously: dimensions, position, a reveal and a hide-timer reset, about half of all
 *   parse time in a flood. The scrollbar can only be seen once a frame: `coalesceScrollbarSync`.
 * - On every scroll its selection service asks for a redraw in the next frame, and the DOM renderer
 *   answers by rebuilding every row, selection or not, so a flooding terminal rebuilds and lays out
 *   all its rows every frame. `throttleRepaints` lets a terminal repaint at most once per interval
 *   the caller chooses for it at each repaint (rows and selection alike); an interval of 0 repaints
 *   in the next frame.
 *
 * The internals a new xterm version may rename are typed below (`XtermInternals`): each fix checks
 * what it needs and returns undefined when it is not there, leaving xterm as it is (the caller
 * reports it, so an upgrade that loses them is noticed).
 */
import type { Terminal } from '@xterm/xterm';
import type { TimerClock } from './clock';

interface XtermInternals {
  _core?: {
    _viewport?: { _sync?: (...args: unknown[]) => void };
    _renderService?: { _renderDebouncer?: { refresh?: (rowStart: number | undefined, rowEnd: number | undefined, rowCount: number) => void } };
    _selectionService?: { refresh?: (linuxMouseSelection?: boolean) => void };
  };
}

const internals = (term: Terminal | object) => (term as XtermInternals)._core;

/**
 * The viewport's scrollbar sync on scroll (called with no argument) runs once a frame; its own queued
 * sync (called with an argument) is left as it is. Returns the undo, or undefined if not applicable.
 */
export function coalesceScrollbarSync(term: Terminal | object, requestFrame: (fn: () => void) => void): (() => void) | undefined {
  const viewport = internals(term)?._viewport;
  const own = viewport?._sync;
  if (!viewport || typeof own !== 'function') return undefined;
  let scheduled = false;
  let active = true;
  viewport._sync = (...args: unknown[]) => {
    if (args.length > 0) return own.apply(viewport, args);
    if (scheduled) return;
    scheduled = true;
    requestFrame(() => {
      scheduled = false;
      if (active) own.call(viewport);
    });
  };
  return () => {
    active = false;
    viewport._sync = own;
  };
}

/**
 * Calls `run` at once, or, when the terminal already repainted within the current slot of the grid
 * `interval()` ms wide, once at the start of the next slot. Every throttled terminal of the page uses
 * the same grid, so their repaints fall into the same frames: the page lays out and paints once for
 * all of them instead of once for each. An interval of 0 repaints at once.
 */
function rateLimiter(interval: () => number, clock: TimerClock) {
  /**
   * When the terminal last repainted (a timer's run counts from the time it waited for). A time, not
   * a slot's number: the interval changes as other panes start and stop, and the slot that time falls
   * in is then read on the grid of the moment.
   */
  let ranAt = -Infinity;
  let timer: unknown;
  /** When the scheduled run is due. */
  let due = Infinity;
  let queued: (() => void) | undefined;
  /** Forgets the timer (already fired or cleared) and hands over the waiting run. */
  const takeQueued = () => {
    timer = undefined;
    const next = queued;
    queued = undefined;
    return next;
  };
  return {
    call(run: () => void): void {
      const ms = interval();
      // Called on every line of a flood: while a run is scheduled, only remember the latest, unless
      // the terminal may now repaint sooner (it got the keyboard, or the interval shortened and the
      // current slot ends first): then the waiting run is scheduled again, or goes now.
      if (timer !== undefined && ms > 0 && (Math.floor(clock.now() / ms) + 1) * ms >= due) {
        queued = run;
        return;
      }
      if (timer !== undefined) {
        clock.clearTimer(timer);
        timer = undefined;
        queued = undefined;
      }
      const now = clock.now();
      if (ms <= 0) {
        ranAt = -Infinity;
        return run();
      }
      const slotStart = Math.floor(now / ms) * ms;
      if (ranAt < slotStart) {
        ranAt = now;
        return run();
      }
      queued = run;
      const at = slotStart + ms;
      due = at;
      timer = clock.setTimer(() => {
        const next = takeQueued();
        // A browser timer may fire a little before its time by the page's clock: the run belongs
        // to the slot it waited for, else a second run would follow in that slot at once.
        ranAt = Math.max(at, clock.now());
        next?.();
      }, Math.max(0, at - now));
    },
    /** Runs the waiting call now, if one waits. */
    flush(): void {
      if (timer === undefined) return;
      clock.clearTimer(timer);
      takeQueued()?.();
    },
    dispose(): void {
      if (timer !== undefined) clock.clearTimer(timer);
      timer = undefined;
      queued = undefined;
    },
  };
}

/**
 * Rate-limits row repaints and selection redraws to one every `interval()` ms (0: in the next frame,
 * as xterm does); `repainted` hears how many rows each row repaint asked for. Given `requestFrame`, the
 * scrollbar's sync also runs once a frame (`coalesceScrollbarSync`) and on the same grid, so it moves
 * in the frames the rows repaint in. A terminal that gets the keyboard repaints what waited at once:
 * xterm then draws only the cursor's row by itself, and the rest of the screen (and the scrollbar a
 * wheel scroll starts from) would show older output until the slot's end. Returns the undo, or
 * undefined if not applicable.
 */
export function throttleRepaints(term: Terminal | object, interval: () => number, clock: TimerClock, repainted?: (rows: number) => void, requestFrame?: (fn: () => void) => void): (() => void) | undefined {
  const core = internals(term);
  const debouncer = core?._renderService?._renderDebouncer;
  const selection = core?._selectionService;
  const refreshRows = debouncer?.refresh;
  const refreshSelection = selection?.refresh;
  if (!debouncer || typeof refreshRows !== 'function' || !selection || typeof refreshSelection !== 'function') return undefined;
  const scrollbarLimiter = rateLimiter(interval, clock);
  const uncoalesce = requestFrame ? coalesceScrollbarSync(term, (fn) => scrollbarLimiter.call(() => requestFrame(fn))) : undefined;
  if (requestFrame && !uncoalesce) return undefined;

  const rowsLimiter = rateLimiter(interval, clock);
  // Rows asked for while waiting are merged into one range.
  let pending: { start: number; end: number; count: number } | undefined;
  debouncer.refresh = (rowStart, rowEnd, rowCount) => {
    const start = rowStart ?? 0;
    const end = rowEnd ?? rowCount - 1;
    pending = pending ? { start: Math.min(pending.start, start), end: Math.max(pending.end, end), count: rowCount } : { start, end, count: rowCount };
    rowsLimiter.call(() => {
      const rows = pending;
      pending = undefined;
      if (!rows) return;
      refreshRows.call(debouncer, rows.start, rows.end, rows.count);
      repainted?.(rows.end - rows.start + 1);
    });
  };

  const selectionLimiter = rateLimiter(interval, clock);
  selection.refresh = (linuxMouseSelection?: boolean) => {
    // A mouse selection is the user's doing: never delayed.
    if (linuxMouseSelection) return refreshSelection.call(selection, linuxMouseSelection);
    selectionLimiter.call(() => refreshSelection.call(selection));
  };

  const textarea = (term as { readonly textarea?: EventTarget }).textarea;
  const gotKeyboard = () => {
    rowsLimiter.flush();
    selectionLimiter.flush();
    scrollbarLimiter.flush();
  };
  textarea?.addEventListener('focus', gotKeyboard);

  return () => {
    textarea?.removeEventListener('focus', gotKeyboard);
    uncoalesce?.();
    rowsLimiter.dispose();
    selectionLimiter.dispose();
    scrollbarLimiter.dispose();
    debouncer.refresh = refreshRows;
    selection.refresh = refreshSelection;
  };
}
