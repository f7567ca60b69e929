import type { Disposable } from '../../domain/ports/disposable';
import type { Scheduler } from '../../domain/ports/scheduler.port';

/** Real timers. Unref'd: a pending debounce or backoff must not keep a quitting process alive. */
export class NodeScheduler implements Scheduler {
  setTimeout(fn: () => void, ms: number): Disposable {
    const timer = setTimeout(fn, Math.max(0, ms));
    timer.unref?.();
    return { dispose: () => clearTimeout(timer) };
  }

  nextTurn(fn: () => void): void {
    setImmediate(fn);
  }
}
