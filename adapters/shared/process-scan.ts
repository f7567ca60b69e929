import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** One process as `/proc/<pid>/stat` shows it. */
export interface ProcessStat {
  readonly pid: number;
  /** R, S, D, Z (zombie), ... */
  readonly state: string;
  readonly group: number;
  readonly session: number;
  /** When it started, in clock ticks since boot (field 22). */
  readonly startTicks: number;
}

/** What a scan reads of the system, so scans can be tested on a pretend process table. */
export interface ProcReader {
  /** Every process now (zombies included). */
  list(): ProcessStat[];
  /** The raw environment (NUL-separated); undefined when gone, not ours to read, or not readable on this system. */
  environ(pid: number): string | undefined;
}

/** The process table at one moment: one pass over every process's stat, environments read on demand. */
export interface ProcessSnapshot {
  /** Live (not zombie) members of the session `leader` leads, the leader included. */
  sessionMembers(leader: number): number[];
  /**
   * Live processes whose environment holds `variable=value`. Only processes started at or after
   * `sinceTicks` are read, when given: a process inherits its environment when it starts, so one
   * older than a session's leader cannot carry that session's mark.
   */
  carrying(variable: string, value: string, sinceTicks?: number): number[];
  /** The process's start in clock ticks since boot; undefined when gone. */
  startTicks(pid: number): number | undefined;
}

/** Runs `task` once the current turn of the event loop is done (after its I/O callbacks). */
export type Defer = (task: () => void) => void;

/**
 * Reads the process table for everyone who asks in one turn of the event loop, in the next turn.
 * Finding a session's processes reads every process on the machine (hundreds of files), and a
 * burst of Stops or exits asks for it many times at once: one read serves them all, and none runs
 * inside the caller's turn, so an exit or a kill is never held up by it. A caller always gets a
 * read that started after its call, so it sees every process that existed when it asked.
 */
export class ProcessScanner {
  private pending: Promise<ProcessSnapshot> | undefined;

  constructor(
    private readonly reader: ProcReader = systemProcReader,
    private readonly defer: Defer = (task) => void setImmediate(task),
  ) {}

  scan(): Promise<ProcessSnapshot> {
    this.pending ??= new Promise((resolve) => {
      this.defer(() => {
        this.pending = undefined;
        resolve(readSnapshot(this.reader));
      });
    });
    return this.pending;
  }
}

function readSnapshot(reader: ProcReader): ProcessSnapshot {
  const stats = new Map<number, ProcessStat>();
  for (const stat of reader.list()) if (stat.state !== 'Z') stats.set(stat.pid, stat);
  const environs = new Map<number, string | undefined>();
  const environ = (pid: number) => {
    if (!environs.has(pid)) environs.set(pid, reader.environ(pid));
    return environs.get(pid);
  };
  return {
    sessionMembers: (leader) => [...stats.values()].filter((stat) => stat.session === leader).map((stat) => stat.pid),
    carrying: (variable, value, sinceTicks) => {
      const entry = `${variable}=${value}`;
      return [...stats.values()]
        // A start that did not parse (NaN) is read rather than skipped.
        .filter((stat) => stat.pid !== process.pid && !(sinceTicks !== undefined && stat.startTicks < sinceTicks))
        .filter((stat) => environ(stat.pid)?.split('\0').includes(entry) ?? false)
        .map((stat) => stat.pid);
    },
    startTicks: (pid) => stats.get(pid)?.startTicks,
  };
}

/** `/proc/<pid>/stat`, parsed after the command name, which may hold spaces and parentheses. */
export function readStat(pid: number): ProcessStat | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After the name: state, ppid, pgrp, session, ..., starttime (the 20th).
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { pid, state: fields[0] ?? '', group: Number(fields[2]), session: Number(fields[3]), startTicks: Number(fields[19]) };
  } catch {
    // Ended while we looked.
    return undefined;
  }
}

export const systemProcReader: ProcReader = {
  list: () => (process.platform === 'linux' ? fromProc() : fromPs()),
  environ: (pid) => {
    if (process.platform !== 'linux') return undefined;
    try {
      // A zombie's environment reads as empty: it is dead already and never matches.
      return readFileSync(`/proc/${pid}/environ`, 'latin1');
    } catch {
      // Ended while we looked, or not ours to read.
      return undefined;
    }
  },
};

function fromProc(): ProcessStat[] {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return [];
  }
  const stats: ProcessStat[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(Number(name));
    if (stat) stats.push(stat);
  }
  return stats;
}

/** Without /proc: `ps` gives groups and sessions (no start times, no environments). */
function fromPs(): ProcessStat[] {
  try {
    const out = execFileSync('ps', ['-A', '-o', 'pid=,pgid=,sess=,stat='], { encoding: 'utf8' });
    return out
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter((fields) => fields.length >= 4 && Number(fields[0]) > 0)
      .map(([pid, group, session, state]) => ({ pid: Number(pid), group: Number(group), session: Number(session), state: (state ?? '').slice(0, 1), startTicks: Number.NaN }));
  } catch {
    return [];
  }
}

/** The host's one scanner: every adapter that looks for a session's processes shares its reads. */
export const processScanner = new ProcessScanner();
