import { describe, expect, it } from 'vitest';
import { hasBidiControl, printable, printableLine } from './printable';

describe('printable', () => {
  it('removes whole escape sequences, so no colour, title or cursor command reaches a terminal', () => {
    expect(printable('a\u001b[31mred\u001b[0m b')).toBe('ared b');
    expect(printable('x\u001b]0;owned\u0007y')).toBe('xy');
    expect(printable('x\u001b]8;;http://evil\u001b\\link\u001b]8;;\u001b\\y')).toBe('xlinky');
    expect(printable('x\u001bcy')).toBe('xy');
    expect(printable('x\u009b2Jy')).toBe('xy');
  });

  it('removes the other C0 and C1 controls and DEL, keeping line breaks and tabs', () => {
    expect(printable('a\u0000b\u0007c\u007fd\u0085e\r\nf\tg')).toBe('abcde\nf\tg');
  });

  it('removes bidirectional controls, so a name cannot read backwards', () => {
    expect(printable('adm\u202etab.exe')).toBe('admtab.exe');
    expect(printable('\u2066a\u2069\u200f')).toBe('a');
  });

  it('keeps ordinary text of any script as it is', () => {
    expect(printable('Prüfer — レビュー 🚀')).toBe('Prüfer — レビュー 🚀');
  });

  it('makes one line of a multi-line message, so a file cannot forge a log line', () => {
    expect(printableLine('bad\n[tessera] all good\r\nreally\u2028x')).toBe('bad [tessera] all good really x');
  });
});

describe('hasBidiControl', () => {
  it('finds the overrides and isolates and nothing else', () => {
    expect(hasBidiControl('adm\u202etab.exe')).toBe(true);
    expect(hasBidiControl('\u2067x')).toBe(true);
    expect(hasBidiControl('שלום world')).toBe(false);
  });
});
