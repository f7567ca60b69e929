import { describe, expect, it } from 'vitest';
import { terminalMirrorContract } from '../contracts/terminal-mirror.contract';
import { XtermHeadlessMirror, XtermHeadlessMirrorFactory } from './xterm-headless-mirror';

terminalMirrorContract('XtermHeadlessMirror', () => new XtermHeadlessMirrorFactory());

describe('XtermHeadlessMirror', () => {
  it('interprets escape sequences: colours are kept in the serialized form, not on the screen text', async () => {
    const mirror = new XtermHeadlessMirror({ cols: 30, rows: 3 });
    mirror.write('\x1b[31mred\x1b[0m plain\r\n');
    expect((await mirror.screenText()).split('\n')[0]).toBe('red plain');
    expect(await mirror.serialize()).toMatch(/\x1b\[31mred/);
  });

  it('redraws the same screen on a fresh terminal from its serialized form', async () => {
    const source = new XtermHeadlessMirror({ cols: 30, rows: 4 });
    source.write('one\r\n\x1b[1mtwo\x1b[0m\r\nthree');
    const copy = new XtermHeadlessMirror({ cols: 30, rows: 4 });
    copy.write(await source.serialize());
    expect(await copy.screenText()).toBe(await source.screenText());
  });

  it('keeps up with a flood in the writer\'s turn: more than xterm\'s 50 MB queue limit is parsed, none discarded', async () => {
    const mirror = new XtermHeadlessMirror({ cols: 80, rows: 4 }, 10);
    const chunk = `${'a'.repeat(1023)}\n`.repeat(1024);
    // A queued parser would hold all of this at once and throw "write data discarded" past 50 MB.
    for (let i = 0; i < 52; i++) mirror.write(chunk);
    mirror.write('\r\nlast line');
    expect((await mirror.screenText()).split('\n').at(-1)).toBe('last line');
  });
});
