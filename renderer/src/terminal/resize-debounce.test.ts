import { describe, expect, it } from 'vitest';
import { receiverlessTimers } from '../testing/fake-clock';
import { createResizeDebouncer, type TerminalDims } from './resize-debounce';

function world(start: TerminalDims) {
  let size = start;
  const applied: TerminalDims[] = [];
  const due = new Map<number, () => void>();
  let next = 1;
  const debouncer = createResizeDebouncer({
    current: () => size,
    apply: (dims) => {
      size = dims;
      applied.push(dims);
    },
    colsDelayMs: 100,
    setTimer: (fn) => {
      due.set(next, fn);
      return next++;
    },
    clearTimer: (handle) => void due.delete(handle as number),
  });
  const fire = () => {
    const fns = [...due.values()];
    due.clear();
    for (const fn of fns) fn();
  };
  return { debouncer, applied, fire, size: () => size };
}

describe('createResizeDebouncer', () => {
  it('applies a change of rows at once', () => {
    const { debouncer, applied } = world({ cols: 80, rows: 24 });
    debouncer.propose({ cols: 80, rows: 30 });
    expect(applied).toEqual([{ cols: 80, rows: 30 }]);
  });

  it('applies only the last of several column changes, once they stop', () => {
    const { debouncer, applied, fire } = world({ cols: 80, rows: 24 });
    debouncer.propose({ cols: 90, rows: 24 });
    debouncer.propose({ cols: 100, rows: 24 });
    debouncer.propose({ cols: 110, rows: 24 });
    expect(applied).toEqual([]);
    fire();
    expect(applied).toEqual([{ cols: 110, rows: 24 }]);
  });

  it('resizes rows now and columns later when both change', () => {
    const { debouncer, applied, fire, size } = world({ cols: 80, rows: 24 });
    debouncer.propose({ cols: 120, rows: 40 });
    expect(applied).toEqual([{ cols: 80, rows: 40 }]);
    fire();
    expect(size()).toEqual({ cols: 120, rows: 40 });
  });

  it('drops a pending column change when the width comes back', () => {
    const { debouncer, applied, fire } = world({ cols: 80, rows: 24 });
    debouncer.propose({ cols: 100, rows: 24 });
    debouncer.propose({ cols: 80, rows: 24 });
    fire();
    expect(applied).toEqual([]);
  });

  it('applies a pending column change on flush', () => {
    const { debouncer, applied } = world({ cols: 80, rows: 24 });
    debouncer.propose({ cols: 100, rows: 24 });
    debouncer.flush();
    expect(applied).toEqual([{ cols: 100, rows: 24 }]);
  });
});

describe('createResizeDebouncer with timers that must not be called as methods', () => {
  it('applies a column change when its timers behave like the browser setTimeout (no receiver allowed)', () => {
    const { setTimer: strictSetTimer, clearTimer: strictClearTimer, due } = receiverlessTimers();
    let size: TerminalDims = { cols: 80, rows: 24 };
    const debouncer = createResizeDebouncer({
      current: () => size,
      apply: (dims) => void (size = dims),
      colsDelayMs: 100,
      setTimer: strictSetTimer,
      clearTimer: strictClearTimer,
    });
    debouncer.propose({ cols: 64, rows: 20 });
    debouncer.flush();
    expect(size).toEqual({ cols: 64, rows: 20 });
    debouncer.propose({ cols: 100, rows: 20 });
    for (const fn of due.splice(0)) fn();
    expect(size).toEqual({ cols: 100, rows: 20 });
  });
});
