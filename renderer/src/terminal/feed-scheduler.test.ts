import { describe, expect, it } from 'vitest';
import { FeedScheduler } from './feed-scheduler';

/** A stand-in for xterm: it keeps what it was handed until the test says it has been parsed. */
class FakeTerm {
  readonly written: number[] = [];
  private readonly pending: Array<() => void> = [];
  write(bytes: Uint8Array, parsed: () => void): void {
    this.written.push(bytes.length);
    this.pending.push(parsed);
  }
  parseOne(): boolean {
    const next = this.pending.shift();
    next?.();
    return next !== undefined;
  }
  get inside(): number {
    return this.pending.length;
  }
}

function world(options: { budgetBytes?: number; perPaneBytes?: number } = {}) {
  let now = 0;
  const timers: Array<{ at: number; fn: () => void }> = [];
  const scheduler = new FeedScheduler({
    budgetBytes: options.budgetBytes ?? 100,
    perPaneBytes: options.perPaneBytes ?? 40,
    hotMs: 1000,
    typingShareBytes: 10,
    typingShareMs: 100,
    skipBytes: 30,
    now: () => now,
    setTimer: (fn, ms) => timers.push({ at: now + ms, fn }),
  });
  const pane = (options: { skips?: boolean } = {}) => {
    const term = new FakeTerm();
    const acked: number[] = [];
    const skips: number[] = [];
    const queue = scheduler.register(term, (bytes) => acked.push(bytes), options.skips ? () => skips.push(now) : undefined);
    return { term, acked, queue, skips };
  };
  /** Moves the clock, firing the timers that fall due on the way. */
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const due = timers[0];
      if (!due || due.at > end) break;
      timers.shift();
      now = due.at;
      due.fn();
    }
    now = end;
  };
  return { scheduler, pane, advance };
}

const bytes = (n: number) => new Uint8Array(n).fill(120);

