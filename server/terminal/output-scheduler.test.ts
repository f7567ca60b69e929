import { describe, expect, it } from 'vitest';
import { BackPressure } from '../../domain/back-pressure';
import type { Scheduler } from '../../domain/ports/scheduler.port';
import { OutputScheduler, type PriorityMember } from './output-scheduler';

/** A hand-driven clock, timers and turns, and members that record how their PTY was held. */
function world(turnBudget = Infinity) {
  let now = 0;
  const timers: Array<{ at: number; fn: () => void }> = [];
  let turnEnds: Array<() => void> = [];
  const scheduler: Scheduler = {
    setTimeout: (fn, ms) => {
      const timer = { at: now + ms, fn };
      timers.push(timer);
      return { dispose: () => void (timers.includes(timer) && timers.splice(timers.indexOf(timer), 1)) };
    },
    nextTurn: (fn) => void turnEnds.push(fn),
  };
  const priority = new OutputScheduler({
    clock: { now: () => now },
    scheduler,
    turnBudget,
    hotMs: 1000,
    rationCost: 100,
    rationMs: 100,
  });
  const advance = (ms: number) => {
    now += ms;
    for (const timer of timers.filter((t) => t.at <= now)) {
      timers.splice(timers.indexOf(timer), 1);
      timer.fn();
    }
  };
  const member = () => {
    const calls: string[] = [];
    const m: PriorityMember & { calls: string[]; floods: number } = {
      calls,
      floods: 0,
      pressure: new BackPressure((held) => calls.push(held ? 'hold' : 'resume')),
      floodsWhileYielding: () => m.floods++,
    };
    return m;
  };
  /** Fires every pending timer without moving the clock (a timer that runs before the clock says). */
  const fireTimersNow = () => {
    for (const timer of timers.splice(0)) timer.fn();
  };
  const nextTurn = () => {
    const due = turnEnds;
    turnEnds = [];
    for (const fn of due) fn();
  };
  return { priority, advance, member, nextTurn, fireTimersNow };
}

