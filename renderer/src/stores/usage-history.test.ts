import { describe, expect, it } from 'vitest';
import { appendHistory, chartSeries, HISTORY_POINTS, sparklinePoints } from './usage-history';

describe('usage history', () => {
  it('keeps each pushed session its readings, newest last and bounded, and drops a session no longer pushed', () => {
    let history = appendHistory({}, [{ id: 'a', cpuPercent: 1 }, { id: 'b', costUsd: 0.1 }], 1);
    history = appendHistory(history, [{ id: 'a', cpuPercent: 2 }], 2);
    expect(history).toEqual({ a: [{ at: 1, cpuPercent: 1 }, { at: 2, cpuPercent: 2 }] });
    for (let i = 0; i < HISTORY_POINTS + 5; i++) history = appendHistory(history, [{ id: 'a', cpuPercent: i }], 10 + i);
    expect(history.a).toHaveLength(HISTORY_POINTS);
    expect(history.a?.at(-1)).toEqual({ at: 10 + HISTORY_POINTS + 4, cpuPercent: HISTORY_POINTS + 4 });
  });

  it('charts the cost where the CLI reports one, else the CPU, and nothing from a single reading', () => {
    expect(chartSeries([{ at: 1, cpuPercent: 5, costUsd: 0.1 }, { at: 2, cpuPercent: 9, costUsd: 0.3 }])).toEqual({ kind: 'cost', values: [0.1, 0.3] });
    expect(chartSeries([{ at: 1, cpuPercent: 5 }, { at: 2, cpuPercent: 9 }])).toEqual({ kind: 'cpu', values: [5, 9] });
    expect(chartSeries([{ at: 1, cpuPercent: 5 }])).toBeUndefined();
  });

  it("marks the cost chart estimated where a reading's cost came from the user's prices", () => {
    const history = appendHistory(appendHistory({}, [{ id: 'a', costUsd: 0.1, costEstimated: true }], 1), [{ id: 'a', costUsd: 0.3, costEstimated: true }], 2);
    expect(chartSeries(history.a ?? [])).toEqual({ kind: 'cost', values: [0.1, 0.3], estimated: true });
  });

  it('draws the highest value at the top and zero at the bottom', () => {
    expect(sparklinePoints([0, 5, 10], 40, 11)).toBe('0,11 20,6 40,1');
    expect(sparklinePoints([0, 0], 10, 5)).toBe('0,5 10,5');
  });
});
