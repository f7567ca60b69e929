import { describe, expect, it } from 'vitest';
import { InMemoryProcessMeter } from '../adapters/memory/in-memory-process-meter';
import { ManualScheduler } from '../adapters/memory/manual-scheduler';
import type { MeteredSession } from '../domain/process-usage';
import { ResourceMonitor, type SessionUsage } from './resource-monitor';

function world(sessions: MeteredSession[]) {
  const meter = new InMemoryProcessMeter();
  const scheduler = new ManualScheduler();
  const readings: ReadonlyMap<string, SessionUsage>[] = [];
  const monitor = new ResourceMonitor({ meter, clock: scheduler, scheduler, sessions: () => sessions, onReading: (usage) => readings.push(usage), intervalMs: 3000 });
  return { meter, scheduler, readings, monitor };
}

describe('ResourceMonitor', () => {
  it('reports memory at once and CPU percent of one core from the second reading on', () => {
    const { meter, scheduler, readings, monitor } = world([{ id: 'a', pid: 10 }]);
    meter.run({ pid: 10, parentPid: 1, rssBytes: 100 }).run({ pid: 11, parentPid: 10, rssBytes: 50 });
    const running = monitor.start();
    expect(readings.at(-1)?.get('a')).toEqual({ id: 'a', rssBytes: 150, processes: 2 });
    meter.use(10, { cpuMs: 1500 }).use(11, { cpuMs: 1500 });
    scheduler.advance(3000);
    expect(readings.at(-1)?.get('a')).toEqual({ id: 'a', rssBytes: 150, processes: 2, cpuPercent: 100 });
    running.dispose();
    scheduler.advance(30_000);
    expect(readings).toHaveLength(2);
  });

  it('counts a process started between two readings, and drops a session whose processes ended', () => {
    const { meter, scheduler, monitor } = world([{ id: 'a', pid: 10 }, { id: 'b', pid: 20 }]);
    meter.run({ pid: 10, parentPid: 1 }).run({ pid: 20, parentPid: 1 });
    monitor.start();
    meter.run({ pid: 12, parentPid: 10, cpuMs: 600, rssBytes: 7 }).end(20);
    scheduler.advance(3000);
    expect(monitor.usage()).toEqual(new Map([['a', { id: 'a', cpuPercent: 20, rssBytes: 7, processes: 2 }]]));
  });

  it('reads nothing while no agent runs', () => {
    const { readings, monitor, scheduler } = world([]);
    monitor.start();
    scheduler.advance(10_000);
    expect(readings).toEqual([]);
  });
});
