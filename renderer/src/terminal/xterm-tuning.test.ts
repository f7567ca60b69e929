import { describe, expect, it } from 'vitest';
import type { TimerClock } from './clock';
import { coalesceScrollbarSync, throttleRepaints } from './xterm-tuning';

/** The shape of xterm's internals these functions patch, recording what reaches them. */
function fakeTerm() {
  const calls: string[] = [];
  const core = {
    _viewport: {
      _sync(...args: unknown[]) {
        calls.push(`sync(${args.join(',')})`);
      },
    },
    _renderService: {
      _renderDebouncer: {
        refresh(start: number | undefined, end: number | undefined, count: number) {
          calls.push(`rows ${start}-${end}/${count}`);
        },
      },
    },
    _selectionService: {
      refresh(linuxMouse?: boolean) {
        calls.push(linuxMouse ? 'selection (mouse)' : 'selection');
      },
    },
  };
  // xterm's hidden textarea, which takes the keyboard.
  const textarea = new EventTarget();
  return { term: { _core: core, textarea }, core, calls, textarea };
}

function fakeClock() {
  let now = 0;
  const timers: Array<{ at: number; fn: () => void; cancelled: boolean }> = [];
  const clock: TimerClock = {
    now: () => now,
    setTimer: (fn, ms) => {
      const timer = { at: now + ms, fn, cancelled: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (handle) => void ((handle as { cancelled: boolean }).cancelled = true),
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const due = timers.filter((t) => !t.cancelled && t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      due.cancelled = true;
      now = due.at;
      due.fn();
    }
    now = end;
  };
  return { clock, advance };
}

describe('coalesceScrollbarSync', () => {
  it('syncs the scrollbar once a frame however many lines scrolled, and leaves queued syncs alone', () => {
    const { term, core, calls } = fakeTerm();
    const frames: Array<() => void> = [];
    const undo = coalesceScrollbarSync(term, (fn) => frames.push(fn));
    expect(undo).toBeTypeOf('function');
    for (let line = 0; line < 500; line++) core._viewport._sync();
    core._viewport._sync(7);
    expect(calls).toEqual(['sync(7)']);
    for (const frame of frames.splice(0)) frame();
    expect(calls).toEqual(['sync(7)', 'sync()']);
    undo!();
    core._viewport._sync();
    expect(calls).toEqual(['sync(7)', 'sync()', 'sync()']);
  });

  it('changes nothing on an xterm without the internals it expects', () => {
    expect(coalesceScrollbarSync({}, () => undefined)).toBeUndefined();
  });
});

describe('throttleRepaints', () => {
  it("moves the scrollbar once a frame in the slots its rows repaint in, and at once when the terminal gets the keyboard", () => {
    const { term, core, calls, textarea } = fakeTerm();
    const { clock, advance } = fakeClock();
    const frames: Array<() => void> = [];
    const frame = () => frames.splice(0).forEach((fn) => fn());
    throttleRepaints(term, () => 100, clock, undefined, (fn) => frames.push(fn));
    advance(10);
    core._renderService._renderDebouncer.refresh(0, 0, 30);
    core._viewport._sync();
    frame();
    expect(calls).toEqual(['rows 0-0/30', 'sync()']);
    // Both ran in the slot [0, 100): what comes next in it waits for the slot's end, together.
    advance(10);
    core._renderService._renderDebouncer.refresh(1, 1, 30);
    for (let line = 0; line < 50; line++) core._viewport._sync();
    advance(79);
    frame();
    expect(calls).toEqual(['rows 0-0/30', 'sync()']);
    advance(1);
    frame();
    expect(calls).toEqual(['rows 0-0/30', 'sync()', 'rows 1-1/30', 'sync()']);
    // The slot [100, 200) has had its run: a scroll now waits, unless the keyboard comes.
    advance(10);
    core._viewport._sync();
    frame();
    expect(calls).toHaveLength(4);
    textarea.dispatchEvent(new Event('focus'));
    frame();
    expect(calls.at(-1)).toBe('sync()');
    expect(calls).toHaveLength(5);
  });

  it('patches nothing when asked to move the scrollbar of an xterm without its viewport', () => {
    const { term, core, calls } = fakeTerm();
    const { clock } = fakeClock();
    const { _viewport: _, ...withoutViewport } = core;
    expect(throttleRepaints({ ...term, _core: withoutViewport }, () => 100, clock, undefined, () => undefined)).toBeUndefined();
    withoutViewport._renderService._renderDebouncer.refresh(0, 0, 30);
    withoutViewport._renderService._renderDebouncer.refresh(1, 1, 30);
    expect(calls).toEqual(['rows 0-0/30', 'rows 1-1/30']);
  });

  it('repaints at most once per interval, merging the rows asked for meanwhile', () => {
    const { term, core, calls } = fakeTerm();
    const { clock, advance } = fakeClock();
    throttleRepaints(term, () => 50, clock);
    const rows = core._renderService._renderDebouncer;
    rows.refresh(29, 29, 30);
    rows.refresh(10, 12, 30);
    rows.refresh(20, 29, 30);
    core._selectionService.refresh();
    core._selectionService.refresh();
    expect(calls).toEqual(['rows 29-29/30', 'selection']);
    advance(49);
    expect(calls).toEqual(['rows 29-29/30', 'selection']);
    advance(1);
    expect(calls).toEqual(['rows 29-29/30', 'selection', 'rows 10-29/30', 'selection']);
  });

  it('tells how many rows each row repaint asked for, merged ones counted once', () => {
    const { term, core } = fakeTerm();
    const { clock, advance } = fakeClock();
    const repainted: number[] = [];
    throttleRepaints(term, () => 50, clock, (rows) => repainted.push(rows));
    const rows = core._renderService._renderDebouncer;
    rows.refresh(29, 29, 30);
    rows.refresh(10, 12, 30);
    rows.refresh(20, 29, 30);
    core._selectionService.refresh();
    advance(50);
    expect(repainted).toEqual([1, 20]);
  });

  it('repaints at once when the interval is 0 (the pane typed in, not flooding)', () => {
    const { term, core, calls } = fakeTerm();
    const { clock } = fakeClock();
    throttleRepaints(term, () => 0, clock);
    core._renderService._renderDebouncer.refresh(3, 3, 30);
    core._renderService._renderDebouncer.refresh(4, 4, 30);
    core._selectionService.refresh();
    core._selectionService.refresh();
    expect(calls).toEqual(['rows 3-3/30', 'rows 4-4/30', 'selection', 'selection']);
  });

  it('puts the repaints of every throttled terminal into the same slots of one grid, so one frame draws them all', () => {
    const { clock, advance } = fakeClock();
    const first = fakeTerm();
    const second = fakeTerm();
    throttleRepaints(first.term, () => 100, clock);
    throttleRepaints(second.term, () => 100, clock);
    advance(10);
    first.core._renderService._renderDebouncer.refresh(0, 0, 30);
    advance(30);
    second.core._renderService._renderDebouncer.refresh(0, 0, 30);
    // Both repainted within the slot [0, 100): what they ask for next waits for its end.
    advance(20);
    first.core._renderService._renderDebouncer.refresh(1, 1, 30);
    advance(20);
    second.core._renderService._renderDebouncer.refresh(2, 2, 30);
    expect([first.calls, second.calls]).toEqual([['rows 0-0/30'], ['rows 0-0/30']]);
    advance(19);
    expect([first.calls, second.calls]).toEqual([['rows 0-0/30'], ['rows 0-0/30']]);
    advance(1);
    expect([first.calls, second.calls]).toEqual([
      ['rows 0-0/30', 'rows 1-1/30'],
      ['rows 0-0/30', 'rows 2-2/30'],
    ]);
  });

  it('counts a repaint whose timer fired early as the slot it waited for', () => {
    const { term, core, calls } = fakeTerm();
    let now = 0;
    const due: Array<() => void> = [];
    const clock: TimerClock = { now: () => now, setTimer: (fn) => due.push(fn), clearTimer: () => undefined };
    throttleRepaints(term, () => 100, clock);
    const rows = core._renderService._renderDebouncer;
    rows.refresh(0, 0, 30);
    rows.refresh(1, 1, 30);
    now = 99.5;
    due.shift()!();
    now = 101;
    rows.refresh(2, 2, 30);
    expect(calls).toEqual(['rows 0-0/30', 'rows 1-1/30']);
    expect(due).toHaveLength(1);
  });

  it('does not repaint twice in one slot when the interval changes to another of the grid', () => {
    const { term, core, calls } = fakeTerm();
    const { clock, advance } = fakeClock();
    let interval = 600;
    throttleRepaints(term, () => interval, clock);
    advance(1000);
    core._renderService._renderDebouncer.refresh(0, 0, 30);
    // Another pane went quiet: the interval is 400 now, and 1000 lies in its slot [800, 1200) too.
    interval = 400;
    advance(50);
    core._renderService._renderDebouncer.refresh(1, 1, 30);
    expect(calls).toEqual(['rows 0-0/30']);
    advance(149);
    expect(calls).toEqual(['rows 0-0/30']);
    advance(1);
    expect(calls).toEqual(['rows 0-0/30', 'rows 1-1/30']);
  });

  it('asks for the interval at every repaint, so a terminal given the keyboard repaints at once, with what waited', () => {
    const { term, core, calls } = fakeTerm();
    const { clock } = fakeClock();
    let interval = 100;
    throttleRepaints(term, () => interval, clock);
    core._renderService._renderDebouncer.refresh(0, 0, 30);
    core._renderService._renderDebouncer.refresh(1, 1, 30);
    expect(calls).toEqual(['rows 0-0/30']);
    interval = 0;
    // The repaint that was waiting goes now, with the rows asked for meanwhile.
    core._renderService._renderDebouncer.refresh(2, 2, 30);
    expect(calls).toEqual(['rows 0-0/30', 'rows 1-2/30']);
  });

  it('repaints what waited at once when the terminal gets the keyboard, without waiting for more output', () => {
    const { term, core, calls, textarea } = fakeTerm();
    const { clock, advance } = fakeClock();
    let interval = 2000;
    throttleRepaints(term, () => interval, clock);
    core._renderService._renderDebouncer.refresh(0, 0, 30);
    core._renderService._renderDebouncer.refresh(5, 9, 30);
    core._selectionService.refresh();
    core._selectionService.refresh();
    expect(calls).toEqual(['rows 0-0/30', 'selection']);
    // xterm draws the cursor's row itself on focus; the rows that waited would wait for the slot's end.
    interval = 0;
    textarea.dispatchEvent(new Event('focus'));
    expect(calls).toEqual(['rows 0-0/30', 'selection', 'rows 5-9/30', 'selection']);
    advance(2000);
    expect(calls).toHaveLength(4);
  });

  it('does not keep a repaint waiting for the end of a long slot once the interval is shorter', () => {
    const { term, core, calls } = fakeTerm();
    const { clock, advance } = fakeClock();
    let interval = 1000;
    throttleRepaints(term, () => interval, clock);
    core._renderService._renderDebouncer.refresh(0, 0, 30);
    advance(100);
    core._renderService._renderDebouncer.refresh(1, 1, 30);
    expect(calls).toEqual(['rows 0-0/30']);
    // The other panes went quiet: the page's interval is back to its shortest.
    interval = 200;
    advance(200);
    core._renderService._renderDebouncer.refresh(2, 2, 30);
    advance(100);
    expect(calls).toEqual(['rows 0-0/30', 'rows 1-2/30']);
    advance(1000);
    expect(calls).toEqual(['rows 0-0/30', 'rows 1-2/30']);
  });

  it('never delays a selection made with the mouse', () => {
    const { term, core, calls } = fakeTerm();
    const { clock } = fakeClock();
    throttleRepaints(term, () => 50, clock);
    core._selectionService.refresh();
    core._selectionService.refresh(true);
    expect(calls).toEqual(['selection', 'selection (mouse)']);
  });

  it('puts xterm back as it was when undone, and changes nothing without its internals', () => {
    const { term, core, calls } = fakeTerm();
    const { clock, advance } = fakeClock();
    const undo = throttleRepaints(term, () => 50, clock);
    core._renderService._renderDebouncer.refresh(0, 0, 30);
    core._renderService._renderDebouncer.refresh(1, 1, 30);
    undo!();
    advance(100);
    core._renderService._renderDebouncer.refresh(2, 2, 30);
    core._renderService._renderDebouncer.refresh(3, 3, 30);
    expect(calls).toEqual(['rows 0-0/30', 'rows 2-2/30', 'rows 3-3/30']);
    expect(throttleRepaints({ _core: {} }, () => 50, clock)).toBeUndefined();
  });
});
