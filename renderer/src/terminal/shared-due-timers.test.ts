import { describe, expect, it } from 'vitest';
import { FakeClock } from '../testing/fake-clock';
import { sharedDueTimers } from './shared-due-timers';

/** A fake clock that counts the timers set on it: each is one task of the browser's. */
function counted() {
  const clock = new FakeClock();
  let set = 0;
  let cleared = 0;
  const underlying = {
    now: () => clock.now(),
    setTimer: (fn: () => void, ms: number) => {
      set++;
      return clock.setTimer(fn, ms);
    },
    clearTimer: (handle: unknown) => {
      cleared++;
      clock.clearTimer(handle);
    },
  };
  return { clock, timers: sharedDueTimers(underlying), set: () => set, cleared: () => cleared };
}

describe('sharedDueTimers', () => {
  it('runs the callbacks due at one moment in one timer, in the order they were set, whenever they were set', () => {
    const { clock, timers, set } = counted();
    const ran: string[] = [];
    clock.advance(1010);
    timers.setTimer(() => ran.push('a'), 190);
    clock.advance(70);
    timers.setTimer(() => ran.push('b'), 120);
    timers.setTimer(() => ran.push('later'), 320);
    expect(set()).toBe(2);
    clock.advance(119);
    expect(ran).toEqual([]);
    clock.advance(1);
    expect(ran).toEqual(['a', 'b']);
    clock.advance(200);
    expect(ran).toEqual(['a', 'b', 'later']);
  });

  it('runs nothing cleared, and clears its timer once nothing is left due then', () => {
    const { clock, timers, cleared } = counted();
    const ran: string[] = [];
    const a = timers.setTimer(() => ran.push('a'), 100);
    const b = timers.setTimer(() => ran.push('b'), 100);
    timers.clearTimer(a);
    expect(cleared()).toBe(0);
    timers.clearTimer(b);
    expect(cleared()).toBe(1);
    clock.advance(200);
    expect(ran).toEqual([]);
    // The moment is free again for what is set later.
    timers.setTimer(() => ran.push('c'), 0);
    clock.advance(0);
    expect(ran).toEqual(['c']);
  });

  it('skips a callback that one before it in the same moment cleared, and lets a callback set a timer for the same moment anew', () => {
    const { clock, timers } = counted();
    const ran: string[] = [];
    const handles: { second?: unknown } = {};
    timers.setTimer(() => {
      ran.push('first');
      timers.clearTimer(handles.second);
      timers.setTimer(() => ran.push('again'), 0);
    }, 50);
    handles.second = timers.setTimer(() => ran.push('second'), 50);
    clock.advance(50);
    // 'again' is a timer of its own, set after the moment's timer fired.
    expect(ran).toEqual(['first', 'again']);
  });

  it('runs every callback of a moment even when one before it throws, and reports the error', () => {
    const clock = new FakeClock();
    const errors: unknown[] = [];
    const timers = sharedDueTimers(clock, (error) => errors.push(error));
    const ran: string[] = [];
    timers.setTimer(() => {
      throw new Error('broken repaint');
    }, 10);
    timers.setTimer(() => ran.push('next pane'), 10);
    clock.advance(10);
    expect(ran).toEqual(['next pane']);
    expect(errors).toEqual([expect.objectContaining({ message: 'broken repaint' })]);
  });
});
