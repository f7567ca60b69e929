import type { Clock } from '../../domain/ports/clock.port';
import type { Disposable } from '../../domain/ports/disposable';
import type { Scheduler } from '../../domain/ports/scheduler.port';

/** One timer that runs `fire` at the earliest time asked for since it last fired: asking for a later time changes nothing. */
export class Alarm {
  private timer: Disposable | undefined;
  private at = Infinity;
  private disposed = false;

  constructor(
    private readonly clock: Clock,
    private readonly scheduler: Scheduler,
    private readonly fire: () => void,
  ) {}

  within(ms: number): void {
    if (this.disposed) return;
    const at = this.clock.now() + ms;
    if (this.timer !== undefined && this.at <= at) return;
    this.timer?.dispose();
    this.at = at;
    this.timer = this.scheduler.setTimeout(() => {
      this.timer = undefined;
      this.fire();
    }, ms);
  }

  /** Cancels the timer; asking again afterwards does nothing. */
  dispose(): void {
    this.disposed = true;
    this.timer?.dispose();
    this.timer = undefined;
  }
}
