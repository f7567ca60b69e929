import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { cpuShareContract } from '../contracts/cpu-share.contract';
import { eventually } from '../contracts/eventually';
import { sessionOf } from '../contracts/proc';
import type { CpuShare } from '../../domain/ports/cpu-share.port';
import type { Scheduler } from '../../domain/ports/scheduler.port';
import { autogroupEnabled, AutogroupCpuShares } from './autogroup-cpu-shares';

/** The share a process's session group has, from the nice in /proc/<pid>/autogroup ("/autogroup-42 nice 10"). */
function autogroupShare(pid: number | 'self'): CpuShare {
  const nice = Number(/nice (-?\d+)/.exec(readFileSync(`/proc/${pid}/autogroup`, 'utf8'))?.[1]);
  return nice > 0 ? 'yielding' : 'full';
}

/** The system's timers, for the shares the kernel refuses as too soon (never, for a caller with CAP_SYS_ADMIN). */
const realTimers: Scheduler = {
  setTimeout(fn, ms) {
    const timer = setTimeout(fn, ms);
    return { dispose: () => clearTimeout(timer) };
  },
  nextTurn: (fn) => void setImmediate(fn),
};

/** A world of real processes run as `owner` (this process's user when not given), the shares written by `write` (the adapter's own when not given). */
function realWorld(write?: (path: string, text: string) => void, owner: { uid?: number; gid?: number } = {}) {
  return async () => {
    const children = new Map<number, ChildProcess>();
    const start = async (detached: boolean) => {
      const child = spawn('sleep', ['60'], { detached, stdio: 'ignore', ...owner });
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
      shares: new AutogroupCpuShares({ scheduler: realTimers, ...(write ? { write } : {}) }),
      supported: autogroupEnabled(),
      startLeader: () => start(true),
      startMember: () => start(false),
      shareOf: (pid: number) => (autogroupEnabled() ? autogroupShare(pid) : 'full'),
      ownShare: () => (autogroupEnabled() ? autogroupShare('self') : 'full'),
      end,
      async dispose() {
        await Promise.all([...children.keys()].map(end));
      },
    };
  };
}

cpuShareContract('AutogroupCpuShares (real processes)', realWorld());

/** CAP_SYS_ADMIN, which exempts a process from the kernel's limit on autogroup changes. */
const CAP_SYS_ADMIN = 21;

function hasSysAdmin(): boolean {
  if (process.platform !== 'linux') return false;
  const effective = /^CapEff:\s*([0-9a-f]+)$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
  return effective !== undefined && ((BigInt(`0x${effective}`) >> BigInt(CAP_SYS_ADMIN)) & 1n) === 1n;
}

/**
 * A user without capabilities (nobody's ids): Node drops this process's own when it spawns as it, so
 * no tool is needed. Its processes are its own, and so are their /proc files, as an unprivileged
 * user's agents are.
 */
const UNPRIVILEGED = { uid: 65534, gid: 65534 };

/**
 * Writes as a user without CAP_SYS_ADMIN does, through the real kernel: a process of UNPRIVILEGED,
 * failing as writeFileSync would. The external printf, not the shell's own, says which error the
 * write met.
 */
