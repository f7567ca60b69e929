import { describe, expect, it } from 'vitest';
import { BACKGROUND_REPAINT_MAX_MS, BACKGROUND_REPAINT_MS, BACKGROUND_ROWS_PER_SECOND, FLOOD_REPAINT_MS, HIDDEN_DETACH_MS, PAINT_FLOOD_BYTES } from '../../../contract/flow';
import { BackgroundRepaints } from './background-repaints';
import { FakeApi } from '../testing/fake-api';
import { FakeClock } from '../testing/fake-clock';
import type { TimerClock } from './clock';
import { FEED_DEFAULTS, FeedScheduler } from './feed-scheduler';
import type { TerminalDims } from './resize-debounce';
import { createTerminalController, type TerminalSurface, type TerminalSurfaceOptions } from './terminal-controller';

/** xterm and its pane as the controller sees them: the pane's box is `box`, in cells. */
class FakeSurface implements TerminalSurface {
  cols: number;
  rows: number;
  box: TerminalDims | undefined;
  readonly log: string[] = [];
  tuning?: { repaintMs: () => number; requestFrame: (fn: () => void) => void; repainted?: (rows: number) => void };
  internalsFound = true;
  focused = true;
  private readonly unparsed: Array<() => void> = [];
  private inputListener?: (data: string) => void;
  private resizeListener?: (size: TerminalDims) => void;

  constructor(readonly options: TerminalSurfaceOptions, box: TerminalDims | undefined) {
    this.cols = options.size.cols;
    this.rows = options.size.rows;
    this.box = box;
  }
  write(_data: string | Uint8Array, parsed?: () => void): void {
    if (parsed) this.unparsed.push(parsed);
  }
  parseAll(): void {
    while (this.unparsed.length > 0) this.unparsed.shift()!();
  }
  resize(cols: number, rows: number): void {
    this.log.push(`resize ${cols}x${rows}`);
    this.cols = cols;
    this.rows = rows;
    this.resizeListener?.({ cols, rows });
  }
  type(data: string): void {
    this.inputListener?.(data);
  }
  onInput(listener: (data: string) => void) {
    this.inputListener = listener;
    return { dispose: () => (this.inputListener = undefined) };
  }
  onResize(listener: (size: TerminalDims) => void) {
    this.resizeListener = listener;
    return { dispose: () => (this.resizeListener = undefined) };
  }
  proposeSize(): TerminalDims | undefined {
    return this.box;
  }
  refreshTheme(): void {
    this.log.push('theme');
  }
  setVisible(visible: boolean): void {
    this.log.push(visible ? 'renderer visible' : 'renderer hidden');
  }
  tuneRepaints(tuning: { repaintMs: () => number; requestFrame: (fn: () => void) => void; clock: TimerClock; repainted?: (rows: number) => void }): boolean {
    this.tuning = tuning;
    return this.internalsFound;
  }
  benchProbe(): undefined {
    return undefined;
  }
  readonly search = { findNext: () => false, findPrevious: () => false, clearDecorations: () => undefined };
  focus(): void {
    this.log.push('focus');
  }
  hasFocus(): boolean {
    return this.focused;
  }
  dispose(): void {
    this.log.push('disposed');
  }
}

