import type { ProcessControl, ProcessRecord, ProcessRecordStore } from '../domain/ports/process-record.port';
import { ok, type Result } from '../domain/result';

export interface OrphanDeps {
  readonly records: ProcessRecordStore;
  readonly control: ProcessControl;
  /** This Tessera process: its own records are live sessions, not orphans. */
  readonly hostPid: number;
}

/**
 * On start (issue 5, no orphans): the agents a previous Tessera started and never ended, because
 * it crashed. A record counts only if its host is gone (another running Tessera's agents are
 * not orphans) and its process group is still alive (under the recorded identity, so a recycled
 * pid is not blamed). Records of processes that are gone are forgotten on the way.
 */
export class FindOrphans {
  constructor(private readonly deps: OrphanDeps) {}

  async execute(): Promise<Result<readonly ProcessRecord[], never>> {
    const { records, control, hostPid } = this.deps;
    const orphans: ProcessRecord[] = [];
    for (const record of await records.list()) {
      if (record.hostPid === hostPid) continue;
      const host = { pid: record.hostPid, ...(record.hostIdentity !== undefined ? { identity: record.hostIdentity } : {}) };
      if (control.isAlive(host)) continue;
      if (control.isAlive(record)) orphans.push(record);
      else await records.remove(record.hostPid, record.pid);
    }
    return ok(orphans);
  }
}

/**
 * Ends orphans once the user agrees: the ones named by pid, or all. Each is checked again just
 * before (only what FindOrphans reports now can be killed: a stale list never reaches kill), and
 * its record is forgotten. Returns the records it killed.
 */
export class KillOrphans {
  constructor(private readonly deps: OrphanDeps) {}

  async execute(input: { readonly pids: readonly number[] | 'all' }): Promise<Result<readonly ProcessRecord[], never>> {
    const found = await new FindOrphans(this.deps).execute();
    const chosen = found.ok ? found.value.filter((r) => input.pids === 'all' || input.pids.includes(r.pid)) : [];
    for (const record of chosen) {
      this.deps.control.kill(record);
      await this.deps.records.remove(record.hostPid, record.pid);
    }
    return ok(chosen);
  }
}
