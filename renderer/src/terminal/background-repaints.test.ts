import { describe, expect, it } from 'vitest';
import { BackgroundRepaints } from './background-repaints';

function budget() {
  let now = 0;
  const repaints = new BackgroundRepaints({ now: () => now, minMs: 200, maxMs: 1000, rowsPerSecond: 440 });
  return { repaints, advance: (ms: number) => void (now += ms) };
}

describe('BackgroundRepaints', () => {
  it('keeps the shortest interval while the panes without the keyboard draw within the budget at it', () => {
    const { repaints } = budget();
    expect(repaints.interval()).toBe(200);
    const panes = Array.from({ length: 4 }, () => repaints.join());
    for (const pane of panes) pane.drew(22);
    // Four panes of 22 rows five times a second: 440 rows a second, the budget.
    expect(repaints.interval()).toBe(200);
  });

  it('stretches every pane’s interval in proportion once they would draw more, and back as they leave', () => {
    const { repaints } = budget();
    const panes = Array.from({ length: 8 }, () => repaints.join());
    for (const pane of panes) pane.drew(22);
    expect(repaints.interval()).toBe(400);
    for (const pane of panes.slice(0, 6)) pane.leave();
    expect(repaints.interval()).toBe(200);
  });

  it('follows what a pane draws a repaint: a spinner row costs little, a scrolling answer much', () => {
    const { repaints } = budget();
    const spinners = Array.from({ length: 16 }, () => repaints.join());
    for (const pane of spinners) pane.drew(1);
    expect(repaints.interval()).toBe(200);
    const scrolling = repaints.join();
    scrolling.drew(22);
    scrolling.drew(242);
    // (16 + 132) rows at 440 a second: 336 ms, on the grid 400.
    expect(repaints.interval()).toBe(400);
  });

  it('keeps every interval on the one grid, so the panes repaint in the same frames whatever their rows', () => {
    const { repaints } = budget();
    const panes = Array.from({ length: 8 }, () => repaints.join());
    const seen = new Set<number>();
    for (let rows = 20; rows <= 30; rows += 0.5) {
      for (const pane of panes) pane.drew(rows);
      const ms = repaints.interval();
      expect(ms % 200).toBe(0);
      seen.add(ms);
    }
    // 8 x 20 rows ask for 364 ms, 8 x 30 for 545: the nearest steps of the grid.
    expect([...seen]).toEqual([400, 600]);
  });

  it('never stretches the interval past the longest, however many rows the panes draw, and comes back from it', () => {
    const { repaints, advance } = budget();
    // Sixteen panes of the tallest terminal, each redrawing its whole screen: 8000 rows a repaint.
    const panes = Array.from({ length: 16 }, () => repaints.join());
    for (const pane of panes) pane.drew(500);
    expect(repaints.interval()).toBe(1000);
    advance(3001);
    expect(repaints.interval()).toBe(200);
  });

  it('leaves out the panes at rest, judged in the intervals of the moment', () => {
    const { repaints, advance } = budget();
    const panes = Array.from({ length: 16 }, () => repaints.join());
    for (const pane of panes) pane.drew(22);
    expect(repaints.interval()).toBe(800);
    // Still counted after two stretched intervals: they repaint that rarely now.
    advance(1600);
    expect(repaints.interval()).toBe(800);
    advance(1000);
    expect(repaints.interval()).toBe(200);
    panes[0]!.drew(22);
    expect(repaints.interval()).toBe(200);
  });
});
