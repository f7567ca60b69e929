import { describe, expect, it } from 'vitest';
import { plainTranscript } from './transcript-text';

describe('plainTranscript', () => {
  it('drops colours, cursor moves and window titles but keeps the words', () => {
    expect(plainTranscript('\x1b[1;32mok\x1b[0m done\x1b[2K\r\n\x1b]0;title\x07next')).toBe('ok done\nnext');
  });

  it('shows a line rewritten with carriage returns as it finally read', () => {
    expect(plainTranscript('progress 10%\rprogress 100%\r\nend')).toBe('progress 100%\nend');
    expect(plainTranscript('abcdef\rXY')).toBe('XYcdef');
  });

  it('applies backspaces', () => {
    expect(plainTranscript('helx\blo')).toBe('hello');
  });
});