function writeWithoutSysAdmin(path: string, text: string): void {
  try {
    execFileSync('sh', ['-c', 'env printf %s "$0" > "$1"', text, path], { ...UNPRIVILEGED, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    const said = String((error as { stderr?: Buffer }).stderr ?? '');
    throw Object.assign(new Error(said), { code: /temporarily unavailable/i.test(said) ? 'EAGAIN' : 'EPERM' });
  }
}

// Run by a privileged user (as the suite is in CI), the contract above never meets the kernel's limit;
// run by anyone else, it already does.
describe.runIf(hasSysAdmin() && autogroupEnabled())('without CAP_SYS_ADMIN', () => {
  cpuShareContract('AutogroupCpuShares (real processes, written without CAP_SYS_ADMIN)', realWorld(writeWithoutSysAdmin, UNPRIVILEGED));

  it('meets the kernel\'s limit there: a change right after one it took is refused as too soon', async () => {
    const child = spawn('sleep', ['60'], { detached: true, stdio: 'ignore', ...UNPRIVILEGED });
    try {
      const pid = child.pid!;
      await eventually(() => sessionOf(pid) === pid, 'the child leading its own session');
      // Any process's change moves the limit: the first is written until it is taken, the second at once after it.
      const twice = 'until env printf 10 > "$0" 2>/dev/null; do sleep 0.02; done; env printf 0 > "$0"';
      let said = '';
      try {
        execFileSync('sh', ['-c', twice, `/proc/${pid}/autogroup`], { ...UNPRIVILEGED, stdio: ['ignore', 'ignore', 'pipe'], timeout: 20_000 });
      } catch (error) {
        said = String((error as { stderr?: Buffer }).stderr ?? '');
      }
      expect(said).toMatch(/temporarily unavailable/i);
      expect(autogroupShare(pid)).toBe('yielding');
    } finally {
      child.kill('SIGKILL');
    }
  });
});

/**
 * Linux lets a process without CAP_SYS_ADMIN change an autogroup's nice at most once every tenth of a
 * second, machine-wide, and refuses a write sooner with EAGAIN. This kernel does the same with its own
 * time, which the scheduler moves.
 */
function rateLimitedKernel() {
  let now = 0;
  let next = 0;
  const timers: Array<{ at: number; fn: () => void }> = [];
  const written: string[] = [];
  const scheduler: Scheduler = {
    setTimeout(fn, ms) {
      const timer = { at: now + ms, fn };
      timers.push(timer);
      return {
        dispose: () => {
          if (timers.includes(timer)) timers.splice(timers.indexOf(timer), 1);
        },
      };
    },
    nextTurn: (fn) => void scheduler.setTimeout(fn, 0),
  };
  const write = (path: string, text: string) => {
    if (now < next) throw Object.assign(new Error('EAGAIN: resource temporarily unavailable, write'), { code: 'EAGAIN' });
    next = now + 100;
    written.push(`${/\/proc\/(\d+)\/autogroup/.exec(path)?.[1]}:${text}`);
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const due = timers[0];
      if (!due || due.at > end) break;
      timers.shift();
      now = due.at;
      due.fn();
    }
    now = end;
  };
  return { scheduler, write, written, advance };
}

describe.runIf(process.platform === 'linux')('AutogroupCpuShares where the kernel limits how often a group changes', () => {
  const children: ChildProcess[] = [];
  const leader = async () => {
    const child = spawn('sleep', ['60'], { detached: true, stdio: 'ignore' });
    children.push(child);
    const pid = child.pid!;
    await eventually(() => sessionOf(pid) === pid, 'the child leading its own session');
    return { pid, child };
  };
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
  });

  it('applies a share refused as too soon once the kernel takes changes again, the latest asked for each session', async () => {
    const kernel = rateLimitedKernel();
    const shares = new AutogroupCpuShares({ scheduler: kernel.scheduler, write: kernel.write, enabled: true });
    const a = await leader();
    const b = await leader();
    expect(shares.set(a.pid, 'yielding')).toBe(true);
    expect(shares.set(b.pid, 'yielding')).toBe(true);
    expect(shares.set(b.pid, 'full')).toBe(true);
    expect(shares.set(a.pid, 'full')).toBe(true);
    expect(kernel.written).toEqual([`${a.pid}:10`]);
    kernel.advance(1000);
    expect(kernel.written).toEqual([`${a.pid}:10`, `${b.pid}:0`, `${a.pid}:0`]);
  });

  it('drops a share waiting for the kernel once its process is gone, writing nothing for its pid', async () => {
    const kernel = rateLimitedKernel();
    const shares = new AutogroupCpuShares({ scheduler: kernel.scheduler, write: kernel.write, enabled: true });
    const a = await leader();
    const b = await leader();
    expect(shares.set(a.pid, 'yielding')).toBe(true);
    expect(shares.set(b.pid, 'yielding')).toBe(true);
    await new Promise<void>((resolve) => {
      b.child.once('exit', () => resolve());
      b.child.kill('SIGKILL');
    });
    kernel.advance(1000);
    expect(kernel.written).toEqual([`${a.pid}:10`]);
  });
});
