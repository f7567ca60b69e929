import type { ProcessMeter } from '../../domain/ports/process-meter.port';
import { sessionTrees, type MeteredSession, type ProcessReading } from '../../domain/process-usage';

/** A pretend process: what the meter reads of it, its mark and whether it is one of Tessera's helpers. */
export interface FakeProcess extends ProcessReading {
  readonly mark?: string;
  readonly helper?: boolean;
}

/**
 * A process table a test writes: `run` adds or replaces a process, `use` makes one use CPU and
 * memory, `end` takes it out. One contract with ProcProcessMeter (adapters/contracts/process-meter.contract.ts).
 */
export class InMemoryProcessMeter implements ProcessMeter {
  private readonly table = new Map<number, FakeProcess>();
  private nextStart = 1;

  run(process: Omit<FakeProcess, 'start' | 'cpuMs' | 'reapedCpuMs' | 'rssBytes'> & Partial<FakeProcess>): this {
    this.table.set(process.pid, { start: this.nextStart++, cpuMs: 0, reapedCpuMs: 0, rssBytes: 0, ...process });
    return this;
  }

  use(pid: number, usage: { readonly cpuMs?: number; readonly rssBytes?: number }): this {
    const found = this.table.get(pid);
    if (found) this.table.set(pid, { ...found, cpuMs: found.cpuMs + (usage.cpuMs ?? 0), rssBytes: usage.rssBytes ?? found.rssBytes });
    return this;
  }

  end(pid: number): this {
    this.table.delete(pid);
    return this;
  }

  read(sessions: readonly MeteredSession[]): Promise<ReadonlyMap<string, readonly ProcessReading[]>> {
    return Promise.resolve(this.readNow(sessions));
  }

  private readNow(sessions: readonly MeteredSession[]): ReadonlyMap<string, readonly ProcessReading[]> {
    const rows = [...this.table.values()].map((p) => ({ pid: p.pid, parentPid: p.parentPid, helper: p.helper ?? false, ...(p.mark !== undefined ? { mark: p.mark } : {}) }));
    const out = new Map<string, ProcessReading[]>();
    for (const [session, pids] of sessionTrees(rows, sessions)) {
      out.set(
        session,
        pids.map((pid) => {
          const { pid: _pid, parentPid, start, cpuMs, reapedCpuMs, rssBytes } = this.table.get(pid)!;
          return { pid, parentPid, start, cpuMs, reapedCpuMs, rssBytes };
        }),
      );
    }
    return out;
  }
}
