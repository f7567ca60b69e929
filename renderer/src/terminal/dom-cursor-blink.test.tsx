import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../testing/fake-clock';
import { blinkDomCursor, CURSOR_BLINK_HALF_MS, type BlinkingTerminal } from './dom-cursor-blink';

/** A terminal's host with the textarea xterm takes the keyboard with, and a way to say which rows it drew. */
function fakeTerminal() {
  const host = document.createElement('div');
  const textarea = document.createElement('textarea');
  host.append(textarea);
  document.body.append(host);
  const listeners: Array<(range: { start: number; end: number }) => void> = [];
  const term: BlinkingTerminal & { buffer: { active: { cursorY: number } } } = {
    textarea,
    buffer: { active: { cursorY: 3 } },
    onRender(listener) {
      listeners.push(listener);
      return { dispose: () => listeners.splice(listeners.indexOf(listener), 1) };
    },
  };
  const render = (start: number, end: number) => listeners.forEach((l) => l({ start, end }));
  const hidden = () => host.classList.contains('tessera-cursor-hidden');
  return { host, textarea, term, render, hidden, listeners };
}

describe('blinkDomCursor', () => {
  const undo: Array<() => void> = [];
  afterEach(() => {
    undo.splice(0).forEach((u) => u());
    document.body.replaceChildren();
  });

  it('hides and shows the cursor every half second while the terminal has the keyboard, and stops when it loses it', () => {
    const { host, textarea, term, hidden } = fakeTerminal();
    const clock = new FakeClock();
    undo.push(blinkDomCursor(host, term, clock));
    expect(host.classList.contains('tessera-cursor-blinks')).toBe(true);
    clock.advance(5 * CURSOR_BLINK_HALF_MS);
    expect(hidden()).toBe(false);

    textarea.focus();
    const seen: boolean[] = [];
    for (let i = 0; i < 4; i++) {
      seen.push(hidden());
      clock.advance(CURSOR_BLINK_HALF_MS);
    }
    expect(seen).toEqual([false, true, false, true]);

    textarea.blur();
    expect(hidden()).toBe(false);
    clock.advance(3 * CURSOR_BLINK_HALF_MS);
    expect(hidden()).toBe(false);
  });

  it('starts blinking at once for a terminal that already has the keyboard', () => {
    const { host, textarea, term, hidden } = fakeTerminal();
    textarea.focus();
    const clock = new FakeClock();
    undo.push(blinkDomCursor(host, term, clock));
    clock.advance(CURSOR_BLINK_HALF_MS);
    expect(hidden()).toBe(true);
  });

  it('shows the cursor for a full half again when its row is drawn, and not for other rows', () => {
    const { host, textarea, term, render, hidden } = fakeTerminal();
    const clock = new FakeClock();
    undo.push(blinkDomCursor(host, term, clock));
    textarea.focus();
    clock.advance(CURSOR_BLINK_HALF_MS);
    expect(hidden()).toBe(true);

    render(0, 2);
    expect(hidden()).toBe(true);
    render(2, 5);
    expect(hidden()).toBe(false);
    clock.advance(CURSOR_BLINK_HALF_MS - 1);
    expect(hidden()).toBe(false);
    clock.advance(1);
    expect(hidden()).toBe(true);
  });

  it('leaves the host as it found it and no timer behind once undone', () => {
    const { host, textarea, term, hidden, listeners } = fakeTerminal();
    const clock = new FakeClock();
    const stop = blinkDomCursor(host, term, clock);
    textarea.focus();
    clock.advance(CURSOR_BLINK_HALF_MS);
    stop();
    expect(host.className).toBe('');
    expect(listeners).toHaveLength(0);
    clock.advance(4 * CURSOR_BLINK_HALF_MS);
    expect(hidden()).toBe(false);
    textarea.blur();
    textarea.focus();
    clock.advance(CURSOR_BLINK_HALF_MS);
    expect(hidden()).toBe(false);
  });
});
