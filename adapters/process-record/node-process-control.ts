import { readdirSync, readFileSync } from 'node:fs';
import type { ProcessControl, ProcessTarget } from '../../domain/ports/process-record.port';
import { isSessionMark, killMarked, systemProcessTable } from '../shared/session-mark';

/**
 * Liveness with `process.kill(pid, 0)`, identity from the kernel's start time of the process
 * (Linux /proc; elsewhere identity is unknown and only the pid is checked), kill with SIGKILL to
 * the group, the session and every process carrying the session's mark (shared/session-mark.ts):
 * these processes belong to a run that is gone, nobody waits for them to save anything.
 */
/** How long kill gives SIGKILLed processes to go before it calls the ones still there survivors. */
const SURVIVOR_WAIT_MS = 1000;

export class NodeProcessControl implements ProcessControl {
  identify(pid: number): string | undefined {
    const stat = procStat(pid);
    if (!stat || stat.state === 'Z') return undefined;
    return `start:${stat.startTime}`;
  }

  isAlive(target: ProcessTarget): boolean {
    if (this.leaderAlive(target)) return true;
    if (isSessionMark(target.mark) && systemProcessTable.marked(target.mark).length > 0) return true;
    // A recycled pid means the recorded process and its group are gone (the kernel never reuses a pid while its group exists).
    if (signal(target.pid, 0) && target.identity !== undefined) return false;
    if (target.pgid === undefined) return false;
    return signal(-target.pgid, 0) || sessionMembers(target.pgid).length > 0;
  }

  async kill(target: ProcessTarget): Promise<boolean> {
    if (!this.isAlive(target)) return false;
    const recycled = signal(target.pid, 0) && target.identity !== undefined && !this.leaderAlive(target);
    if (target.pgid !== undefined && !recycled) {
      signal(-target.pgid, 'SIGKILL');
      for (const pid of sessionMembers(target.pgid)) signal(pid, 'SIGKILL');
    }
    if (this.leaderAlive(target)) signal(target.pid, 'SIGKILL');
    if (isSessionMark(target.mark)) await killMarked(target.mark);
    // A killed process takes a moment to die: survivors are what is left once it had the time.
    for (let waited = 0; waited < SURVIVOR_WAIT_MS && this.isAlive(target); waited += 25) await new Promise((resolve) => setTimeout(resolve, 25));
    return this.isAlive(target);
  }

  private leaderAlive(target: ProcessTarget): boolean {
    if (!signal(target.pid, 0)) return false;
    const stat = procStat(target.pid);
    if (stat?.state === 'Z') return false;
    return target.identity === undefined || this.identify(target.pid) === target.identity;
  }
}

function signal(pid: number, sig: NodeJS.Signals | 0): boolean {
  // pid 0, 1 and -1 address far more than one agent: never.
  if (Math.abs(pid) <= 1) return false;
  try {
    process.kill(pid, sig);
    return true;
  } catch {
    // ESRCH: gone. EPERM: it exists but is not ours, so it is not one of our agents either.
    return false;
  }
}

interface ProcStat {
  readonly state: string;
  readonly session: number;
  readonly startTime: string;
}

function procStat(pid: number): ProcStat | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: the fields start after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', session: Number(fields[3]), startTime: fields[19] ?? '' };
  } catch {
    return undefined;
  }
}

/** Live members of a session (node-pty makes each agent a session leader; jobs may sit in other groups). */
function sessionMembers(sessionId: number): number[] {
  if (process.platform !== 'linux' || sessionId <= 1) return [];
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(Number(entry));
    if (stat && stat.session === sessionId && stat.state !== 'Z') out.push(Number(entry));
  }
  return out;
}