describe('OutputScheduler', () => {
  it('lets every session produce freely while nobody types', () => {
    const { priority, member } = world();
    const flood = member();
    expect(priority.charge(flood, 1_000_000)).toBe(true);
    expect(flood.calls).toEqual([]);
  });

  it('holds the other sessions back past their ration while one is typed in, and resumes them at the next ration', () => {
    const { priority, advance, member } = world();
    const typed = member();
    const flood = member();
    priority.noteInput(typed);
    expect(priority.charge(flood, 60)).toBe(true);
    expect(priority.charge(flood, 60)).toBe(false);
    expect(flood.calls).toEqual(['hold']);
    // The typed-in session itself is never held.
    expect(priority.charge(typed, 1_000_000)).toBe(true);
    expect(typed.calls).toEqual([]);
    advance(100);
    expect(flood.calls).toEqual(['hold', 'resume']);
    expect(priority.charge(flood, 100)).toBe(true);
  });

  it('stops rationing once nobody has typed for hotMs', () => {
    const { priority, advance, member } = world();
    const typed = member();
    const flood = member();
    priority.noteInput(typed);
    priority.charge(flood, 200);
    advance(1000);
    expect(flood.calls).toEqual(['hold', 'resume']);
    expect(priority.charge(flood, 1_000_000)).toBe(true);
    expect(flood.calls).toEqual(['hold', 'resume']);
  });

  it('lets one turn of the event loop parse at most the turn budget, across sessions, and resumes them next turn', () => {
    const { priority, member, nextTurn } = world(100);
    const a = member();
    const b = member();
    expect(priority.charge(a, 60)).toBe(true);
    expect(priority.charge(b, 60)).toBe(false);
    expect(b.calls).toEqual(['hold']);
    expect(a.calls).toEqual([]);
    nextTurn();
    expect(b.calls).toEqual(['hold', 'resume']);
    expect(priority.charge(b, 60)).toBe(true);
  });

  it('keeps a session held for its ration when the turn ends, and resumes it only once both allow', () => {
    const { priority, advance, member, nextTurn } = world(100);
    const typed = member();
    const flood = member();
    priority.noteInput(typed);
    expect(priority.charge(flood, 150)).toBe(false);
    nextTurn();
    expect(flood.calls).toEqual(['hold']);
    advance(100);
    expect(flood.calls).toEqual(['hold', 'resume']);
  });

  it('resumes a held session at once when it is typed into, and stops rationing when the typed-in session leaves', () => {
    const { priority, member } = world();
    const first = member();
    const flood = member();
    priority.noteInput(first);
    priority.charge(flood, 200);
    expect(flood.calls).toEqual(['hold']);
    priority.noteInput(flood);
    expect(flood.calls).toEqual(['hold', 'resume']);
    const other = member();
    priority.leave(flood);
    expect(priority.charge(other, 1_000_000)).toBe(true);
    expect(other.calls).toEqual([]);
  });

  it('resumes a held session that leaves', () => {
    const { priority, member } = world();
    const typed = member();
    const flood = member();
    priority.noteInput(typed);
    priority.charge(flood, 200);
    priority.leave(flood);
    expect(flood.calls).toEqual(['hold', 'resume']);
  });

  it('holds a session for its own reasons only: leaving releases turn and ration, never what others hold', () => {
    const { priority, member, nextTurn } = world(100);
    const typed = member();
    const flood = member();
    flood.pressure.hold('views');
    priority.noteInput(typed);
    priority.charge(flood, 150);
    expect(flood.pressure.reasons()).toEqual(['views', 'turn', 'ration']);
    nextTurn();
    expect(flood.pressure.reasons()).toEqual(['views', 'ration']);
    priority.leave(flood);
    expect(flood.pressure.reasons()).toEqual(['views']);
    expect(flood.calls).toEqual(['hold']);
  });

  it('tells a session that uses up its ration while another is typed in that it floods', () => {
    const { priority, member } = world();
    const typed = member();
    const chatty = member();
    const flood = member();
    priority.noteInput(typed);
    priority.charge(chatty, 100);
    priority.charge(flood, 101);
    expect(chatty.calls).toEqual([]);
    expect(chatty.floods).toBe(0);
    expect(flood.calls).toEqual(['hold']);
    expect(flood.floods).toBe(1);
  });

  it('gives each session its rations at its own phase of the period, so held floods do not all resume at once', () => {
    const { priority, advance, member } = world();
    const typed = member();
    const floods = [member(), member(), member()];
    priority.noteInput(typed);
    for (const flood of floods) priority.charge(flood, 101);
    const resumedAt: number[] = [];
    for (let ms = 1; ms <= 100; ms++) {
      advance(1);
      for (const [i, flood] of floods.entries()) if (flood.calls.at(-1) === 'resume' && resumedAt[i] === undefined) resumedAt[i] = ms;
    }
    // Each at its own phase of the 100 ms period, all different.
    expect(resumedAt).toEqual(floods.map((flood) => Math.ceil(priority.phaseOf(flood) * 100)));
    expect(new Set(resumedAt).size).toBe(3);
  });

  it('keeps one ration timer per session: typed into and held again in the same period, its next ration is not pushed back', () => {
    const { priority, advance, member } = world();
    const typed = member();
    const flood = member();
    priority.noteInput(typed);
    priority.charge(flood, 101);
    priority.noteInput(flood);
    priority.noteInput(typed);
    expect(priority.charge(flood, 101)).toBe(false);
    const end = Math.ceil(priority.phaseOf(flood) * 100);
    advance(end);
    expect(flood.calls.at(-1)).toBe('resume');
    expect(priority.charge(flood, 100)).toBe(true);
    // The next period starts on time: a fresh ration.
    advance(100);
    expect(priority.charge(flood, 100)).toBe(true);
  });

  it('never hands out two rations in one period when its timer fires a moment early', () => {
    const { priority, advance, member, fireTimersNow } = world();
    const typed = member();
    const flood = member();
    priority.noteInput(typed);
    priority.charge(flood, 101);
    // The ration timer fires while the wall clock still reads a moment before the period's end.
    const end = priority.phaseOf(flood) * 100;
    advance(end - 1);
    fireTimersNow();
    expect(flood.calls).toEqual(['hold', 'resume']);
    expect(priority.charge(flood, 100)).toBe(true);
    advance(1);
    // The next period began with that ration: 100 more are over it.
    expect(priority.charge(flood, 100)).toBe(false);
  });
});
