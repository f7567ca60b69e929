import { describe, expect, it } from 'vitest';
import type { ProcessControl, ProcessRecord, ProcessRecordStore } from '../../domain/ports/process-record.port';

const record = (over: Partial<ProcessRecord> = {}): ProcessRecord => ({
  pid: 4242, pgid: 4242, agent: 'reviewer', project: '/home/u/proj', startedAt: 1_700_000_000_000, hostPid: 100, identity: 'start:1', ...over,
});

/** The ProcessRecordStore port's behaviour. `reopen` gives a second store over the same place (a later run). */
export function processRecordStoreContract(name: string, make: () => Promise<{ store: ProcessRecordStore; reopen: () => ProcessRecordStore }>): void {
  describe(`ProcessRecordStore contract: ${name}`, () => {
    it('lists nothing at first', async () => {
      const { store } = await make();
      expect(await store.list()).toEqual([]);
    });

    it('keeps the records of several hosts, and a later run sees them', async () => {
      const { store, reopen } = await make();
      await store.add(record());
      await store.add(record({ pid: 4243, pgid: 4243, agent: 'writer' }));
      await store.add(record({ hostPid: 200, pid: 5000, pgid: 5000 }));
      const later = reopen();
      const listed = await later.list();
      expect(listed).toHaveLength(3);
      expect(listed).toContainEqual(record());
      expect(listed.filter((r) => r.hostPid === 100).map((r) => r.agent).sort()).toEqual(['reviewer', 'writer']);
    });

    it('replaces a record of the same host and pid, and removes one without touching others', async () => {
      const { store } = await make();
      await store.add(record());
      await store.add(record({ agent: 'renamed' }));
      await store.add(record({ hostPid: 200 }));
      expect((await store.list()).filter((r) => r.hostPid === 100)).toEqual([record({ agent: 'renamed' })]);
      await store.remove(100, 4242);
      await store.remove(100, 9999);
      expect(await store.list()).toEqual([record({ hostPid: 200 })]);
    });

    it('loses nothing when changes come at once', async () => {
      const { store } = await make();
      await Promise.all(Array.from({ length: 20 }, (_, i) => store.add(record({ pid: 1000 + i, pgid: 1000 + i }))));
      expect(await store.list()).toHaveLength(20);
    });
  });
}

export interface ProcessControlFixture {
  readonly control: ProcessControl;
  /** A live process leading its own group, with one more member in that group. */
  start(): Promise<{ readonly pid: number; readonly pgid: number; readonly member: number }>;
  /**
   * The same, carrying `mark` (as a session's processes do), and one more process that left the
   * group and the session (it called setsid) and carries the mark too.
   */
  startMarked(mark: string): Promise<{ readonly pid: number; readonly pgid: number; readonly member: number; readonly escaped: number }>;
  /** Whether one pid is running (independent of the control under test). */
  running(pid: number): boolean | Promise<boolean>;
  /** Wait until the check holds (real processes take a moment to die). */
  eventually(check: () => boolean | Promise<boolean>, what: string): Promise<void>;
}

/** The ProcessControl port's behaviour, for real processes and the fake. */
export function processControlContract(name: string, make: () => ProcessControlFixture): void {
  describe(`ProcessControl contract: ${name}`, () => {
    it('sees a running process as alive, under its own identity only', async () => {
      const { control, start } = make();
      const proc = await start();
      const identity = control.identify(proc.pid);
      expect(identity).toBeDefined();
      expect(await control.isAlive({ ...proc, identity })).toBe(true);
      expect(await control.isAlive({ pid: proc.pid, identity: `${identity}-other` })).toBe(false);
      await control.kill(proc);
    });

    it('kills the whole group, and a dead target is not alive and harmless to kill again', async () => {
      const { control, start, running, eventually } = make();
      const proc = await start();
      expect(await running(proc.member)).toBe(true);
      await control.kill(proc);
      await eventually(async () => !(await running(proc.pid)) && !(await running(proc.member)), 'the group to end');
      await eventually(async () => !(await control.isAlive(proc)), 'the group to read as gone');
      expect(await control.kill(proc)).toBe(false);
    });

    it('sees a group as alive while a member lives on after its leader', async () => {
      const { control, start, eventually, running } = make();
      const proc = await start();
      await control.kill({ pid: proc.pid });
      await eventually(async () => !(await running(proc.pid)), 'the leader to end');
      expect(await running(proc.member)).toBe(true);
      expect(await control.isAlive(proc)).toBe(true);
      await control.kill(proc);
      await eventually(async () => !(await control.isAlive(proc)), 'the group to end');
    });

    it('finds and kills by its mark a process that left the group and the session, after its leader is gone', async () => {
      const { control, startMarked, eventually, running } = make();
      const mark = '0c8f3d0e-7a5b-4c1e-9f00-6d2b1a3c4e5f';
      const proc = await startMarked(mark);
      const identity = control.identify(proc.pid);
      await control.kill({ pid: proc.pid, pgid: proc.pgid });
      await eventually(async () => !(await running(proc.pid)) && !(await running(proc.member)), 'the group to end');
      expect(await running(proc.escaped)).toBe(true);
      const target = { pid: proc.pid, pgid: proc.pgid, ...(identity !== undefined ? { identity } : {}), mark };
      expect(await control.isAlive(target)).toBe(true);
      await control.kill(target);
      await eventually(async () => !(await running(proc.escaped)), 'the process that left to end');
      await eventually(async () => !(await control.isAlive(target)), 'the session to read as gone');
    });
  });
}