function world(options: { visible?: boolean; box?: TerminalDims; launchedAt?: TerminalDims; internalsFound?: boolean; background?: BackgroundRepaints } = {}) {
  const api = new FakeApi();
  const clock = new FakeClock();
  const background = options.background ?? new BackgroundRepaints({ now: () => clock.now(), minMs: BACKGROUND_REPAINT_MS, maxMs: BACKGROUND_REPAINT_MAX_MS, rowsPerSecond: BACKGROUND_ROWS_PER_SECOND });
  const feed = new FeedScheduler({ ...FEED_DEFAULTS, now: () => clock.now(), setTimer: (fn, ms) => clock.setTimer(fn, ms) });
  const echoEvents: Array<{ event: string; pane: object }> = [];
  const echo = { typed: (pane: object) => echoEvents.push({ event: 'typed', pane }), parsed: (pane: object) => echoEvents.push({ event: 'parsed', pane }) };
  const warnings: string[] = [];
  const exits: unknown[] = [];
  let surface: FakeSurface | undefined;
  const controller = createTerminalController({
    sessionId: 's1',
    size: options.launchedAt ?? { cols: 80, rows: 24 },
    visible: options.visible ?? true,
    createSurface: (surfaceOptions) => {
      surface = new FakeSurface(surfaceOptions, 'box' in options ? options.box : { cols: 120, rows: 40 });
      surface.internalsFound = options.internalsFound ?? true;
      return surface;
    },
    api,
    feed,
    background,
    repaintTimers: clock,
    echo,
    clock,
    onExit: (info) => exits.push(info),
    warn: (message) => warnings.push(message),
  });
  const stream = () => api.attachments.at(-1);
  return { api, clock, controller, surface: surface!, warnings, exits, stream, background, echoEvents };
}

