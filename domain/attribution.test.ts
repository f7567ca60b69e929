import { describe, expect, it } from 'vitest';
import { attributeTurn, mayHaveChanged, windowsOverlap } from './attribution';

describe('attribution', () => {
  it('calls a file the agent’s when its events name it and no overlapping agent may have changed it', () => {
    expect(attributeTurn({ touched: ['a.ts'], changed: ['a.ts', 'user.txt'] }, [])).toEqual([
      { path: 'a.ts', attribution: 'agent', alsoBy: [] },
      { path: 'user.txt', attribution: 'others', alsoBy: [] },
    ]);
  });

  it('marks a file mixed when another overlapping agent’s events name it too, and names that agent', () => {
    const others = [{ agent: 'bob', from: 0, to: 10, touched: ['a.ts', 'b.ts'], changed: [] }];
    expect(attributeTurn({ touched: ['a.ts'], changed: ['a.ts', 'b.ts'] }, others)).toEqual([
      { path: 'a.ts', attribution: 'mixed', alsoBy: ['bob'] },
      { path: 'b.ts', attribution: 'others', alsoBy: ['bob'] },
    ]);
  });

  it('judges an agent without events by every change in its window, and never counts such an agent’s own changes as its alone', () => {
    const silent = { agent: 'gem', from: 0, to: undefined, touched: [], changed: ['a.ts'] };
    expect(mayHaveChanged(silent, 'a.ts')).toBe(true);
    expect(mayHaveChanged(silent, 'b.ts')).toBe(false);
    expect(attributeTurn({ touched: ['a.ts', 'b.ts'], changed: ['a.ts', 'b.ts'] }, [silent]).map((f) => f.attribution)).toEqual(['mixed', 'agent']);
    expect(attributeTurn({ touched: [], changed: ['a.ts'] }, []).map((f) => f.attribution)).toEqual(['mixed']);
  });

  it('overlaps windows that share time, a running one included, and not ones that only touch', () => {
    expect(windowsOverlap({ from: 0, to: 10 }, { from: 5, to: 20 })).toBe(true);
    expect(windowsOverlap({ from: 0, to: 10 }, { from: 10, to: 20 })).toBe(false);
    expect(windowsOverlap({ from: 0, to: 10 }, { from: 8, to: undefined })).toBe(true);
    expect(windowsOverlap({ from: 30, to: 40 }, { from: 8, to: undefined })).toBe(true);
    expect(windowsOverlap({ from: 0, to: 5 }, { from: 8, to: undefined })).toBe(false);
  });
});
