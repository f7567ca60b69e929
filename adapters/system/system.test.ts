import { describe, expect, it } from 'vitest';
import { RandomIdGenerator } from './random-id-generator';
import { SystemClock } from './system-clock';

describe('SystemClock', () => {
  it('tells a time that never goes backwards between two reads', () => {
    const clock = new SystemClock();
    const first = clock.now();
    expect(clock.now()).toBeGreaterThanOrEqual(first);
    expect(first).toBeGreaterThan(1_600_000_000_000);
  });
});

describe('RandomIdGenerator', () => {
  it('makes distinct ids that are safe in urls and file names', () => {
    const ids = new RandomIdGenerator();
    const seen = new Set(Array.from({ length: 200 }, () => ids.next()));
    expect(seen.size).toBe(200);
    for (const id of seen) expect(id).toMatch(/^[a-z0-9-]+$/);
  });
});