describe('terminal controller', () => {
  it('starts the terminal at the launch size and fits the pane before attaching, so the host gets the pane’s size with the attach', () => {
    const { surface, stream } = world({ launchedAt: { cols: 80, rows: 24 }, box: { cols: 120, rows: 40 } });
    expect(surface.options.size).toEqual({ cols: 80, rows: 24 });
    expect(surface.log).toContain('resize 120x40');
    expect(stream()?.sent).toEqual([{ t: 'resize', cols: 120, rows: 40 }]);
  });

  it('resizes nothing when the session was launched at the pane’s size', () => {
    const { surface, stream } = world({ launchedAt: { cols: 120, rows: 40 }, box: { cols: 120, rows: 40 } });
    expect(surface.log.filter((entry) => entry.startsWith('resize'))).toEqual([]);
    expect(stream()?.sent).toEqual([{ t: 'resize', cols: 120, rows: 40 }]);
  });

  it('feeds only a visible pane; a pane shown again fits first, and one hidden only a moment keeps its stream', () => {
    const { api, controller, clock, surface } = world({ visible: false, launchedAt: { cols: 100, rows: 30 }, box: undefined });
    expect(api.attachments).toEqual([]);
    surface.box = { cols: 110, rows: 30 };
    controller.setVisible(true);
    expect(api.attachments[0]!.sent).toEqual([{ t: 'resize', cols: 110, rows: 30 }]);
    controller.setVisible(false);
    clock.advance(HIDDEN_DETACH_MS - 1);
    controller.setVisible(true);
    clock.advance(HIDDEN_DETACH_MS);
    expect(api.attachments).toHaveLength(1);
    expect(api.attachments[0]!.closed).toBe(false);
    controller.setVisible(false);
    clock.advance(HIDDEN_DETACH_MS);
    expect(api.attachments[0]!.closed).toBe(true);
    expect(surface.log.filter((entry) => entry.startsWith('renderer'))).toEqual(['renderer hidden', 'renderer visible', 'renderer hidden', 'renderer visible', 'renderer hidden']);
  });

  it('fits a changed box once it settles: rows at once, columns after the debounce', () => {
    const { controller, clock, surface, stream } = world();
    surface.box = { cols: 100, rows: 30 };
    controller.boxChanged();
    controller.boxChanged();
    expect(surface.rows).toBe(40);
    clock.advance(30);
    expect(surface.rows).toBe(30);
    expect(surface.cols).toBe(120);
    clock.advance(100);
    expect(surface.cols).toBe(100);
    expect(stream()?.sent.slice(1)).toEqual([{ t: 'resize', cols: 120, rows: 30 }, { t: 'resize', cols: 100, rows: 30 }]);
  });

  it('tells the page’s echo-first rule when it sends the user’s input and when it parses output, as one pane', () => {
    const { surface, stream, echoEvents } = world();
    surface.type('l');
    stream()!.sink.data(new TextEncoder().encode('l'));
    surface.parseAll();
    expect(echoEvents.map((e) => e.event)).toEqual(['typed', 'parsed']);
    expect(echoEvents[0]!.pane).toBe(echoEvents[1]!.pane);
  });

  it('sends what the user types to the session', () => {
    const { surface, stream } = world();
    surface.type('ls\r');
    expect(stream()?.sent.at(-1)).toEqual({ t: 'input', data: 'ls\r' });
  });

  it("repaints in the page's frames, every frame, but while its output floods only every FLOOD_REPAINT_MS", () => {
    const { surface, stream, clock } = world();
    const painted: string[] = [];
    expect(surface.tuning!.repaintMs()).toBe(0);
    surface.tuning!.requestFrame(() => painted.push('frame'));
    expect(painted).toEqual([]);
    clock.frame();
    expect(painted).toEqual(['frame']);
    stream()!.sink.data(new Uint8Array(PAINT_FLOOD_BYTES + 1));
    surface.parseAll();
    expect(surface.tuning!.repaintMs()).toBe(FLOOD_REPAINT_MS);
  });

  it('repaints only every BACKGROUND_REPAINT_MS while the keyboard is in another pane, flooding or not', () => {
    const { surface, stream } = world();
    surface.focused = false;
    expect(surface.tuning!.repaintMs()).toBe(BACKGROUND_REPAINT_MS);
    stream()!.sink.data(new Uint8Array(PAINT_FLOOD_BYTES + 1));
    surface.parseAll();
    expect(surface.tuning!.repaintMs()).toBe(Math.max(BACKGROUND_REPAINT_MS, FLOOD_REPAINT_MS));
    surface.focused = true;
    expect(surface.tuning!.repaintMs()).toBe(FLOOD_REPAINT_MS);
  });

  it('counts the rows it repaints without the keyboard against the page’s budget, and repaints at the budget’s interval', () => {
    const { surface, background } = world();
    const others = Array.from({ length: 7 }, () => background.join());
    for (const other of others) other.drew(22);
    // Typed in: its rows are not the background's. 7 x 22 rows at the budget's rate ask for 350 ms: 400 on the grid.
    surface.tuning!.repainted!(88);
    expect(background.interval()).toBe(2 * BACKGROUND_REPAINT_MS);
    surface.focused = false;
    surface.tuning!.repainted!(88);
    // 7 x 22 + 88 rows: 550 ms, 600 on the grid.
    expect(surface.tuning!.repaintMs()).toBe(3 * BACKGROUND_REPAINT_MS);
    surface.focused = true;
    expect(surface.tuning!.repaintMs()).toBe(0);
  });

  it('leaves the page’s budget when disposed', () => {
    const { surface, controller, background } = world();
    const others = Array.from({ length: 7 }, () => background.join());
    for (const other of others) other.drew(22);
    surface.focused = false;
    surface.tuning!.repainted!(88);
    const before = background.interval();
    controller.dispose();
    expect(background.interval()).toBeLessThan(before);
  });

  it('says so once when the xterm internals it tunes are missing, and works on', () => {
    const { warnings, stream } = world({ internalsFound: false });
    expect(warnings).toEqual([expect.stringContaining('flood tuning unavailable')]);
    expect(stream()).toBeDefined();
  });

  it('reports the end of the session', () => {
    const { stream, exits } = world();
    stream()!.sink.exit({ code: 0 });
    expect(exits).toEqual([{ code: 0 }]);
  });

  it('on dispose closes the stream and the terminal, and fits no more', () => {
    const { controller, clock, surface, stream } = world();
    controller.boxChanged();
    controller.dispose();
    surface.box = { cols: 50, rows: 10 };
    clock.advance(1000);
    expect(stream()?.closed).toBe(true);
    expect(surface.log.at(-1)).toBe('disposed');
    expect(surface.cols).toBe(120);
  });
});
