/**
 * What an agent costs the machine: its whole process tree, read from the system's process table.
 * The tree is the agent's PTY process and every descendant, and every process that carries the
 * session's mark in its environment (one that left the tree by `setsid` or a double fork keeps it)
 * with its own descendants. Tessera's helper programs (its hook, status-line and MCP server), which the
 * agent's CLI starts, are Tessera's cost, not the agent's: they and what they start are left out. They
 * are told by their command lines, which an agent could imitate: the figures are for the user's eyes,
 * never a limit on what runs (Stop ends every process of the session whatever the meter says).
 */

/** One process as the meter reads it. */
export interface ProcessReading {
  readonly pid: number;
  readonly parentPid: number;
  /** When the kernel started it, in the kernel's units: with the pid, it names one process across readings (pids are reused). */
  readonly start: number;
  /** CPU time it used itself, user and system (ms). */
  readonly cpuMs: number;
  /** CPU time of the children it waited for (ms): a child's time moves here when its parent reaps it. */
  readonly reapedCpuMs: number;
  readonly rssBytes: number;
}

/** One row of the process table, as far as finding trees needs. */
export interface ProcessRow {
  readonly pid: number;
  readonly parentPid: number;
  /** The session mark in its environment, if any. */
  readonly mark?: string;
  /** One of Tessera's own helper programs. */
  readonly helper: boolean;
}

/** A session to meter: its id is also the mark its processes carry. */
export interface MeteredSession {
  readonly id: string;
  readonly pid: number;
}

/**
 * The pids of each session's tree. A session none of whose processes is in the table is absent. A
 * process belongs to one tree at most: the first session that reaches it.
 */
export function sessionTrees(rows: readonly ProcessRow[], sessions: readonly MeteredSession[]): Map<string, number[]> {
  const byPid = new Map<number, ProcessRow>();
  const children = new Map<number, number[]>();
  for (const row of rows) {
    byPid.set(row.pid, row);
    const siblings = children.get(row.parentPid);
    if (siblings) siblings.push(row.pid);
    else children.set(row.parentPid, [row.pid]);
  }
  const descendants = (seeds: readonly number[], skip: ReadonlySet<number>): number[] => {
    const found = new Set<number>();
    const pending = [...seeds];
    while (pending.length > 0) {
      const pid = pending.pop()!;
      if (!byPid.has(pid) || skip.has(pid) || found.has(pid)) continue;
      found.add(pid);
      pending.push(...(children.get(pid) ?? []));
    }
    return [...found];
  };
  // A helper's children inherit the mark too: they are claimed as Tessera's before any session looks.
  const claimed = new Set(descendants(rows.filter((row) => row.helper).map((row) => row.pid), new Set()));
  const out = new Map<string, number[]>();
  for (const session of sessions) {
    const seeds = [session.pid, ...rows.filter((row) => row.mark === session.id).map((row) => row.pid)];
    const tree = descendants(seeds, claimed);
    for (const pid of tree) claimed.add(pid);
    if (tree.length > 0) out.set(session.id, tree.sort((a, b) => a - b));
  }
  return out;
}

const identity = (reading: ProcessReading): string => `${reading.pid}:${reading.start}`;

/**
 * CPU time a tree used between two readings of it (ms). A process seen in both counts what it used
 * since, its reaped children's included; a new one counts all it used (it started after `before`). A
 * child that ended and was reaped by a parent still in the tree moved its time into that parent's
 * reaped time, whole: the part `before` already saw is taken off again, so nothing counts twice. A
 * process that ended unreaped by the tree loses what it used since `before`: never more than counted.
 */
export function cpuUsedBetween(before: readonly ProcessReading[], after: readonly ProcessReading[]): number {
  const earlier = new Map(before.map((reading) => [identity(reading), reading]));
  const later = new Set(after.map(identity));
  const livePids = new Set(after.map((reading) => reading.pid));
  let used = 0;
  for (const reading of after) {
    const previous = earlier.get(identity(reading));
    const total = reading.cpuMs + reading.reapedCpuMs;
    used += previous ? Math.max(0, total - previous.cpuMs - previous.reapedCpuMs) : total;
  }
  for (const reading of before) {
    if (later.has(identity(reading)) || !livePids.has(reading.parentPid)) continue;
    used -= reading.cpuMs + reading.reapedCpuMs;
  }
  return Math.max(0, used);
}

/** The figures of one tree at one reading. */
export interface TreeTotals {
  readonly rssBytes: number;
  readonly processes: number;
}

export function treeTotals(readings: readonly ProcessReading[]): TreeTotals {
  return { rssBytes: readings.reduce((sum, reading) => sum + reading.rssBytes, 0), processes: readings.length };
}
