import type { MeteredSession, ProcessReading } from '../process-usage';

/**
 * Reads what agents' processes use from the system's process table (Linux /proc).
 *
 * `read` answers, for each session given, the processes of its tree now (domain/process-usage.ts
 * says which those are: descendants, marked processes, helpers left out). A session none of whose
 * processes runs is absent, and so is every session where the system offers no table to read: the
 * caller then shows nothing rather than a guess. Readings of one process never go backwards in CPU time.
 * Reading never blocks the caller's thread: the answer comes when the table has been read.
 */
export interface ProcessMeter {
  read(sessions: readonly MeteredSession[]): Promise<ReadonlyMap<string, readonly ProcessReading[]>>;
}
