import type { SearchAddon } from '@xterm/addon-search';
import type { TesseraApi } from '../../../contract/api';
import { FLOOD_REPAINT_MS, HIDDEN_DETACH_MS } from '../../../contract/flow';
import type { BackgroundRepaints } from './background-repaints';
import type { BenchProbe } from './bench-probe';
import type { EchoFirst } from './echo-first';
import type { TerminalClock, TimerClock } from './clock';
import { createFeedGate } from './feed-gate';
import type { FeedScheduler } from './feed-scheduler';
import { createFloodMeter } from './flood-meter';
import { createResizeDebouncer, type TerminalDims } from './resize-debounce';
import { createSessionStream, type ExitInfo, type StreamTerminal } from './session-stream';

/** Column changes reflow the scrollback and make the agent redraw: they wait until the size settles. */
const COLUMN_RESIZE_DEBOUNCE_MS = 100;
/** The pane's box settles for this long before the terminal is fitted to it (a drag resizes it many times). */
const FIT_SETTLE_MS = 30;

export type TerminalSearch = Pick<SearchAddon, 'findNext' | 'findPrevious' | 'clearDecorations'>;

/**
 * One xterm.js terminal in its pane, as the controller drives it: xterm-surface.ts in the page, a
 * fake in tests. The surface owns what only xterm and the DOM can do (measuring, renderers, addons).
 */
export interface TerminalSurface extends StreamTerminal {
  resize(cols: number, rows: number): void;
  /** What the user types (and binary input such as mouse reports). */
  onInput(listener: (data: string) => void): { dispose(): void };
  onResize(listener: (size: TerminalDims) => void): { dispose(): void };
  /** The size that fills the pane's box now (FitAddon); undefined when it cannot measure (hidden, not laid out). */
  proposeSize(): TerminalDims | undefined;
  /** Reads the app's theme again. */
  refreshTheme(): void;
  /** Visible terminals may hold a WebGL renderer, hidden ones give it back. */
  setVisible(visible: boolean): void;
  /**
   * Patches xterm's repaints to at most one per `repaintMs()` (0: every frame) and its per-line
   * scrollbar work (xterm-tuning.ts); false when its internals are missing.
   */
  tuneRepaints(tuning: { repaintMs: () => number; clock: TimerClock; requestFrame: (fn: () => void) => void; repainted?: (rows: number) => void }): boolean;
  /** The `npm run bench` probe for this terminal, on a bench page only. */
  benchProbe(sessionId: string, clock: TerminalClock): BenchProbe | undefined;
  readonly search: TerminalSearch;
  focus(): void;
  /** Whether the terminal has the keyboard focus. */
  hasFocus(): boolean;
  dispose(): void;
}

export interface TerminalSurfaceOptions {
  /** The size the session was launched at: a pane that fits it resizes nothing. */
  readonly size: TerminalDims;
  readonly visible: boolean;
}

export interface TerminalControllerDeps {
  readonly sessionId: string;
  readonly size: TerminalDims;
  readonly visible: boolean;
  /** Builds the terminal (the xterm factory). */
  readonly createSurface: (options: TerminalSurfaceOptions) => TerminalSurface;
  readonly api: Pick<TesseraApi, 'attachTerminal'>;
  /** The page's one feed scheduler, which orders every pane's output together. */
  readonly feed: Pick<FeedScheduler, 'register'>;
  /** The page's budget for drawing the panes without the keyboard, which all repaint at its interval. */
  readonly background: Pick<BackgroundRepaints, 'join' | 'interval'>;
  /** The page's timers for repaints, which release every pane's repaint due at one moment in one task (shared-due-timers.ts). */
  readonly repaintTimers: TimerClock;
  /** Told when this pane sends the user's input and when it parses output: the page's repaints wait for an echo (echo-first.ts). */
  readonly echo: Pick<EchoFirst, 'typed' | 'parsed'>;
  readonly clock: TerminalClock;
  readonly onExit: (info: ExitInfo) => void;
  readonly warn: (message: string) => void;
}

export interface TerminalController {
  /** The pane's box changed size: the terminal fits it once it settles. */
  boxChanged(): void;
  /** Only a visible pane is fed and holds a WebGL renderer; a pane shown again fits, then replays the screen. */
  setVisible(visible: boolean): void;
  refreshTheme(): void;
  focus(): void;
  readonly search: TerminalSearch;
  dispose(): void;
}

