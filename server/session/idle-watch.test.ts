import { describe, expect, it } from 'vitest';
import { IdleWatch } from './idle-watch';

/** A clock and one interval the test moves by hand. */
function world(idleMs: number) {
  let now = 0;
  let tick: (() => void) | undefined;
  let busy = false;
  let idled = 0;
  const watch = new IdleWatch({
    idleMs,
    busy: () => busy,
    onIdle: () => idled++,
    now: () => now,
    setInterval: (fn) => (tick = fn),
    clearInterval: () => (tick = undefined),
  });
  return {
    watch,
    advance(ms: number) {
      now += ms;
      tick?.();
    },
    setBusy: (value: boolean) => (busy = value),
    idled: () => idled,
    ticking: () => tick !== undefined,
  };
}

describe('IdleWatch', () => {
  it('fires once after the delay with nothing to do, and stops polling', () => {
    const w = world(1000);
    w.watch.start();
    w.advance(999);
    expect(w.idled()).toBe(0);
    w.advance(1);
    expect(w.idled()).toBe(1);
    expect(w.ticking()).toBe(false);
  });

  it('counts the delay again from the first check that finds nothing going on', () => {
    const w = world(1000);
    w.watch.start();
    w.advance(900);
    w.setBusy(true);
    w.advance(100);
    w.setBusy(false);
    w.advance(100);
    w.advance(999);
    expect(w.idled()).toBe(0);
    w.advance(1);
    expect(w.idled()).toBe(1);
  });
});
