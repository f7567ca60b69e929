/**
 * Ends the server once it has had nothing to do for `idleMs`: no agent running and no client
 * connected. Checked every `pollMs` (a tenth of the delay, at most 5 s), so the server goes at most
 * one poll late; the clock and timers are handed in, so tests drive it without waiting.
 */
export interface IdleWatchDeps {
  readonly idleMs: number;
  readonly busy: () => boolean;
  readonly onIdle: () => void;
  readonly now: () => number;
  readonly setInterval: (fn: () => void, ms: number) => unknown;
  readonly clearInterval: (handle: unknown) => void;
}

export class IdleWatch {
  private idleSince: number | undefined;
  private handle: unknown;
  private fired = false;

  constructor(private readonly deps: IdleWatchDeps) {}

  start(): void {
    this.idleSince = this.deps.busy() ? undefined : this.deps.now();
    const pollMs = Math.max(50, Math.min(5000, Math.floor(this.deps.idleMs / 10)));
    this.handle = this.deps.setInterval(() => this.check(), pollMs);
  }

  /** Checks at once (a client just left, an agent just ended). */
  check(): void {
    if (this.fired) return;
    if (this.deps.busy()) {
      this.idleSince = undefined;
      return;
    }
    const now = this.deps.now();
    this.idleSince ??= now;
    if (now - this.idleSince < this.deps.idleMs) return;
    this.fired = true;
    this.stop();
    this.deps.onIdle();
  }

  stop(): void {
    if (this.handle !== undefined) this.deps.clearInterval(this.handle);
    this.handle = undefined;
  }
}
