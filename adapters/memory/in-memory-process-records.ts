import type { ProcessControl, ProcessRecord, ProcessRecordStore, ProcessTarget } from '../../domain/ports/process-record.port';

/** Process records in memory (one contract with JsonProcessRecordStore). */
export class InMemoryProcessRecordStore implements ProcessRecordStore {
  private records: ProcessRecord[] = [];

  async list(): Promise<readonly ProcessRecord[]> {
    return [...this.records].sort((a, b) => a.hostPid - b.hostPid);
  }

  async add(record: ProcessRecord): Promise<void> {
    this.records = [...this.records.filter((r) => !(r.hostPid === record.hostPid && r.pid === record.pid)), record];
  }

  async remove(hostPid: number, pid: number): Promise<void> {
    this.records = this.records.filter((r) => !(r.hostPid === hostPid && r.pid === pid));
  }
}

interface FakeProc {
  readonly pid: number;
  readonly pgid: number;
  readonly identity: string;
  readonly mark?: string;
}

/**
 * Processes as a test describes them: `start` makes a live process (optionally in a group with
 * more members, optionally carrying a session mark), `end` lets one go, `recycle` gives a pid to a
 * new, unrelated process, `stubborn` makes one survive any kill.
 */
export class FakeProcessControl implements ProcessControl {
  readonly killed: number[] = [];
  readonly stubborn = new Set<number>();
  private readonly procs = new Map<number, FakeProc>();
  private nextPid = 5000;
  private generation = 0;

  start(options: { readonly pgid?: number; readonly pid?: number; readonly mark?: string } = {}): { readonly pid: number; readonly pgid: number } {
    const pid = options.pid ?? this.nextPid++;
    const proc = { pid, pgid: options.pgid ?? pid, identity: `gen-${this.generation++}`, ...(options.mark !== undefined ? { mark: options.mark } : {}) };
    this.procs.set(pid, proc);
    return { pid, pgid: proc.pgid };
  }

  end(pid: number): void {
    this.procs.delete(pid);
  }

  /** The pid now belongs to a different process, in its own group. */
  recycle(pid: number): void {
    this.procs.set(pid, { pid, pgid: pid, identity: `gen-${this.generation++}` });
  }

  identify(pid: number): string | undefined {
    return this.procs.get(pid)?.identity;
  }

  async isAlive(target: ProcessTarget): Promise<boolean> {
    return this.aliveNow(target);
  }

  private aliveNow(target: ProcessTarget): boolean {
    const leader = this.procs.get(target.pid);
    if (leader && (target.identity === undefined || leader.identity === target.identity)) return true;
    if (target.mark !== undefined && [...this.procs.values()].some((p) => p.mark === target.mark)) return true;
    if (leader && target.identity !== undefined) return false;
    return target.pgid !== undefined && [...this.procs.values()].some((p) => p.pgid === target.pgid);
  }

  async kill(target: ProcessTarget): Promise<boolean> {
    if (!this.aliveNow(target)) return false;
    const leader = this.procs.get(target.pid);
    const recycled = leader !== undefined && target.identity !== undefined && leader.identity !== target.identity;
    for (const proc of [...this.procs.values()]) {
      const inGroup = !recycled && target.pgid !== undefined && proc.pgid === target.pgid;
      const marked = target.mark !== undefined && proc.mark === target.mark;
      if ((inGroup || marked || (proc.pid === target.pid && !recycled)) && !this.stubborn.has(proc.pid)) {
        this.procs.delete(proc.pid);
        this.killed.push(proc.pid);
      }
    }
    return this.aliveNow(target);
  }
}
