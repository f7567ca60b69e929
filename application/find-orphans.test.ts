import { describe, expect, it } from 'vitest';
import { FakeProcessControl, InMemoryProcessRecordStore } from '../adapters/memory/in-memory-process-records';
import type { ProcessRecord } from '../domain/ports/process-record.port';
import { FindOrphans, KillOrphans } from './find-orphans';

const HOST = 1;

async function world() {
  const records = new InMemoryProcessRecordStore();
  const control = new FakeProcessControl();
  const deps = { records, control, hostPid: HOST };
  const crashedHost = 77; // not started in the fake: gone
  const record = (proc: { pid: number; pgid: number }, over: Partial<ProcessRecord> = {}): ProcessRecord => ({
    ...proc, agent: 'rev', project: '/p', startedAt: 1, hostPid: crashedHost, identity: control.identify(proc.pid), ...over,
  });
  return { records, control, find: new FindOrphans(deps), kill: new KillOrphans(deps), record };
}

describe('FindOrphans', () => {
  it('reports the live agents of a run that crashed, and forgets the ones that are gone', async () => {
    const { records, control, find, record } = await world();
    const alive = record(control.start());
    const gone = record(control.start(), { agent: 'gone' });
    control.end(gone.pid);
    await records.add(alive);
    await records.add(gone);
    expect(await find.execute()).toEqual({ ok: true, value: [alive] });
    expect(await records.list()).toEqual([alive]);
  });

  it('leaves alone the agents of this run and of another Tessera that is still running', async () => {
    const { records, control, find, record } = await world();
    const otherHost = control.start();
    await records.add(record(control.start(), { hostPid: HOST }));
    await records.add(record(control.start(), { hostPid: otherHost.pid, hostIdentity: control.identify(otherHost.pid) }));
    expect(await find.execute()).toEqual({ ok: true, value: [] });
    expect(await records.list()).toHaveLength(2);
  });

  it('does not take a recycled pid for the agent, but does see a group member that outlived its leader', async () => {
    const { records, control, find, record } = await world();
    const recycled = record(control.start());
    control.recycle(recycled.pid);
    const leader = control.start();
    const leftover = record(leader);
    control.start({ pgid: leader.pgid });
    control.end(leader.pid);
    await records.add(recycled);
    await records.add(leftover);
    expect(await find.execute()).toEqual({ ok: true, value: [leftover] });
  });
});

describe('KillOrphans', () => {
  it('kills the chosen orphans with their groups and forgets them, leaving the others', async () => {
    const { records, control, kill, record } = await world();
    const a = control.start();
    const member = control.start({ pgid: a.pgid });
    const b = control.start();
    await records.add(record(a));
    await records.add(record(b, { agent: 'other' }));
    const result = await kill.execute({ pids: [a.pid] });
    expect(result.ok && result.value.map((r) => r.pid)).toEqual([a.pid]);
    expect(control.killed.sort()).toEqual([a.pid, member.pid].sort());
    expect((await records.list()).map((r) => r.pid)).toEqual([b.pid]);
    await kill.execute({ pids: 'all' });
    expect(await records.list()).toEqual([]);
    expect(await control.isAlive(b)).toBe(false);
  });

  it('never kills what is no longer an orphan when the user finally agrees', async () => {
    const { records, control, kill, record } = await world();
    const orphan = record(control.start());
    await records.add(orphan);
    control.recycle(orphan.pid);
    const result = await kill.execute({ pids: 'all' });
    expect(result).toEqual({ ok: true, value: [] });
    expect(control.killed).toEqual([]);
    expect(await control.isAlive({ pid: orphan.pid })).toBe(true);
  });
});
