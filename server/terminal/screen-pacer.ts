import type { OutputScheduler, PriorityMember } from './output-scheduler';

export interface ScreenPacing {
  readonly resyncMs: number;
  readonly screenCostMs: number;
  readonly floodWatermark: number;
}

/**
 * When a view set aside during a flood gets its next screen, and whether the flood is still on.
 * Screens of several sessions are spread over time, each on its own phase of the period (given by
 * the output scheduler), and put off while the user types in another session: sent together, many
 * flooding panes' screens make one long frame in the page, and a key typed then waits for all of it.
 */
export class ScreenPacer {
  constructor(
    private readonly pacing: ScreenPacing,
    private readonly priority: OutputScheduler | undefined,
    private readonly member: PriorityMember,
  ) {}

  /**
   * The next screen after `since`: every `resyncMs`, or `screenCostMs` times the number of sessions
   * flooding if longer (the page then paints about as many screens a second however many flood), at
   * this session's phase of that period, and not before the typing in another session stops.
   */
  nextScreenAt(since: number): number {
    const every = Math.max(this.pacing.resyncMs, (this.priority?.floodingCount ?? 1) * this.pacing.screenCostMs);
    const offset = (this.priority?.phaseOf(this.member) ?? 0) * every;
    const tick = (Math.floor((since - offset) / every) + 1) * every + offset;
    return Math.max(tick, this.priority?.yieldingUntil(this.member) ?? tick);
  }

  /**
   * Whether a session that produced `produced` (in parse cost) in the `elapsed` ms since a view's
   * last screen still floods: more than `floodWatermark` per `resyncMs`. The last screen may be a
   * moment or seconds ago (it was put off by typing elsewhere), so the rate is what counts.
   */
  stillFloods(produced: number, elapsed: number): boolean {
    return produced > (this.pacing.floodWatermark * Math.max(elapsed, 1)) / this.pacing.resyncMs;
  }

  /** Whether a view set aside now may get the screen at once: not while the user types in another session (the page's time goes to the echo). */
  get screenNow(): boolean {
    return this.priority?.yieldingUntil(this.member) === undefined;
  }

  /** Tells the output scheduler whether this session shows some views screens instead of its output. */
  flooding(flooding: boolean): void {
    this.priority?.setFlooding(this.member, flooding);
  }
}
