import { describe, expect, it } from 'vitest';
import { cpuUsedBetween, sessionTrees, treeTotals, type ProcessReading, type ProcessRow } from './process-usage';

const row = (pid: number, parentPid: number, extra: Partial<ProcessRow> = {}): ProcessRow => ({ pid, parentPid, helper: false, ...extra });
const reading = (pid: number, cpuMs: number, extra: Partial<ProcessReading> = {}): ProcessReading => ({ pid, parentPid: 1, start: pid * 10, cpuMs, reapedCpuMs: 0, rssBytes: 0, ...extra });

describe('sessionTrees', () => {
  it("gathers the agent's process and all its descendants", () => {
    const rows = [row(1, 0), row(10, 1), row(11, 10), row(12, 11), row(20, 1)];
    expect(sessionTrees(rows, [{ id: 'session-a', pid: 10 }])).toEqual(new Map([['session-a', [10, 11, 12]]]));
  });

  it('takes in a process that left the tree but carries the mark, with its own children', () => {
    const rows = [row(1, 0), row(10, 1), row(30, 1, { mark: 'session-a' }), row(31, 30), row(40, 1, { mark: 'session-b' })];
    expect(sessionTrees(rows, [{ id: 'session-a', pid: 10 }]).get('session-a')).toEqual([10, 30, 31]);
  });

  it("leaves out Tessera's helpers and what they start, marked or not", () => {
    const rows = [row(10, 1), row(11, 10, { helper: true, mark: 'session-a' }), row(12, 11, { mark: 'session-a' }), row(13, 10)];
    expect(sessionTrees(rows, [{ id: 'session-a', pid: 10 }]).get('session-a')).toEqual([10, 13]);
  });

  it('keeps two sessions apart and leaves out a session with nothing running', () => {
    const rows = [row(10, 1), row(11, 10), row(20, 1), row(21, 20, { mark: 'session-b' })];
    const trees = sessionTrees(rows, [
      { id: 'session-a', pid: 10 },
      { id: 'session-b', pid: 20 },
      { id: 'session-c', pid: 99 },
    ]);
    expect(trees).toEqual(
      new Map([
        ['session-a', [10, 11]],
        ['session-b', [20, 21]],
      ]),
    );
  });
});

describe('cpuUsedBetween', () => {
  it('counts what each process used since the reading before', () => {
    expect(cpuUsedBetween([reading(10, 100), reading(11, 50)], [reading(10, 160), reading(11, 70)])).toBe(80);
  });

  it('counts all of a new process, and a reused pid as a new process', () => {
    const before = [reading(10, 100), reading(11, 500, { start: 1 })];
    const after = [reading(10, 100), reading(11, 30, { start: 2 }), reading(12, 40)];
    expect(cpuUsedBetween(before, after)).toBe(70);
  });

  it('counts a child reaped by its parent once: only what it used after the reading before', () => {
    const before = [reading(10, 100), reading(11, 200, { parentPid: 10 })];
    // The child used 50 ms more, ended, and its parent waited for it: all 250 ms move to the parent.
    const after = [reading(10, 100, { reapedCpuMs: 250 })];
    expect(cpuUsedBetween(before, after)).toBe(50);
  });

  it('never answers less than nothing when a process left unreaped by the tree', () => {
    expect(cpuUsedBetween([reading(10, 100), reading(11, 900, { parentPid: 10 })], [reading(10, 100)])).toBe(0);
  });
});

describe('treeTotals', () => {
  it('adds up resident memory and counts the processes', () => {
    expect(treeTotals([reading(10, 0, { rssBytes: 1000 }), reading(11, 0, { rssBytes: 24 })])).toEqual({ rssBytes: 1024, processes: 2 });
  });
});
