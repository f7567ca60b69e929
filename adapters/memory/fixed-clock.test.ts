import { describe, expect, it } from 'vitest';
import { clockContract } from '../contracts/clock.contract';
import { FixedClock } from './fixed-clock';

clockContract('FixedClock', () => new FixedClock());

describe('FixedClock', () => {
  it('moves only when a test advances it', () => {
    const clock = new FixedClock(1000);
    expect(clock.now()).toBe(1000);
    clock.advance(250);
    expect(clock.now()).toBe(1250);
  });
});
