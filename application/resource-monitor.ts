import type { Clock } from '../domain/ports/clock.port';
import type { Disposable } from '../domain/ports/disposable';
import type { ProcessMeter } from '../domain/ports/process-meter.port';
import type { Scheduler } from '../domain/ports/scheduler.port';
import { cpuUsedBetween, treeTotals, type MeteredSession, type ProcessReading } from '../domain/process-usage';

/** How often running agents' process trees are read: often enough to follow a build, rarely enough to cost nothing. */
export const METER_INTERVAL_MS = 3000;

/** What one agent's process tree uses, at the last reading. */
export interface SessionUsage {
  readonly id: string;
  /** CPU over the last interval, in percent of one core (200 is two cores busy); absent after the first reading. */
  readonly cpuPercent?: number;
  readonly rssBytes: number;
  readonly processes: number;
}

export interface ResourceMonitorDeps {
  readonly meter: ProcessMeter;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  /** The sessions running now, whatever their project. */
  readonly sessions: () => readonly MeteredSession[];
  /** After each reading: the usage of every running session the meter could read. */
  readonly onReading: (usage: ReadonlyMap<string, SessionUsage>) => void;
  readonly intervalMs?: number;
}

/**
 * Reads every running agent's process tree at an interval and turns two readings into CPU percent.
 * A session the meter cannot read (ended, or a system without a process table) has no usage: never
 * a guess. Nothing is read while no agent runs. One reading is in flight at a time: the next interval
 * starts when a reading ends, so a slow process table never piles readings up.
 */
export class ResourceMonitor {
  private previous = new Map<string, { readonly at: number; readonly readings: readonly ProcessReading[] }>();
  private current: ReadonlyMap<string, SessionUsage> = new Map();
  private inFlight: Promise<ReadonlyMap<string, SessionUsage>> | undefined;

  constructor(private readonly deps: ResourceMonitorDeps) {}

  /** Reads now and every interval until disposed. */
  start(): Disposable {
    let timer: Disposable | undefined;
    let stopped = false;
    const tick = () => {
      if (stopped) return;
      void this.read().finally(() => {
        if (!stopped) timer = this.deps.scheduler.setTimeout(tick, this.deps.intervalMs ?? METER_INTERVAL_MS);
      });
    };
    tick();
    return {
      dispose: () => {
        stopped = true;
        timer?.dispose();
      },
    };
  }

  /** The usage of each session at the last reading. */
  usage(): ReadonlyMap<string, SessionUsage> {
    return this.current;
  }

  /**
   * Reads every running session once and announces the result (also what each interval does). Asked
   * while a reading is in flight, it answers that reading's result rather than start another.
   */
  read(): Promise<ReadonlyMap<string, SessionUsage>> {
    if (this.inFlight) return this.inFlight;
    const sessions = this.deps.sessions();
    if (sessions.length === 0 && this.previous.size === 0) return Promise.resolve(this.current);
    const reading = this.readOnce(sessions).finally(() => {
      this.inFlight = undefined;
    });
    this.inFlight = reading;
    return reading;
  }

  private async readOnce(sessions: readonly MeteredSession[]): Promise<ReadonlyMap<string, SessionUsage>> {
    const at = this.deps.clock.now();
    const readings = await this.deps.meter.read(sessions);
    const next = new Map<string, { readonly at: number; readonly readings: readonly ProcessReading[] }>();
    const usage = new Map<string, SessionUsage>();
    for (const [id, tree] of readings) {
      next.set(id, { at, readings: tree });
      const before = this.previous.get(id);
      const elapsed = before ? at - before.at : 0;
      const cpuPercent = before && elapsed > 0 ? (100 * cpuUsedBetween(before.readings, tree)) / elapsed : undefined;
      usage.set(id, { id, ...treeTotals(tree), ...(cpuPercent !== undefined ? { cpuPercent: Math.round(cpuPercent * 10) / 10 } : {}) });
    }
    this.previous = next;
    this.current = usage;
    this.deps.onReading(usage);
    return usage;
  }
}
