import { readFileSync, writeFileSync } from 'node:fs';
import type { CpuShare, CpuSharePort } from '../../domain/ports/cpu-share.port';
import { readStat } from '../shared/process-scan';

/** The nice of a yielding session's group: a group at 10 weighs about a tenth of one at 0 (the kernel's weight table). */
export const YIELDING_NICE = 10;

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
 */
export class AutogroupCpuShares implements CpuSharePort {
  private readonly enabled = autogroupEnabled();

  set(pid: number, share: CpuShare): boolean {
    if (!this.enabled) return false;
    const stat = readStat(pid);
    if (!stat || stat.state === 'Z' || stat.session !== pid) return false;
    try {
      writeFileSync(`/proc/${pid}/autogroup`, String(share === 'full' ? 0 : YIELDING_NICE));
      return true;
    } catch {
      // Ended since, or not ours.
      return false;
    }
  }
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
