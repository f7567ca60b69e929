import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { EMULATOR_VERSION } from './terminal-answers';
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

describe('XtermHeadlessMirror answers', () => {
  async function repliesTo(output: string): Promise<string[]> {
    const mirror = new XtermHeadlessMirror({ cols: 40, rows: 5 });
    const replies: string[] = [];
    mirror.onReply((reply) => replies.push(reply));
    mirror.write(output);
    await mirror.screenText();
    return replies;
  }

  it('answers the colour queries with the default palette, each asked slot once', async () => {
    expect(await repliesTo('\x1b]11;?\x07')).toEqual(['\x1b]11;rgb:1717/1818/1b1b\x1b\\']);
    expect(await repliesTo('\x1b]10;?;?\x1b\\')).toEqual(['\x1b]10;rgb:d6d6/d8d8/dcdc\x1b\\\x1b]11;rgb:1717/1818/1b1b\x1b\\']);
    expect(await repliesTo('\x1b]12;?\x07')).toEqual(['\x1b]12;rgb:e8e8/e8e8/e8e8\x1b\\']);
    expect(await repliesTo('\x1b]4;1;?;196;?\x07')).toEqual(['\x1b]4;1;rgb:f0f0/6868/6a6a\x1b\\\x1b]4;196;rgb:ffff/0000/0000\x1b\\']);
  });

  it('answers nothing when a program sets a colour instead of asking', async () => {
    expect(await repliesTo('\x1b]11;#000000\x07\x1b]4;1;#ff0000\x07')).toEqual([]);
  });

  it('answers the second device attributes, the mode requests, the status report and the version', async () => {
    expect(await repliesTo('\x1b[>c\x1b[?2004$p\x1b[5n\x1b[>q')).toEqual(['\x1b[>0;276;0c', '\x1b[?2004;2$y', '\x1b[0n', '\x1bP>|xterm.js(6.0.0)\x1b\\']);
  });

  it('names the xterm.js version that is installed', () => {
    const installed = (JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@xterm/headless/package.json'), 'utf8')) as { version: string }).version;
    expect(EMULATOR_VERSION).toBe(`xterm.js(${installed})`);
  });
});
