import { describe, expect, it } from 'vitest';
import { ProcessScanner, type ProcessStat, type ProcReader } from './process-scan';

const MARK = 'TESSERA_SESSION_MARK=a1b2c3d4-e5f6-4711-8899-aabbccddeeff';

/** A pretend process table that counts what a scan reads. */
function reader(processes: ReadonlyArray<ProcessStat & { readonly environ?: string }>) {
  const reads = { lists: 0, environs: [] as number[] };
  const fake: ProcReader = {
    list: () => {
      reads.lists++;
      return processes.map(({ environ: _environ, ...stat }) => stat);
    },
    environ: (pid) => {
      reads.environs.push(pid);
      return processes.find((p) => p.pid === pid)?.environ;
    },
  };
  return { fake, reads };
}

/** Runs deferred reads only when the test says so. */
function manualDefer() {
  const queued: Array<() => void> = [];
  return { defer: (task: () => void) => void queued.push(task), run: () => queued.splice(0).forEach((task) => task()) };
}

const proc = (pid: number, over: Partial<ProcessStat> & { environ?: string } = {}) => ({ pid, state: 'S', group: pid, session: pid, startTicks: 100, ...over });

describe('ProcessScanner', () => {
  it('reads nothing in the caller’s turn, and once for every caller of that turn', async () => {
    const { fake, reads } = reader([proc(10)]);
    const turn = manualDefer();
    const scanner = new ProcessScanner(fake, turn.defer);
    const first = scanner.scan();
    const second = scanner.scan();
    expect(reads.lists).toBe(0);
    turn.run();
    expect(await first).toBe(await second);
    expect(reads.lists).toBe(1);
  });

  it('gives a caller after a read has started a read of its own', async () => {
    const { fake, reads } = reader([proc(10)]);
    const turn = manualDefer();
    const scanner = new ProcessScanner(fake, turn.defer);
    const first = scanner.scan();
    turn.run();
    const second = scanner.scan();
    turn.run();
    expect(await first).not.toBe(await second);
    expect(reads.lists).toBe(2);
  });

  it('reads the environment only of processes started since the given start, zombies never', async () => {
    const { fake, reads } = reader([
      proc(10, { startTicks: 50, environ: MARK }),
      proc(20, { startTicks: 100, environ: MARK }),
      proc(21, { startTicks: 130, environ: `OTHER=1\0${MARK}` }),
      proc(22, { startTicks: 140, state: 'Z', environ: MARK }),
      proc(23, { startTicks: 150, environ: 'OTHER=1' }),
    ]);
    const turn = manualDefer();
    const scanning = new ProcessScanner(fake, turn.defer).scan();
    turn.run();
    const [variable, value] = MARK.split('=') as [string, string];
    expect((await scanning).carrying(variable, value, 100)).toEqual([20, 21]);
    expect(reads.environs).toEqual([20, 21, 23]);
  });

  it('finds a session’s live members whatever their group', async () => {
    const { fake } = reader([proc(10), proc(11, { session: 10, group: 11 }), proc(12, { session: 10, state: 'Z' }), proc(13)]);
    const turn = manualDefer();
    const scanning = new ProcessScanner(fake, turn.defer).scan();
    turn.run();
    const snapshot = await scanning;
    expect(snapshot.sessionMembers(10)).toEqual([10, 11]);
    expect(snapshot.startTicks(10)).toBe(100);
    expect(snapshot.startTicks(12)).toBeUndefined();
  });
});
