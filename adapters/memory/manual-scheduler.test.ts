import { describe, expect, it } from 'vitest';
import { schedulerContract } from '../contracts/scheduler.contract';
import { ManualScheduler } from './manual-scheduler';

schedulerContract('ManualScheduler', () => {
  const scheduler = new ManualScheduler();
  return { scheduler, wait: async (ms) => scheduler.advance(ms) };
});

describe('ManualScheduler', () => {
  it('shows each timer the time it fell due, and runs timers set by timers within the same advance', () => {
    const scheduler = new ManualScheduler();
    const start = scheduler.now();
    const seen: number[] = [];
    scheduler.setTimeout(() => {
      seen.push(scheduler.now() - start);
      scheduler.setTimeout(() => seen.push(scheduler.now() - start), 30);
    }, 50);
    scheduler.advance(100);
    expect(seen).toEqual([50, 80]);
    expect(scheduler.now() - start).toBe(100);
  });

  it('lets promises started by a timer settle before the next one fires', async () => {
    const scheduler = new ManualScheduler();
    const log: string[] = [];
    scheduler.setTimeout(() => void Promise.resolve().then(() => log.push('async work')), 10);
    scheduler.setTimeout(() => log.push('next timer'), 20);
    await scheduler.advanceAsync(30);
    expect(log).toEqual(['async work', 'next timer']);
  });
});
