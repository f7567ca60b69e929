import headless from '@xterm/headless';
import type { IParser } from '@xterm/xterm';
import { describe, expect, it } from 'vitest';
import { leaveQueriesToHost } from './queries-left-to-host';

/** What an xterm.js terminal sends back for `output`, with or without the queries left to the host. */
async function replies(output: string, leftToHost: boolean): Promise<string[]> {
  const term = new headless.Terminal({ cols: 40, rows: 5, allowProposedApi: true, logLevel: 'off' });
  // The page's xterm.js and the headless one share their parser: the same hooks apply to both.
  if (leftToHost) leaveQueriesToHost(term.parser as unknown as IParser);
  const sent: string[] = [];
  term.onData((data) => sent.push(data));
  await new Promise<void>((resolve) => term.write(output, resolve));
  const screen = term.buffer.active.getLine(0)?.translateToString(true) ?? '';
  term.dispose();
  return [...sent, `screen:${screen}`];
}

const QUERIES = 'x\x1b[c\x1b[>c\x1b[5n\x1b[6n\x1b[?6n\x1b[?2004$p\x1b[4$p\x1bP$qm\x1b\\y';

describe('leaveQueriesToHost', () => {
  it('leaves a view answering none of the queries xterm.js answers, and still drawing what surrounds them', async () => {
    const answered = await replies(QUERIES, false);
    expect(answered.length).toBeGreaterThan(6);
    expect(await replies(QUERIES, true)).toEqual(['screen:xy']);
  });

  it('takes colour sequences that ask, and passes on those that set a colour', () => {
    const osc = new Map<number, (data: string) => boolean>();
    const none = { dispose: () => undefined };
    const parser = {
      registerCsiHandler: () => none,
      registerDcsHandler: () => none,
      registerEscHandler: () => none,
      registerOscHandler: (ident: number, handler: (data: string) => boolean) => (osc.set(ident, handler), none),
    } as unknown as IParser;
    leaveQueriesToHost(parser);
    expect([...osc.keys()].sort((a, b) => a - b)).toEqual([4, 10, 11, 12]);
    expect(osc.get(11)?.('?')).toBe(true);
    expect(osc.get(10)?.('#ffffff;?')).toBe(true);
    expect(osc.get(4)?.('1;?')).toBe(true);
    expect(osc.get(11)?.('#102030')).toBe(false);
    expect(osc.get(4)?.('1;rgb:ff/00/00')).toBe(false);
  });
});
