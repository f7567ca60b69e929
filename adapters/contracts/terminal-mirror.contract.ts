import { describe, expect, it } from 'vitest';
import type { TerminalMirrorFactory } from '../../domain/ports/terminal-mirror.port';

export function terminalMirrorContract(name: string, make: () => TerminalMirrorFactory): void {
  describe(`TerminalMirror contract: ${name}`, () => {
    it('shows written lines on its screen, one row per line, trailing spaces trimmed', async () => {
      const mirror = make().create({ cols: 40, rows: 4 });
      mirror.write('first line   \r\nsecond');
      const screen = await mirror.screenText();
      expect(screen.split('\n')).toEqual(['first line', 'second', '', '']);
    });

    it('includes every write made before the read, however many are pending', async () => {
      const mirror = make().create({ cols: 20, rows: 3 });
      for (let i = 0; i < 200; i++) mirror.write(`line ${i}\r\n`);
      mirror.write('last');
      expect((await mirror.screenText()).split('\n')).toEqual(['line 198', 'line 199', 'last']);
    });

    it('reads exactly the output written before the call, even when more is written before it resolves', async () => {
      const mirror = make().create({ cols: 30, rows: 4 });
      mirror.write('before');
      const snapshot = mirror.screenText();
      mirror.write(' after');
      expect((await snapshot).split('\n')[0]).toBe('before');
      expect((await mirror.screenText()).split('\n')[0]).toBe('before after');
    });

    it('reads the lines that scrolled off above the screen when asked, as many as it keeps and no more', async () => {
      const mirror = make().create({ cols: 20, rows: 3 });
      for (let i = 0; i < 10; i++) mirror.write(`line ${i}\r\n`);
      mirror.write('prompt');
      expect((await mirror.screenText({ scrollbackLines: 4 })).split('\n')).toEqual(['line 4', 'line 5', 'line 6', 'line 7', 'line 8', 'line 9', 'prompt']);
      expect((await mirror.screenText({ scrollbackLines: 0 })).split('\n')).toEqual(['line 8', 'line 9', 'prompt']);
      const all = (await mirror.screenText({ scrollbackLines: 1000 })).split('\n');
      expect(all[0]).toBe('line 0');
      expect(all.at(-1)).toBe('prompt');
      expect(all).toHaveLength(11);
    });

    it('keeps the screen when resized, and wraps later output at the new width', async () => {
      const mirror = make().create({ cols: 40, rows: 3 });
      mirror.write('kept\r\n');
      mirror.resize({ cols: 5, rows: 3 });
      mirror.write('abcdefgh');
      expect((await mirror.screenText()).split('\n')).toEqual(['kept', 'abcde', 'fgh']);
    });

    it('serializes to text that contains what was written', async () => {
      const mirror = make().create({ cols: 40, rows: 5 });
      mirror.write('hello mirror\r\nline two');
      const serialized = await mirror.serialize();
      expect(serialized).toContain('hello mirror');
      expect(serialized).toContain('line two');
    });

    it('serializes the screen alone when asked to leave out the scrollback', async () => {
      const mirror = make().create({ cols: 40, rows: 3 });
      for (let i = 0; i < 10; i++) mirror.write(`row ${i}\r\n`);
      mirror.write('prompt');
      const full = await mirror.serialize();
      const screen = await mirror.serialize({ scrollback: false });
      expect(full).toContain('row 0');
      expect(screen).not.toContain('row 0');
      expect(screen).not.toContain('row 7');
      expect(screen).toContain('row 8');
      expect(screen).toContain('prompt');
    });

    it('never stays behind: a mirror that said its backlog passed its bound says it caught up once its output is parsed', async () => {
      const mirror = make().create({ cols: 80, rows: 5 });
      const said: boolean[] = [];
      mirror.onBacklog((behind) => said.push(behind));
      for (let i = 0; i < 200; i++) mirror.write(`${'flood '.repeat(12)}${i}\r\n`.repeat(100));
      expect((await mirror.screenText()).split('\n').at(-2)).toContain('199');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(said.at(-1) ?? false).toBe(false);
    });

    it('answers each query in its output once, in the order asked: device attributes, then the cursor position', async () => {
      const mirror = make().create({ cols: 40, rows: 5 });
      const replies: string[] = [];
      mirror.onReply((reply) => replies.push(reply));
      mirror.write('ab\x1b[c');
      mirror.write('\x1b[6n');
      // A reply is given while its query is parsed, so before any read asked for after the write.
      await mirror.screenText();
      expect(replies).toEqual(['\x1b[?1;2c', '\x1b[1;3R']);
    });

    it('says whether bracketed paste, the alternate screen and focus events are on, as of the output written before the call', async () => {
      const mirror = make().create({ cols: 40, rows: 5 });
      expect(await mirror.modes()).toEqual({ bracketedPaste: false, alternateScreen: false, focusEvents: false });
      mirror.write('\x1b[?2004h\x1b[?1049h\x1b[?1004h');
      const all = mirror.modes();
      mirror.write('\x1b[?1049l\x1b[?1004l');
      expect(await all).toEqual({ bracketedPaste: true, alternateScreen: true, focusEvents: true });
      expect(await mirror.modes()).toEqual({ bracketedPaste: true, alternateScreen: false, focusEvents: false });
    });

    it('ignores writes after dispose', async () => {
      const mirror = make().create({ cols: 20, rows: 2 });
      mirror.dispose();
      mirror.write('late');
      mirror.dispose();
      expect(await mirror.screenText()).not.toContain('late');
    });
  });
}
