import { describe, expect, it } from 'vitest';
import { InMemoryProcessMeter } from '../adapters/memory/in-memory-process-meter';
import { ManualScheduler } from '../adapters/memory/manual-scheduler';
import type { ProcessMeter } from '../domain/ports/process-meter.port';
import type { MeteredSession, ProcessReading } from '../domain/process-usage';
import { ResourceMonitor, type SessionUsage } from './resource-monitor';

function world(sessions: MeteredSession[], meterOf: (table: InMemoryProcessMeter) => ProcessMeter = (table) => table) {
  const table = new InMemoryProcessMeter();
  const scheduler = new ManualScheduler();
  const readings: ReadonlyMap<string, SessionUsage>[] = [];
  const monitor = new ResourceMonitor({ meter: meterOf(table), clock: scheduler, scheduler, sessions: () => sessions, onReading: (usage) => readings.push(usage), intervalMs: 3000 });
  return { meter: table, scheduler, readings, monitor };
}

/** A meter whose every read waits until the test lets it answer, counting the reads asked for. */
class HeldMeter implements ProcessMeter {
  asked = 0;
  private readonly held: (() => void)[] = [];

  constructor(private readonly table: ProcessMeter) {}

  read(sessions: readonly MeteredSession[]): Promise<ReadonlyMap<string, readonly ProcessReading[]>> {
    this.asked++;
    return new Promise((resolve) => this.held.push(() => void this.table.read(sessions).then(resolve)));
  }

  answer(): void {
    for (const release of this.held.splice(0)) release();
  }
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('ResourceMonitor', () => {
  it('reports memory at once and CPU percent of one core from the second reading on', async () => {
    const { meter, scheduler, readings, monitor } = world([{ id: 'a', pid: 10 }]);
    meter.run({ pid: 10, parentPid: 1, rssBytes: 100 }).run({ pid: 11, parentPid: 10, rssBytes: 50 });
    const running = monitor.start();
    await scheduler.advanceAsync(0);
    expect(readings.at(-1)?.get('a')).toEqual({ id: 'a', rssBytes: 150, processes: 2 });
    meter.use(10, { cpuMs: 1500 }).use(11, { cpuMs: 1500 });
    await scheduler.advanceAsync(3000);
    expect(readings.at(-1)?.get('a')).toEqual({ id: 'a', rssBytes: 150, processes: 2, cpuPercent: 100 });
    running.dispose();
    await scheduler.advanceAsync(30_000);
    expect(readings).toHaveLength(2);
  });

  it('counts a process started between two readings, and drops a session whose processes ended', async () => {
    const { meter, scheduler, monitor } = world([{ id: 'a', pid: 10 }, { id: 'b', pid: 20 }]);
    meter.run({ pid: 10, parentPid: 1 }).run({ pid: 20, parentPid: 1 });
    monitor.start();
    await scheduler.advanceAsync(0);
    meter.run({ pid: 12, parentPid: 10, cpuMs: 600, rssBytes: 7 }).end(20);
    await scheduler.advanceAsync(3000);
    expect(monitor.usage()).toEqual(new Map([['a', { id: 'a', cpuPercent: 20, rssBytes: 7, processes: 2 }]]));
  });

  it('reads nothing while no agent runs', async () => {
    const { readings, monitor, scheduler } = world([]);
    monitor.start();
    await scheduler.advanceAsync(10_000);
    expect(readings).toEqual([]);
  });

  it('keeps one reading in flight: a slow table is not read again until the reading ends, and the next interval starts then', async () => {
    let held: HeldMeter | undefined;
    const { meter, scheduler, readings, monitor } = world([{ id: 'a', pid: 10 }], (table) => (held = new HeldMeter(table)));
    meter.run({ pid: 10, parentPid: 1, rssBytes: 5 });
    monitor.start();
    await scheduler.advanceAsync(10_000);
    const asked = monitor.read();
    expect(held!.asked).toBe(1);
    held!.answer();
    expect((await asked).get('a')?.rssBytes).toBe(5);
    expect(readings).toHaveLength(1);
    await scheduler.advanceAsync(2999);
    expect(held!.asked).toBe(1);
    await scheduler.advanceAsync(1);
    expect(held!.asked).toBe(2);
    held!.answer();
    await settle();
    expect(readings).toHaveLength(2);
  });
});
