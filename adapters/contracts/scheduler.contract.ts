import { describe, expect, it } from 'vitest';
import type { Scheduler } from '../../domain/ports/scheduler.port';

export interface SchedulerFixture {
  readonly scheduler: Scheduler;
  /** Lets at least `ms` of the scheduler's time pass. */
  wait(ms: number): Promise<void>;
}

/** The Scheduler port's behaviour, for the real timers and the manual ones. */
export function schedulerContract(name: string, make: () => SchedulerFixture): void {
  describe(`Scheduler contract: ${name}`, () => {
    it('runs a timer once its delay has passed, not before', async () => {
      const { scheduler, wait } = make();
      const fired: string[] = [];
      scheduler.setTimeout(() => fired.push('late'), 60);
      scheduler.setTimeout(() => fired.push('soon'), 0);
      await wait(5);
      expect(fired).toEqual(['soon']);
      await wait(120);
      expect(fired).toEqual(['soon', 'late']);
    });

    it('never runs a disposed timer, and disposing a fired one is harmless', async () => {
      const { scheduler, wait } = make();
      const fired: string[] = [];
      const cancelled = scheduler.setTimeout(() => fired.push('cancelled'), 20);
      const done = scheduler.setTimeout(() => fired.push('done'), 0);
      cancelled.dispose();
      await wait(60);
      done.dispose();
      expect(fired).toEqual(['done']);
    });

    it('runs a next-turn callback later than the call, and before a timer due after it', async () => {
      const { scheduler, wait } = make();
      const fired: string[] = [];
      scheduler.setTimeout(() => fired.push('timer'), 20);
      scheduler.nextTurn(() => fired.push('turn'));
      expect(fired).toEqual([]);
      await wait(60);
      expect(fired).toEqual(['turn', 'timer']);
    });

    it('fires timers in the order they fall due', async () => {
      const { scheduler, wait } = make();
      const fired: number[] = [];
      for (const ms of [40, 10, 25]) scheduler.setTimeout(() => fired.push(ms), ms);
      await wait(100);
      expect(fired).toEqual([10, 25, 40]);
    });
  });
}
