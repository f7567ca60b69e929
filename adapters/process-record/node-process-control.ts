import type { ProcessControl, ProcessTarget } from '../../domain/ports/process-record.port';
import { processScanner, readStat } from '../shared/process-scan';
import { isSessionMark, killMarked, SESSION_MARK_VARIABLE } from '../shared/session-mark';

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

  async isAlive(target: ProcessTarget): Promise<boolean> {
    // Everything is read on the scanner's next read, none of it in the caller's turn.
    const snapshot = await processScanner.scan();
    if (this.leaderAlive(target)) return true;
    if (isSessionMark(target.mark) && snapshot.carrying(SESSION_MARK_VARIABLE, target.mark, startTicksOf(target.identity)).length > 0) return true;
    // A recycled pid means the recorded process and its group are gone (the kernel never reuses a pid while its group exists).
    if (signal(target.pid, 0) && target.identity !== undefined) return false;
    if (target.pgid === undefined || Math.abs(target.pgid) <= 1) return false;
    return signal(-target.pgid, 0) || snapshot.sessionMembers(target.pgid).length > 0;
  }

  async kill(target: ProcessTarget): Promise<boolean> {
    if (!(await this.isAlive(target))) return false;
    const recycled = signal(target.pid, 0) && target.identity !== undefined && !this.leaderAlive(target);
    if (target.pgid !== undefined && !recycled) {
      signal(-target.pgid, 'SIGKILL');
      if (Math.abs(target.pgid) > 1) for (const pid of (await processScanner.scan()).sessionMembers(target.pgid)) signal(pid, 'SIGKILL');
    }
    if (this.leaderAlive(target)) signal(target.pid, 'SIGKILL');
    if (isSessionMark(target.mark)) await killMarked(target.mark);
    // A killed process takes a moment to die: survivors are what is left once it had the time.
    for (let waited = 0; waited < SURVIVOR_WAIT_MS && (await this.isAlive(target)); waited += 25) await new Promise((resolve) => setTimeout(resolve, 25));
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
  const stat = readStat(pid);
  return stat && { state: stat.state, session: stat.session, startTime: String(stat.startTicks) };
}

/** The start an identity records (`start:<ticks>`), which bounds the processes that may carry its mark. */
function startTicksOf(identity: string | undefined): number | undefined {
  const ticks = identity?.startsWith('start:') ? Number(identity.slice('start:'.length)) : Number.NaN;
  return Number.isFinite(ticks) ? ticks : undefined;
}
