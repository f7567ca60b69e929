import { describe, expect, it } from 'vitest';
import type { TerminalSize } from '../../domain/session';
import { SizeArbiter } from './size-arbiter';

function world() {
  const applied: TerminalSize[] = [];
  const arbiter = new SizeArbiter<string>((size) => applied.push(size));
  return { arbiter, applied };
}

describe('SizeArbiter', () => {
  it('gives the PTY the size of the view that resized last, and applies only changes', () => {
    const { arbiter, applied } = world();
    arbiter.resize('wide', { cols: 200, rows: 50 });
    arbiter.resize('narrow', { cols: 80, rows: 24 });
    arbiter.resize('narrow', { cols: 80, rows: 24 });
    expect(applied).toEqual([
      { cols: 200, rows: 50 },
      { cols: 80, rows: 24 },
    ]);
  });

  it('takes the terminal back to the size of a view typed in', () => {
    const { arbiter, applied } = world();
    arbiter.resize('wide', { cols: 200, rows: 50 });
    arbiter.resize('narrow', { cols: 80, rows: 24 });
    arbiter.active('wide');
    arbiter.active('wide');
    expect(applied.at(-1)).toEqual({ cols: 200, rows: 50 });
    expect(applied).toHaveLength(3);
  });

  it('hands the size to the most recently active remaining view when the driving one leaves', () => {
    const { arbiter, applied } = world();
    arbiter.resize('first', { cols: 100, rows: 30 });
    arbiter.resize('second', { cols: 120, rows: 40 });
    arbiter.resize('third', { cols: 90, rows: 20 });
    arbiter.leave('third');
    expect(applied.at(-1)).toEqual({ cols: 120, rows: 40 });
    // Not the driver: nothing changes.
    arbiter.leave('first');
    expect(applied).toHaveLength(4);
  });

  it('lets a view that never told its size type without resizing, and passes over it when the driver leaves', () => {
    const { arbiter, applied } = world();
    arbiter.resize('sized', { cols: 100, rows: 30 });
    arbiter.active('unsized');
    expect(applied).toEqual([{ cols: 100, rows: 30 }]);
    arbiter.leave('unsized');
    arbiter.resize('other', { cols: 60, rows: 20 });
    arbiter.leave('other');
    expect(applied.at(-1)).toEqual({ cols: 100, rows: 30 });
  });
});
