import { describe, expect, it } from 'vitest';
import { receiverlessTimers } from '../testing/fake-clock';
import { createFeedGate } from './feed-gate';

function timers() {
  const due = new Map<number, () => void>();
  let next = 1;
  return {
    setTimer: (fn: () => void) => {
      due.set(next, fn);
      return next++;
    },
    clearTimer: (handle: unknown) => void due.delete(handle as number),
    fireAll() {
      const fns = [...due.values()];
      due.clear();
      for (const fn of fns) fn();
    },
    get pending() {
      return due.size;
    },
  };
}

function world(visible: boolean) {
  const t = timers();
  const calls: string[] = [];
  const gate = createFeedGate({ attach: () => calls.push('attach'), detach: () => calls.push('detach'), hideDelayMs: 200, ...t }, visible);
  return { gate, calls, t };
}

describe('createFeedGate', () => {
  it('attaches a pane that starts visible, and not one that starts hidden', () => {
    expect(world(true).calls).toEqual(['attach']);
    expect(world(false).calls).toEqual([]);
  });

  it('detaches a pane that stays hidden, after the delay', () => {
    const { gate, calls, t } = world(true);
    gate.setVisible(false);
    expect(calls).toEqual(['attach']);
    t.fireAll();
    expect(calls).toEqual(['attach', 'detach']);
    expect(gate.attached).toBe(false);
  });

  it('keeps the stream when the pane is shown again before the delay ends', () => {
    const { gate, calls, t } = world(true);
    gate.setVisible(false);
    gate.setVisible(true);
    t.fireAll();
    expect(calls).toEqual(['attach']);
    expect(gate.attached).toBe(true);
  });

  it('re-attaches a pane that is shown after it was detached', () => {
    const { gate, calls, t } = world(true);
    gate.setVisible(false);
    t.fireAll();
    gate.setVisible(true);
    expect(calls).toEqual(['attach', 'detach', 'attach']);
  });

  it('detaches at once on dispose and ignores everything afterwards', () => {
    const { gate, calls, t } = world(true);
    gate.setVisible(false);
    gate.dispose();
    expect(t.pending).toBe(0);
    gate.setVisible(true);
    expect(calls).toEqual(['attach', 'detach']);
  });
});

describe('createFeedGate with timers that must not be called as methods', () => {
  it('detaches a hidden pane when its timers behave like the browser setTimeout (no receiver allowed)', () => {
    const { setTimer: strictSetTimer, clearTimer: strictClearTimer, due } = receiverlessTimers();
    const calls: string[] = [];
    const gate = createFeedGate({ attach: () => calls.push('attach'), detach: () => calls.push('detach'), hideDelayMs: 200, setTimer: strictSetTimer, clearTimer: strictClearTimer }, true);
    gate.setVisible(false);
    gate.setVisible(true);
    gate.setVisible(false);
    for (const fn of due.splice(0)) fn();
    expect(calls).toEqual(['attach', 'detach']);
  });
});
