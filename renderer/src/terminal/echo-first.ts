import type { TerminalClock } from './clock';

/**
 * Keeps the page's background drawing out of the way of the echo of what the user types. After a pane
 * sends the user's input, what is given to `hold` waits until that pane has parsed output (its echo)
 * and the frame that draws it has begun, or until `waitMs` passes without an echo, and then runs all
 * together, in one task: its repaints fall into the next frame, and the echo's frame draws little else.
 * The first keystroke still unanswered sets the deadline, so typing delays a background repaint by at
 * most `waitMs` and a frame each time, and never starves it.
 */
export class EchoFirst {
  private awaiting: object | undefined;
  private timer: unknown;
  private held: Array<() => void> = [];

  constructor(private readonly options: { readonly clock: Pick<TerminalClock, 'setTimer' | 'clearTimer' | 'requestFrame'>; readonly waitMs: number }) {}

  /** `pane` sent the user's input to its session. */
  typed(pane: object): void {
    if (this.awaiting !== undefined) return;
    this.awaiting = pane;
    this.timer = this.options.clock.setTimer(() => EchoFirst.run(this.end()), this.options.waitMs);
  }

  /** `pane` parsed output. */
  parsed(pane: object): void {
    if (this.awaiting !== pane) return;
    const held = this.end();
    // Requested after the echo's own repaint, so it runs in that frame, before its drawing.
    this.options.clock.requestFrame(() => EchoFirst.run(held));
  }

  /** Runs `fn` now, or once the echo awaited has come. */
  hold(fn: () => void): void {
    if (this.awaiting === undefined) fn();
    else this.held.push(fn);
  }

  /** Stops waiting and hands over what waited. */
  private end(): Array<() => void> {
    if (this.timer !== undefined) this.options.clock.clearTimer(this.timer);
    this.timer = undefined;
    this.awaiting = undefined;
    const held = this.held;
    this.held = [];
    return held;
  }

  private static run(held: ReadonlyArray<() => void>): void {
    for (const fn of held) fn();
  }
}
