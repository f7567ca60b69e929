import { describe, expect, it } from 'vitest';
import { findInTranscript, lastRunOf, replayTranscript } from './transcript-replay';

const size = { cols: 40, rows: 10 };

describe('replayTranscript', () => {
  it('drops colours and window titles but keeps the words', async () => {
    expect(await replayTranscript('\x1b[1;32mok\x1b[0m done\x1b[2K\r\n\x1b]0;title\x07next', size)).toEqual(['next']);
    expect(await replayTranscript('\x1b[1;32mok\x1b[0m done\r\n\x1b]0;title\x07next', size)).toEqual(['ok done', 'next']);
  });

  it('shows a line rewritten with carriage returns, backspaces and cursor moves as it finally read', async () => {
    expect(await replayTranscript('progress 10%\rprogress 100%\r\nend', size)).toEqual(['progress 100%', 'end']);
    expect(await replayTranscript('helx\blo', size)).toEqual(['hello']);
    expect(await replayTranscript('one\r\ntwo\x1b[1A\x1b[3DONE\x1b[1B\r\nthree', size)).toEqual(['ONE', 'two', 'three']);
  });

  it('leaves nothing of a pager that used the alternate screen once it quit, and shows no raw keypad escape', async () => {
    const pager = '\x1b[?1049h\x1b=' + Array.from({ length: 9 }, () => '~\r\n').join('') + 'page one\x1b[H\x1b[2Jpage one again\x1b[?1049l\x1b>';
    expect(await replayTranscript(`$ git log\r\n${pager}$ done\r\n`, size)).toEqual(['$ git log', '$ done']);
  });

  it('ends with the full-screen program still on screen when the transcript stops inside it', async () => {
    expect(await replayTranscript('before\r\n\x1b[?1049h\x1b[2J\x1b[Hmenu', size)).toEqual(['before', 'menu']);
  });

  it('starts at the first line with output', async () => {
    expect(await replayTranscript('\r\n── session started ──\r\nhello', size)).toEqual(['── session started ──', 'hello']);
  });

  it('joins a line the terminal wrapped', async () => {
    const long = 'x'.repeat(50);
    expect(await replayTranscript(`${long}\r\nend`, size)).toEqual([long, 'end']);
  });
});

describe('findInTranscript', () => {
  it('finds every occurrence, case-insensitively, in reading order', () => {
    expect(findInTranscript(['Error one', 'fine', 'error, error'], 'ERROR')).toEqual([
      { line: 0, start: 0, end: 5 },
      { line: 2, start: 0, end: 5 },
      { line: 2, start: 7, end: 12 },
    ]);
    expect(findInTranscript(['anything'], '')).toEqual([]);
  });
});

describe('lastRunOf', () => {
  const header = (id: string, size = '') => `\r\n──── Reviewer: session ${id} started 2026-11-21 09:05:03 UTC (profile fake, pid 7${size}) ────\r\n`;

  it('takes the output after the last session header, at the size that header names', () => {
    const raw = `${header('s1', ', 80x24')}first run\r\n${header('s2', ', 132x43')}second run\r\n`;
    expect(lastRunOf(raw)).toEqual({ text: 'second run\r\n', size: { cols: 132, rows: 43 } });
  });

  it('reads a header without a size, and a transcript without a header, as one run of unknown size', () => {
    expect(lastRunOf(`old${header('s1')}only run`)).toEqual({ text: 'only run' });
    expect(lastRunOf('no header at all')).toEqual({ text: 'no header at all' });
  });
});
