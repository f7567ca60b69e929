import { describe, expect, it } from 'vitest';
import { FakeClock } from '../testing/fake-clock';
import { EchoFirst } from './echo-first';

function world() {
  const clock = new FakeClock();
  const echo = new EchoFirst({ clock, waitMs: 50 });
  const ran: string[] = [];
  return { clock, echo, ran, hold: (name: string) => echo.hold(() => ran.push(name)) };
}

describe('EchoFirst', () => {
  it('runs what it is given at once while no keystroke awaits its echo', () => {
    const { hold, ran } = world();
    hold('repaint');
    expect(ran).toEqual(['repaint']);
  });

  it('holds it from a keystroke until the pane typed in has parsed its echo and the echo’s frame begins, then runs all of it together', () => {
    const { clock, echo, hold, ran } = world();
    const typedIn = {};
    const other = {};
    echo.typed(typedIn);
    hold('a');
    hold('b');
    // Another pane's output is not the echo.
    echo.parsed(other);
    expect(ran).toEqual([]);
    echo.parsed(typedIn);
    expect(ran).toEqual([]);
    // The echo is parsed: nothing waits any more, and what waited goes in the frame that draws the echo.
    hold('c');
    expect(ran).toEqual(['c']);
    clock.frame();
    expect(ran).toEqual(['c', 'a', 'b']);
  });

  it('waits for an echo no longer than waitMs from the first keystroke unanswered, however many follow', () => {
    const { clock, echo, hold, ran } = world();
    const pane = {};
    echo.typed(pane);
    hold('a');
    clock.advance(30);
    echo.typed(pane);
    clock.advance(19);
    expect(ran).toEqual([]);
    clock.advance(1);
    expect(ran).toEqual(['a']);
    // The next keystroke waits anew.
    echo.typed(pane);
    hold('b');
    expect(ran).toEqual(['a']);
    echo.parsed(pane);
    clock.frame();
    expect(ran).toEqual(['a', 'b']);
    clock.advance(100);
    clock.frame();
    expect(ran).toEqual(['a', 'b']);
  });
});
