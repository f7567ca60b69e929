import { describe, expect, it } from 'vitest';
import { FakeClock } from '../testing/fake-clock';
import { EchoFirst } from './echo-first';

function world() {
  const clock = new FakeClock();
  const echo = new EchoFirst({ clock, waitMs: 50, pauseMs: 400 });
  const ran: string[] = [];
  return { clock, echo, ran, hold: (name: string) => echo.hold(() => ran.push(name)) };
}

describe('EchoFirst', () => {
  it('runs what it is given at once while the user is not typing', () => {
    const { clock, echo, hold, ran } = world();
    hold('repaint');
    expect(ran).toEqual(['repaint']);
    echo.typed({});
    clock.advance(400);
    hold('later');
    expect(ran).toEqual(['repaint', 'later']);
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
    clock.frame();
    expect(ran).toEqual(['a', 'b']);
  });

  it('while the user types, holds what falls due between two echoes until the next one, so it is drawn right after an echo', () => {
    const { clock, echo, hold, ran } = world();
    const pane = {};
    echo.typed(pane);
    clock.advance(3);
    echo.parsed(pane);
    clock.frame();
    clock.advance(100);
    hold('between keys');
    clock.advance(50);
    expect(ran).toEqual([]);
    echo.typed(pane);
    clock.advance(3);
    expect(ran).toEqual([]);
    echo.parsed(pane);
    clock.frame();
    expect(ran).toEqual(['between keys']);
  });

  it('runs what waits once the typing pauses, echo or not', () => {
    const { clock, echo, hold, ran } = world();
    const pane = {};
    echo.typed(pane);
    echo.parsed(pane);
    clock.frame();
    clock.advance(200);
    hold('a');
    clock.advance(199);
    expect(ran).toEqual([]);
    clock.advance(1);
    expect(ran).toEqual(['a']);
    hold('b');
    expect(ran).toEqual(['a', 'b']);
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
  });

  it('never holds anything longer than pauseMs after the last keystroke, in a pane that never echoes', () => {
    const { clock, echo, hold, ran } = world();
    const pane = {};
    for (let key = 0; key < 5; key++) {
      echo.typed(pane);
      clock.advance(60);
      hold(`after key ${key}`);
      clock.advance(40);
    }
    // Each key's wait for its echo ended 50 ms after it, running what waited then; the last one waits for the pause.
    expect(ran).toEqual(['after key 0', 'after key 1', 'after key 2', 'after key 3']);
    clock.advance(299);
    expect(ran).toHaveLength(4);
    clock.advance(1);
    expect(ran).toHaveLength(5);
  });
});
