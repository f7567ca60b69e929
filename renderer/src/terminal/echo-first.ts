import type { TerminalClock } from './clock';

/**
 * Keeps the page's background drawing out of the way of the echo of what the user types. One frame
 * drawing every background pane takes longer than a keystroke's round trip, and an echo that arrives
 * during it waits for its end; a background pane drawn a little late is not seen.
 *
 * What is given to `hold` waits while the user is typing (a keystroke less than `pauseMs` ago) and runs
 * right after an echo: once the pane typed in has parsed output and the frame that draws it has begun,
 * all of it together, in one task, so its repaints fall into the frame after the echo's, in the gap
 * before the next keystroke rather than anywhere in it. Nothing waits longer than the next of these: an
 * echo; `waitMs` after the first keystroke still unanswered (a program that does not echo); the end of
 * the typing (`pauseMs` without a keystroke). Typing therefore never starves the background panes: they
 * are drawn after every echo, or at the latest `pauseMs` after the last keystroke.
 */
export class EchoFirst {
  private awaiting: object | undefined;
  private echoTimer: unknown;
  /** Until when the user counts as typing. */
  private typingUntil = -Infinity;
  private pauseTimer: unknown;
  private held: Array<() => void> = [];

  constructor(private readonly options: { readonly clock: Pick<TerminalClock, 'now' | 'setTimer' | 'clearTimer' | 'requestFrame'>; readonly waitMs: number; readonly pauseMs: number }) {}

  /** `pane` sent the user's input to its session. */
  typed(pane: object): void {
    const { clock, pauseMs, waitMs } = this.options;
    this.typingUntil = clock.now() + pauseMs;
    if (this.pauseTimer !== undefined) clock.clearTimer(this.pauseTimer);
    this.pauseTimer = clock.setTimer(() => {
      this.pauseTimer = undefined;
      this.release();
    }, pauseMs);
    if (this.awaiting !== undefined) return;
    this.awaiting = pane;
    this.echoTimer = clock.setTimer(() => {
      this.echoTimer = undefined;
      this.awaiting = undefined;
      this.release();
    }, waitMs);
  }

  /** `pane` parsed output. */
  parsed(pane: object): void {
    if (this.awaiting !== pane) return;
    this.awaiting = undefined;
    if (this.echoTimer !== undefined) this.options.clock.clearTimer(this.echoTimer);
    this.echoTimer = undefined;
    const held = this.take();
    // Requested after the echo's own repaint, so it runs in that frame, before its drawing.
    this.options.clock.requestFrame(() => EchoFirst.run(held));
  }

  /** Runs `fn` now, or after the next echo (or the end of the wait for it). */
  hold(fn: () => void): void {
    if (this.awaiting === undefined && this.options.clock.now() >= this.typingUntil) fn();
    else this.held.push(fn);
  }

  private release(): void {
    EchoFirst.run(this.take());
  }

  private take(): Array<() => void> {
    const held = this.held;
    this.held = [];
    return held;
  }

  private static run(held: ReadonlyArray<() => void>): void {
    for (const fn of held) fn();
  }
}
