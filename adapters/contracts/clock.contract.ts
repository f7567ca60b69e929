import { describe, expect, it } from 'vitest';
import type { Clock } from '../../domain/ports/clock.port';

/** What every Clock promises: epoch milliseconds that never run backwards. */
export function clockContract(name: string, make: () => Clock): void {
  describe(`Clock contract: ${name}`, () => {
    it('tells epoch milliseconds as a finite whole number', () => {
      const now = make().now();
      expect(Number.isFinite(now)).toBe(true);
      expect(Number.isInteger(now)).toBe(true);
      expect(now).toBeGreaterThan(0);
    });

    it('never goes backwards between reads', () => {
      const clock = make();
      let last = clock.now();
      for (let i = 0; i < 1000; i += 1) {
        const next = clock.now();
        expect(next).toBeGreaterThanOrEqual(last);
        last = next;
      }
    });
  });
}
