import type { Clock } from '../../domain/ports/clock.port';

/** A clock tests move by hand. */
export class FixedClock implements Clock {
  constructor(private current = 1_700_000_000_000) {}

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
