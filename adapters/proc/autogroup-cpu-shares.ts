import { readFileSync, writeFileSync } from 'node:fs';
import type { CpuShare, CpuSharePort } from '../../domain/ports/cpu-share.port';
import type { Disposable } from '../../domain/ports/disposable';
import type { Scheduler } from '../../domain/ports/scheduler.port';
import { readStat } from '../shared/process-scan';

/** The nice of a yielding session's group: a group at 10 weighs about a tenth of one at 0 (the kernel's weight table). */
export const YIELDING_NICE = 10;

/**
 * How long a share refused as too soon waits before it is written again: without CAP_SYS_ADMIN, the
 * kernel takes one change of an autogroup's nice a tenth of a second, machine-wide, and refuses any
 * sooner with EAGAIN.
 */
const RETRY_MS = 100;

export interface AutogroupCpuSharesOptions {
  /** Times the writes the kernel refused as too soon. */
  readonly scheduler: Scheduler;
  /** Whether the kernel groups by session; read from the system when not given. */
  readonly enabled?: boolean;
  /** Writes a file, throwing as writeFileSync does; writeFileSync when not given. */
  readonly write?: (path: string, text: string) => void;
}

/** A share the kernel refused as too soon, for the process that led its session when it was asked for. */
interface WaitingShare {
  readonly startTicks: number;
  readonly share: CpuShare;
}

/**
 * Shares by Linux's autogroups. With autogroup on (the default of most distributions' kernels), the
 * scheduler first divides the CPU evenly between sessions, each `setsid` starting one: eight busy
 * agents then leave Tessera's host and browser together a ninth of the machine, however little they
 * need at a time, and a keystroke's echo waits behind them. Each session's group has a nice of its
 * own in /proc/<pid>/autogroup, which the owner may raise and lower again between 0 and 19 without
 * privileges (a process's own nice cannot be lowered again once raised).
 *
 * Only a session's leader is ever written: writing any other process would change the group of the
 * session it is in, which may be Tessera's own. Where autogroup is off or the system is not Linux,
 * nothing is set. Processes placed in a cgroup with a CPU controller of their own are shared out by
 * that cgroup instead, and the group's nice is then set but changes nothing.
 *
 * The kernel takes one change a tenth of a second from an unprivileged user (RETRY_MS): a share it
 * refuses as too soon, and every share asked for while one waits, is written as soon as it takes one
 * again, the latest asked for each session, full shares first (the session typed in is the one a
 * keystroke waits on). A waiting share is dropped once its process is gone; it is never written to
 * another process that got the pid since.
 */
export class AutogroupCpuShares implements CpuSharePort {
  private readonly enabled: boolean;
  private readonly writeFile: (path: string, text: string) => void;
  private readonly waiting = new Map<number, WaitingShare>();
  private retry: Disposable | undefined;

  constructor(private readonly options: AutogroupCpuSharesOptions) {
    this.enabled = options.enabled ?? autogroupEnabled();
    this.writeFile = options.write ?? writeFileSync;
  }

  set(pid: number, share: CpuShare): boolean {
    if (!this.enabled) return false;
    const leader = leaderStat(pid);
    if (!leader) return false;
    // While a share waits, a write now would be refused too, and could overtake a later wish for the same session.
    const written = this.waiting.size > 0 ? 'too-soon' : this.write(pid, share);
    if (written === 'too-soon') this.wait(pid, { startTicks: leader.startTicks, share });
    return written !== 'refused';
  }

  private write(pid: number, share: CpuShare): 'written' | 'too-soon' | 'refused' {
    try {
      this.writeFile(`/proc/${pid}/autogroup`, String(share === 'full' ? 0 : YIELDING_NICE));
      return 'written';
    } catch (error) {
      // EAGAIN: another change came less than RETRY_MS ago. Anything else: ended since, or not ours.
      return (error as NodeJS.ErrnoException).code === 'EAGAIN' ? 'too-soon' : 'refused';
    }
  }

  private wait(pid: number, waiting: WaitingShare): void {
    this.waiting.delete(pid);
    this.waiting.set(pid, waiting);
    this.retry ??= this.options.scheduler.setTimeout(() => this.writeWaiting(), RETRY_MS);
  }

  private writeWaiting(): void {
    this.retry = undefined;
    const fullFirst = [...this.waiting].sort(([, a], [, b]) => Number(a.share !== 'full') - Number(b.share !== 'full'));
    for (const [pid, { startTicks, share }] of fullFirst) {
      if (leaderStat(pid)?.startTicks === startTicks && this.write(pid, share) === 'too-soon') break;
      this.waiting.delete(pid);
    }
    if (this.waiting.size > 0) this.retry = this.options.scheduler.setTimeout(() => this.writeWaiting(), RETRY_MS);
  }
}

/** The process's stat while it lives and leads its own session. */
function leaderStat(pid: number) {
  const stat = readStat(pid);
  return stat && stat.state !== 'Z' && stat.session === pid ? stat : undefined;
}

/** Whether the kernel groups by session: Linux with `kernel.sched_autogroup_enabled` = 1. */
export function autogroupEnabled(): boolean {
  if (process.platform !== 'linux') return false;
  try {
    return readFileSync('/proc/sys/kernel/sched_autogroup_enabled', 'utf8').trim() === '1';
  } catch {
    return false;
  }
}
