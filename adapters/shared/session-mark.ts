import { processScanner } from './process-scan';

/**
 * Every process an agent starts must end when the agent is stopped, and when a crashed Tessera's
 * agents are swept on the next start. Process groups and sessions do not hold them all: a child
 * that calls `setsid` (or daemonises: fork, setsid, fork) leaves both. So each session gets a mark,
 * a random value in an environment variable set at spawn, which every process it starts inherits
 * whatever group or session it moves to, and which is read back from `/proc/<pid>/environ`.
 *
 * Why this and not the alternatives: tmux kills a pane's process group and lets whatever left it
 * run; VS Code kills the PTY's process tree (node-pty's kill, its children by parent pid), which a
 * daemon leaves by being re-parented to init; systemd puts a unit in a cgroup, which no process can
 * leave without privilege, but that needs systemd (and a delegated user scope) on the machine,
 * which containers, WSL and macOS do not give. An environment variable needs nothing and survives
 * setsid and re-parenting. What it cannot catch is a process that clears its own environment
 * (`env -i`, or overwriting it in memory): that one left on purpose.
 *
 * Only Linux exposes other processes' environments in /proc; elsewhere the mark finds nothing and
 * groups and sessions are all there is. Only this user's processes can be read, which are the only
 * ones it could signal anyway.
 */
export const SESSION_MARK_VARIABLE = 'TESSERA_SESSION_MARK';

/** A mark is a random id (a UUID from the id generator); anything else is not looked for. */
export function isSessionMark(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9-]{16,64}$/.test(value);
}

/** What the sweep needs of the system, so it can be tested on a pretend process table. */
export interface ProcessTable {
  /**
   * Live processes (not zombies) whose environment carries the mark; with `sinceTicks` (a start in
   * clock ticks since boot, see ProcessSnapshot) only those started then or later are looked at.
   */
  marked(mark: string, sinceTicks?: number): Promise<number[]>;
  /** False when the process is gone or is not ours to signal. */
  signal(pid: number, signal: NodeJS.Signals): boolean;
}

export const systemProcessTable: ProcessTable = {
  marked: async (mark, sinceTicks) => {
    if (!isSessionMark(mark)) return [];
    return (await processScanner.scan()).carrying(SESSION_MARK_VARIABLE, mark, sinceTicks);
  },
  signal: (pid, signal) => {
    if (pid <= 1) return false;
    try {
      process.kill(pid, signal);
      return true;
    } catch {
      return false;
    }
  },
};

/** Sends `signal` to every process carrying the mark; answers the pids it reached. */
export async function signalMarked(mark: string, signal: NodeJS.Signals, table: ProcessTable = systemProcessTable): Promise<number[]> {
  return (await table.marked(mark)).filter((pid) => table.signal(pid, signal));
}

const shortPause = () => new Promise<void>((resolve) => setTimeout(resolve, 50));

/**
 * SIGKILLs every process `find` answers, and looks again after a pause (a process takes a moment
 * to die, and a parent may fork as it is killed), a few rounds at most. Answers the ones still there
 * at the end: the caller reports them, never leaving them silently.
 */
export async function killUntilGone(
  find: () => Promise<number[]>,
  kill: (pid: number) => void = (pid) => void systemProcessTable.signal(pid, 'SIGKILL'),
  pause: () => Promise<void> = shortPause,
): Promise<number[]> {
  let left = await find();
  for (let round = 0; round < 5 && left.length > 0; round++) {
    for (const pid of left) kill(pid);
    await pause();
    left = await find();
  }
  return left;
}

/** killUntilGone for every process carrying the mark. */
export function killMarked(mark: string, table: ProcessTable = systemProcessTable, pause: () => Promise<void> = shortPause): Promise<number[]> {
  return killUntilGone(() => table.marked(mark), (pid) => void table.signal(pid, 'SIGKILL'), pause);
}