describe('FeedScheduler', () => {
  it('slices a big frame and keeps at most the per-pane amount of it inside xterm', () => {
    const { pane } = world({ perPaneBytes: 40, budgetBytes: 1000 });
    const a = pane();
    a.queue.push(bytes(100));
    expect(a.term.written).toEqual([20, 20]);
    expect(a.queue.queuedBytes).toBe(60);
    a.term.parseOne();
    expect(a.term.written).toEqual([20, 20, 20]);
    while (a.term.parseOne());
    expect(a.term.written).toEqual([20, 20, 20, 20, 20]);
    expect(a.acked.reduce((x, y) => x + y, 0)).toBe(100);
  });

  it('acknowledges bytes only once xterm has parsed them', () => {
    const { pane } = world();
    const a = pane();
    a.queue.push(bytes(10));
    expect(a.acked).toEqual([]);
    a.term.parseOne();
    expect(a.acked).toEqual([10]);
  });

  it('shares the budget among flooding panes in turn, so none waits for another to finish', () => {
    const { pane, scheduler } = world({ perPaneBytes: 40, budgetBytes: 40 });
    const panes = [pane(), pane(), pane()];
    for (const p of panes) p.queue.push(bytes(200));
    expect(scheduler.sharedInXterm).toBeLessThanOrEqual(40);
    for (let round = 0; round < 6; round++) for (const p of panes) p.term.parseOne();
    const handed = panes.map((p) => p.term.written.reduce((x, y) => x + y, 0));
    expect(Math.max(...handed) - Math.min(...handed)).toBeLessThanOrEqual(40);
    expect(Math.min(...handed)).toBeGreaterThan(0);
  });

  it('hands a pane the user just typed in its output at once, ahead of the floods holding the budget', () => {
    const { pane, advance } = world({ perPaneBytes: 40, budgetBytes: 20 });
    const flood = pane();
    flood.queue.push(bytes(1000));
    const quiet = pane();
    quiet.queue.push(bytes(3));
    // Not hot: the output waits for the flood's slice to be parsed.
    expect(quiet.term.written).toEqual([]);
    flood.term.parseOne();
    expect(quiet.term.written).toEqual([3]);
    quiet.term.parseOne();

    // Typed in: its output goes to xterm at once though the flood holds the whole budget.
    quiet.queue.noteInput();
    quiet.queue.push(bytes(1));
    expect(quiet.term.written).toEqual([3, 1]);
    quiet.term.parseOne();

    // A second later the pane is an ordinary one again.
    advance(1001);
    expect(flood.term.inside).toBeGreaterThan(0);
    quiet.queue.push(bytes(1));
    expect(quiet.term.written).toEqual([3, 1]);
  });

  it('drops what has not reached xterm on clear, counting it as consumed so the stream credit stays right', () => {
    const { pane } = world({ perPaneBytes: 40, budgetBytes: 1000 });
    const a = pane();
    a.queue.push(bytes(100));
    a.queue.clear();
    expect(a.acked).toEqual([60]);
    while (a.term.parseOne());
    expect(a.acked.reduce((x, y) => x + y, 0)).toBe(100);
    expect(a.term.written).toEqual([20, 20]);
  });

  it('makes a flooding pane skip when the user types in another: its backlog is dropped and acked, later output too, until a snapshot', () => {
    const { pane } = world({ perPaneBytes: 20, budgetBytes: 1000 });
    const flood = pane({ skips: true });
    const calm = pane({ skips: true });
    const typed = pane({ skips: true });
    flood.queue.push(bytes(100));
    calm.queue.push(bytes(20));
    // 20 went to xterm (its per-pane share), 80 wait; the calm pane's 20 are all in xterm.
    typed.queue.noteInput();
    expect(flood.skips).toHaveLength(1);
    expect(flood.queue.skipping).toBe(true);
    expect(flood.acked).toEqual([80]);
    expect(flood.queue.unparsedBytes).toBe(20);
    // What xterm holds is still parsed and acked; what arrives before the host knows is dropped and acked.
    flood.term.parseOne();
    flood.queue.push(bytes(7));
    expect(flood.acked).toEqual([80, 10, 7]);
    expect(flood.term.written).toEqual([10, 10]);
    // A pane with little waiting, and the typed-in pane itself, go on as they were.
    expect(calm.skips).toEqual([]);
    expect(typed.skips).toEqual([]);
    // The snapshot (clear) ends it: output is fed again.
    flood.queue.clear();
    expect(flood.queue.skipping).toBe(false);
    flood.queue.push(bytes(5));
    expect(flood.queue.unparsedBytes).toBe(15);
  });

  it('never makes a pane skip that cannot tell the host', () => {
    const { pane } = world({ perPaneBytes: 20, budgetBytes: 1000 });
    const flood = pane();
    const typed = pane();
    flood.queue.push(bytes(100));
    typed.queue.noteInput();
    expect(flood.queue.skipping).toBe(false);
    expect(flood.queue.queuedBytes).toBe(80);
  });

  it('tells when everything pushed so far has been handed to xterm', () => {
    const { pane } = world({ perPaneBytes: 40, budgetBytes: 1000 });
    const a = pane();
    const order: string[] = [];
    a.queue.afterQueued(() => order.push('empty at once'));
    a.queue.push(bytes(60));
    a.queue.afterQueued(() => order.push(`handed over, ${a.term.written.length} writes`));
    expect(order).toEqual(['empty at once']);
    a.term.parseOne();
    expect(order).toEqual(['empty at once', 'handed over, 3 writes']);
  });

  it('forgets a disposed pane: its queue is dropped and the others get the budget', () => {
    const { pane } = world({ perPaneBytes: 40, budgetBytes: 40 });
    const a = pane();
    const b = pane();
    a.queue.push(bytes(40));
    b.queue.push(bytes(40));
    expect(b.term.written).toEqual([]);
    a.queue.dispose();
    a.term.parseOne();
    a.term.parseOne();
    expect(b.term.written.length).toBeGreaterThan(0);
    expect(a.acked).toEqual([]);
  });

  it('feeds the floods in small rations while the user types in another pane, and at full speed again after', () => {
    const { pane, advance } = world({ perPaneBytes: 40, budgetBytes: 1000 });
    const flood = pane();
    const typing = pane();
    typing.queue.noteInput();
    flood.queue.push(bytes(10_000));
    const handed = () => flood.term.written.reduce((x, y) => x + y, 0);
    const parseAll = () => {
      while (flood.term.parseOne());
    };
    parseAll();
    expect(handed()).toBe(10);
    advance(50);
    parseAll();
    expect(handed()).toBe(10);
    advance(50);
    parseAll();
    expect(handed()).toBe(20);
    // Typing stops: a second later the flood gets everything the budget allows.
    advance(1000);
    parseAll();
    expect(handed()).toBe(10_000);
  });
});
