import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpuShareContract } from '../contracts/cpu-share.contract';
import { eventually } from '../contracts/eventually';
import { sessionOf } from '../contracts/proc';
import type { CpuShare } from '../../domain/ports/cpu-share.port';
import { autogroupEnabled, AutogroupCpuShares } from './autogroup-cpu-shares';

/** The share a process's session group has, from the nice in /proc/<pid>/autogroup ("/autogroup-42 nice 10"). */
function autogroupShare(pid: number | 'self'): CpuShare {
  const nice = Number(/nice (-?\d+)/.exec(readFileSync(`/proc/${pid}/autogroup`, 'utf8'))?.[1]);
  return nice > 0 ? 'yielding' : 'full';
}

cpuShareContract('AutogroupCpuShares (real processes)', async () => {
  const children = new Map<number, ChildProcess>();
  const start = async (detached: boolean) => {
    const child = spawn('sleep', ['60'], { detached, stdio: 'ignore' });
    const pid = child.pid!;
    children.set(pid, child);
    // A detached child calls setsid before it runs sleep: it leads its session once it does.
    if (detached) await eventually(() => sessionOf(pid) === pid, 'the child leading its own session');
    return pid;
  };
  const end = async (pid: number) => {
    const child = children.get(pid);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  };
  return {
    shares: new AutogroupCpuShares(),
    supported: autogroupEnabled(),
    startLeader: () => start(true),
    startMember: () => start(false),
    shareOf: (pid) => (autogroupEnabled() ? autogroupShare(pid) : 'full'),
    ownShare: () => (autogroupEnabled() ? autogroupShare('self') : 'full'),
    end,
    async dispose() {
      await Promise.all([...children.keys()].map(end));
    },
  };
});