/**
 * A pane's terminal: one xterm.js terminal bound to one session's stream, for the pane's lifetime.
 * It starts at the session's size and fits the pane before it attaches, so the host learns the
 * pane's size with the attach; it is fed while visible (feed-gate.ts), repaints less while its
 * output floods or the keyboard is elsewhere (flood-meter.ts, xterm-tuning.ts), and reflows its
 * columns only once a resize settles (resize-debounce.ts). Plain TypeScript over its inputs (the xterm factory, the clock and
 * the scheduler), so all of it runs in tests without a DOM.
 */
export function createTerminalController(deps: TerminalControllerDeps): TerminalController {
  const { clock } = deps;
  const surface = deps.createSurface({ size: deps.size, visible: deps.visible });
  const meter = createFloodMeter(clock);
  const probe = surface.benchProbe(deps.sessionId, clock);
  // A flooding terminal repaints at the flood's rate, one without the keyboard at the page's background
  // interval (whichever is slower), the one being typed in every frame.
  const background = deps.background.join();
  /** This pane, as the page's echo-first rule knows it. */
  const echoPane = {};
  const repaintMs = () => Math.max(meter.flooding() ? FLOOD_REPAINT_MS : 0, surface.hasFocus() ? 0 : deps.background.interval());
  const tuned = surface.tuneRepaints({
    repaintMs,
    clock: deps.repaintTimers,
    repainted: (rows) => {
      if (!surface.hasFocus()) background.drew(rows);
    },
    requestFrame: (fn) => clock.requestFrame(fn),
  });
  if (!tuned) deps.warn('tessera: xterm flood tuning unavailable (xterm internals changed); terminals still work, only slower under floods');

  const stream = createSessionStream({
    api: deps.api,
    sessionId: deps.sessionId,
    term: surface,
    feed: deps.feed,
    parsed: (bytes) => {
      deps.echo.parsed(echoPane);
      meter.noteParsed(bytes);
      probe?.parsed(bytes);
    },
    snapshotParsed: () => probe?.snapshotParsed(),
    exited: (info) => {
      probe?.exited();
      deps.onExit(info);
    },
  });
  const timers = { setTimer: (fn: () => void, ms: number) => clock.setTimer(fn, ms), clearTimer: (handle: unknown) => clock.clearTimer(handle) };
  const gate = createFeedGate({ attach: stream.attach, detach: stream.detach, hideDelayMs: HIDDEN_DETACH_MS, ...timers }, false);
  const resizer = createResizeDebouncer({
    current: () => ({ cols: surface.cols, rows: surface.rows }),
    apply: ({ cols, rows }) => surface.resize(cols, rows),
    colsDelayMs: COLUMN_RESIZE_DEBOUNCE_MS,
    ...timers,
  });
  const subscriptions = [
    surface.onInput((data) => {
      deps.echo.typed(echoPane);
      stream.input(data);
    }),
    surface.onResize(({ cols, rows }) => stream.resize(cols, rows)),
  ];
  let disposed = false;
  let fitTimer: unknown;

  /** Fits the pane's box; `whole` applies a column change at once instead of after the debounce. */
  const fit = (whole: boolean) => {
    if (disposed) return;
    const size = surface.proposeSize();
    if (!size) return;
    resizer.propose({ cols: Math.max(2, size.cols), rows: Math.max(1, size.rows) });
    if (whole) resizer.flush();
  };
  const show = (visible: boolean) => {
    // Fitted before it attaches, so the host gets the pane's size with the attach, not a moment after.
    if (visible) fit(true);
    gate.setVisible(visible);
    surface.setVisible(visible);
  };
  show(deps.visible);

  return {
    boxChanged() {
      if (fitTimer !== undefined) clock.clearTimer(fitTimer);
      fitTimer = clock.setTimer(() => {
        fitTimer = undefined;
        fit(false);
      }, FIT_SETTLE_MS);
    },
    setVisible: (visible) => {
      if (!disposed) show(visible);
    },
    refreshTheme: () => surface.refreshTheme(),
    focus: () => surface.focus(),
    search: surface.search,
    dispose() {
      if (disposed) return;
      disposed = true;
      if (fitTimer !== undefined) clock.clearTimer(fitTimer);
      resizer.dispose();
      for (const subscription of subscriptions) subscription.dispose();
      gate.dispose();
      stream.dispose();
      probe?.dispose();
      background.leave();
      surface.dispose();
    },
  };
}
