import { describe, expect, it } from 'vitest';
import { TerminalQueryFilter } from './terminal-queries';
import { TerminalText } from './terminal-text';

describe('TerminalQueryFilter', () => {
  const queries = ['\x1b[c', '\x1b[>c', '\x1b[0c', '\x1b[6n', '\x1b[?6n', '\x1b[?2026$p', '\x1b[>q', '\x1b[?u', '\x1b[14t', '\x1b]11;?\x07', '\x1b]10;?\x1b\\', '\x1bP$qm\x1b\\', '\x1bP+q544e\x1b\\'];

  it('takes every query out and leaves the rest as it was', () => {
    const filter = new TerminalQueryFilter();
    const text = `a${queries.join('b')}\x1b[31mred\x1b[0m\x1b]0;title\x07\x1b[?1049h\x1b[>1u\x1b[8;24;80t`;
    expect(filter.push(text)).toBe(`a${'b'.repeat(queries.length - 1)}\x1b[31mred\x1b[0m\x1b]0;title\x07\x1b[?1049h\x1b[>1u\x1b[8;24;80t`);
  });

  it('finds a query split across chunks, and holds back only what may still be one', () => {
    const text = 'left\x1b[6nright\x1b]11;?\x07end';
    for (let cut = 1; cut < text.length; cut++) {
      const filter = new TerminalQueryFilter();
      expect(filter.push(text.slice(0, cut)) + filter.push(text.slice(cut))).toBe('leftrightend');
    }
  });
});

describe('TerminalText', () => {
  it('keeps the text and drops escapes and carriage returns, across chunk boundaries', () => {
    const bytes = new TextEncoder().encode('\x1b[1mbold\x1b[0m é\r\n\x1b]0;t\x07next\x1b(Bline\n');
    for (let cut = 1; cut < bytes.length; cut++) {
      const text = new TerminalText();
      expect(text.push(bytes.subarray(0, cut)) + text.push(bytes.subarray(cut)) + text.flush()).toBe('bold é\nnextline\n');
    }
  });
});
