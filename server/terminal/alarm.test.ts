import { describe, expect, it } from 'vitest';
import { ManualScheduler } from '../../adapters/memory/manual-scheduler';
import { Alarm } from './alarm';

function world() {
  const scheduler = new ManualScheduler();
  const start = scheduler.now();
  const fired: number[] = [];
  const alarm = new Alarm(scheduler, scheduler, () => fired.push(scheduler.now() - start));
  return { scheduler, alarm, fired };
}

describe('Alarm', () => {
  it('fires once, at the earliest time asked for', () => {
    const { scheduler, alarm, fired } = world();
    alarm.within(50);
    alarm.within(80);
    alarm.within(20);
    scheduler.advance(100);
    expect(fired).toEqual([20]);
  });

  it('can be asked again once it has fired', () => {
    const { scheduler, alarm, fired } = world();
    alarm.within(10);
    scheduler.advance(10);
    alarm.within(10);
    scheduler.advance(10);
    expect(fired).toEqual([10, 20]);
  });

  it('never fires once disposed, even when asked again', () => {
    const { scheduler, alarm, fired } = world();
    alarm.within(10);
    alarm.dispose();
    alarm.within(5);
    scheduler.advance(50);
    expect(fired).toEqual([]);
    expect(scheduler.pending).toBe(0);
  });
});
