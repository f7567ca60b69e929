import type { TerminalClock } from './clock';
import './dom-cursor-blink.css';

/** On the pane's host: xterm's own blink animation is off and this module blinks the cursor. */
const BLINKS_CLASS = 'tessera-cursor-blinks';
/** On the pane's host during the half of each blink the cursor is hidden. */
const HIDDEN_CLASS = 'tessera-cursor-hidden';
/** Each half of a blink: xterm's animation shows the cursor for half a second, then hides it for half a second. */
export const CURSOR_BLINK_HALF_MS = 500;

/** The parts of an xterm Terminal the blink needs. */
export interface BlinkingTerminal {
  readonly textarea: HTMLTextAreaElement | undefined;
  readonly buffer: { readonly active: { readonly cursorY: number } };
  onRender(listener: (range: { start: number; end: number }) => void): { dispose(): void };
}

/**
 * Blinks the cursor of xterm's DOM renderer under `host` with a class, twice a second, while the
 * terminal has the keyboard. xterm blinks it with an endless CSS animation of colours and shadows,
 * which only the page's main thread can run: for as long as a terminal has the keyboard, the page
 * then draws every frame, sixty a second, and every pane's other work waits behind those frames. A
 * class toggled every half second draws two small frames a second instead.
 * As with xterm's animation, the cursor shows at once and stays for a full half when its row is
 * drawn again (typing keeps it visible). The WebGL renderer blinks by itself and draws no rows, so
 * the classes change nothing there. Returns the undo.
 */
export function blinkDomCursor(host: HTMLElement, term: BlinkingTerminal, clock: TerminalClock): () => void {
  host.classList.add(BLINKS_CLASS);
  let timer: unknown;
  const setHidden = (hidden: boolean) => host.classList.toggle(HIDDEN_CLASS, hidden);
  const stop = () => {
    if (timer !== undefined) clock.clearTimer(timer);
    timer = undefined;
    setHidden(false);
  };
  const tick = (hide: boolean) => {
    setHidden(hide);
    timer = clock.setTimer(() => tick(!hide), CURSOR_BLINK_HALF_MS);
  };
  const restart = () => {
    stop();
    tick(false);
  };
  const focused = () => term.textarea !== undefined && term.textarea === term.textarea.ownerDocument.activeElement;
  const rendered = term.onRender(({ start, end }) => {
    const row = term.buffer.active.cursorY;
    if (timer !== undefined && row >= start && row <= end) restart();
  });
  const textarea = term.textarea;
  textarea?.addEventListener('focus', restart);
  textarea?.addEventListener('blur', stop);
  if (focused()) restart();
  return () => {
    stop();
    rendered.dispose();
    textarea?.removeEventListener('focus', restart);
    textarea?.removeEventListener('blur', stop);
    host.classList.remove(BLINKS_CLASS);
  };
}
