import { processScanner, type ProcessScanner } from '../shared/process-scan';
import { isSessionMark, SESSION_MARK_VARIABLE } from '../shared/session-mark';

/** A PTY's session as a kill looks for it. */
export interface SessionTarget {
  /** The PTY's child: node-pty makes it a session leader, so its session holds the whole tree, including jobs a shell moved to their own process groups. */
  readonly leader: number;
  /** The leader has exited: its pid, and so its session's id, may belong to another process by now; only the mark is followed. */
  readonly leaderGone: boolean;
  readonly mark?: string;
  /** The leader's start (clock ticks since boot), when known: only processes started since can carry its mark. */
  readonly sinceTicks?: number;
}

/**
 * Every process of the session beyond what its group reaches: the session's members, and the
 * processes carrying its mark (ones that called setsid or daemonised). Read on the scanner's next
 * read of the process table. Answers the leader's start too, for the next look.
 */
export async function sessionProcesses(target: SessionTarget, scanner: ProcessScanner = processScanner): Promise<{ readonly pids: number[]; readonly leaderStartTicks?: number }> {
  const snapshot = await scanner.scan();
  const members = target.leaderGone ? [] : snapshot.sessionMembers(target.leader);
  const leaderStartTicks = target.sinceTicks ?? (target.leaderGone ? undefined : snapshot.startTicks(target.leader));
  const marked = target.mark !== undefined && isSessionMark(target.mark) ? snapshot.carrying(SESSION_MARK_VARIABLE, target.mark, leaderStartTicks) : [];
  return { pids: [...new Set([...members, ...marked])], ...(leaderStartTicks !== undefined ? { leaderStartTicks } : {}) };
}

/** Sends a signal; false when the process (or group, for a negative pid) is gone or not ours. Never pid 0, 1 or -1. */
export function trySignal(pid: number, signal: NodeJS.Signals | 0): boolean {
  if (Math.abs(pid) <= 1) return false;
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}
