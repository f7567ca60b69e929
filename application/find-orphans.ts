import type { ProcessControl, ProcessRecord, ProcessRecordStore } from '../domain/ports/process-record.port';
import { ok, type Result } from '../domain/result';

export interface OrphanDeps {
  readonly records: ProcessRecordStore;
  readonly control: ProcessControl;
  /** This Tessera process: its own records are live sessions, not orphans. */
  readonly hostPid: number;
}

/**
 * On start (no orphans): the agents a previous Tessera started and never ended, because it crashed.
 * A record counts only if its host is gone (another running Tessera's agents are not orphans) and
 * anything of its session is still alive: its process (under the recorded identity, so a recycled
 * pid is not blamed), its group or session, or a process carrying its mark (one that called setsid
 * or daemonised). Records of sessions that are wholly gone are forgotten on the way.
 */
export class FindOrphans {
  constructor(private readonly deps: OrphanDeps) {}

  async execute(): Promise<Result<readonly ProcessRecord[], never>> {
    const { records, control, hostPid } = this.deps;
    const orphans: ProcessRecord[] = [];
    for (const record of await records.list()) {
      if (record.hostPid === hostPid) continue;
      const host = { pid: record.hostPid, ...(record.hostIdentity !== undefined ? { identity: record.hostIdentity } : {}) };
      if (await control.isAlive(host)) continue;
      if (await control.isAlive(record)) orphans.push(record);
      else await records.remove(record.hostPid, record.pid);
    }
    return ok(orphans);
  }
}

/**
 * Ends orphans once the user agrees: the ones named by pid, or all. Each is checked again just
 * before (only what FindOrphans reports now can be killed: a stale list never reaches kill). A
 * record is forgotten once nothing of its session is left; one with survivors stays, so the next
 * look lists it again rather than leave them silently. Returns the records it killed.
 */
export class KillOrphans {
  constructor(private readonly deps: OrphanDeps) {}

  async execute(input: { readonly pids: readonly number[] | 'all' }): Promise<Result<readonly ProcessRecord[], never>> {
    const found = await new FindOrphans(this.deps).execute();
    const chosen = found.ok ? found.value.filter((r) => input.pids === 'all' || input.pids.includes(r.pid)) : [];
    for (const record of chosen) {
      const survivors = await this.deps.control.kill(record);
      if (!survivors) await this.deps.records.remove(record.hostPid, record.pid);
    }
    return ok(chosen);
  }
}
