import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isSessionMark, killMarked, SESSION_MARK_VARIABLE, signalMarked, systemProcessTable, type ProcessTable } from './session-mark';

const MARK = 'a1b2c3d4-e5f6-4711-8899-aabbccddeeff';

/** A pretend process table: `stubborn` pids survive any signal, `respawn` adds a child the first time its parent is killed. */
function table(pids: number[], options: { stubborn?: number[]; respawn?: Record<number, number> } = {}) {
  const live = new Set(pids);
  const sent: Array<[number, string]> = [];
  const fake: ProcessTable = {
    marked: async () => [...live],
    signal: (pid, signal) => {
      if (!live.has(pid)) return false;
      sent.push([pid, signal]);
      if (signal === 'SIGKILL' && !options.stubborn?.includes(pid)) {
        live.delete(pid);
        const child = options.respawn?.[pid];
        if (child !== undefined) live.add(child);
      }
      return true;
    },
  };
  return { fake, live, sent };
}
const noPause = () => Promise.resolve();

describe('killMarked', () => {
  it('kills every marked process, and the ones that appear while it does', async () => {
    const { fake, live } = table([10, 11], { respawn: { 10: 12 } });
    expect(await killMarked(MARK, fake, noPause)).toEqual([]);
    expect([...live]).toEqual([]);
  });

  it('answers the processes that survive, so they can be reported', async () => {
    const { fake } = table([10, 11], { stubborn: [11] });
    expect(await killMarked(MARK, fake, noPause)).toEqual([11]);
  });
});

describe('signalMarked', () => {
  it('signals every marked process and says which it reached', async () => {
    const { fake, sent } = table([20, 21]);
    expect(await signalMarked(MARK, 'SIGTERM', fake)).toEqual([20, 21]);
    expect(sent).toEqual([[20, 'SIGTERM'], [21, 'SIGTERM']]);
  });
});

describe('the system process table', () => {
  it.runIf(process.platform === 'linux')('finds a process by the mark in its environment, after it left its session, and only that one', async () => {
    const child = spawn('setsid', ['sleep', '300'], { env: { ...process.env, [SESSION_MARK_VARIABLE]: MARK }, stdio: 'ignore' });
    try {
      // The shared helpers lean on nothing else of the adapters, test helpers included: a plain wait.
      for (let tries = 0; tries < 400 && (await systemProcessTable.marked(MARK)).length === 0; tries++) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(await systemProcessTable.marked(MARK)).toHaveLength(1);
      expect(await systemProcessTable.marked('ffffffff-0000-4000-8000-000000000000')).toEqual([]);
      expect(await killMarked(MARK)).toEqual([]);
      expect(await systemProcessTable.marked(MARK)).toEqual([]);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('looks for nothing that is not a mark', async () => {
    expect(isSessionMark('')).toBe(false);
    expect(isSessionMark('x=1\0y')).toBe(false);
    expect(await systemProcessTable.marked('')).toEqual([]);
    expect(isSessionMark(MARK)).toBe(true);
  });
});
