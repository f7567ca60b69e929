/**
 * A process Tessera started for an agent, written down so that a later run can find it if this
 * one crashes without killing it (no orphans).
 */
export interface ProcessRecord {
  /** The agent's process: the leader of its process group and session. */
  readonly pid: number;
  readonly pgid: number;
  readonly agent: string;
  /** Absolute project root. */
  readonly project: string;
  readonly startedAt: number;
  /** The Tessera process that started it. */
  readonly hostPid: number;
  /**
   * What ProcessControl.identify said about `pid` when it was recorded (e.g. its start time), so a
   * recycled pid is not mistaken for the agent. Absent where the system cannot tell.
   */
  readonly identity?: string;
  /** The same for `hostPid`: a running host is not a crashed one, a recycled host pid is. */
  readonly hostIdentity?: string;
  /** The session's mark (its id, SpawnSpec.mark): finds its processes that left its group and session. */
  readonly mark?: string;
}

/**
 * The records of every Tessera process on this machine (they share the config dir). Each host
 * writes only its own records, so two running instances never overwrite each other.
 */
export interface ProcessRecordStore {
  /** Every record, of this host and of others; unreadable record files are skipped. */
  list(): Promise<readonly ProcessRecord[]>;
  add(record: ProcessRecord): Promise<void>;
  /** Forgets one record (its process ended or was dealt with). Unknown records are ignored. */
  remove(hostPid: number, pid: number): Promise<void>;
}

export interface ProcessTarget {
  readonly pid: number;
  readonly pgid?: number;
  readonly identity?: string;
  readonly mark?: string;
}

/** What a process looks like from outside: alive or not, and how to end it with everything it started. */
export interface ProcessControl {
  /** A token that stays the same for the life of a process and differs for a later process with the same pid; undefined if unknown or gone. */
  identify(pid: number): string | undefined;
  /**
   * The process is running (and is the one `identity` names, if given), or, with a `pgid`, any
   * member of its process group or session still is, or, with a `mark`, any process carrying it. A
   * zombie counts as gone. Asynchronous: finding a group's or a mark's processes reads the whole
   * process table, which must never hold up the caller's turn (an exit being reported, a Stop).
   */
  isAlive(target: ProcessTarget): Promise<boolean>;
  /**
   * Kills at once, without grace (it belongs to a run that is gone): with a `pgid`, the whole group
   * and session; with a `mark`, every process carrying it; the process alone otherwise. Only what
   * `isAlive` would call alive. Idempotent. Answers whether anything is still alive after it.
   */
  kill(target: ProcessTarget): Promise<boolean>;
}
