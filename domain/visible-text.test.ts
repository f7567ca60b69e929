import { describe, expect, it } from 'vitest';
import { visibleText } from './visible-text';

describe('visibleText', () => {
  it('writes out characters that draw nothing, so a command cannot hide a part of itself', () => {
    expect(visibleText('rm\u200b -rf\u00ad /\ufeff').text).toBe('rm\\u200b -rf\\xad /\\ufeff');
    expect(visibleText('echo \u{e0041}\u{e0042}').text).toBe('echo \\u{e0041}\\u{e0042}');
    expect(visibleText('a\u3164b').text).toBe('a\\u3164b');
  });

  it('keeps text in any script, line breaks and tabs as they are, and still writes out bidirectional controls', () => {
    expect(visibleText('printf "héllo 世界"\n\tdone').text).toBe('printf "héllo 世界"\n\tdone');
    expect(visibleText('\u202eexe.txt').text).toBe('\\u202eexe.txt');
  });

  it('counts an escaped character once against the limit and says how many were left out', () => {
    expect(visibleText('\u200babc', 2)).toEqual({ text: '\\u200ba', omitted: 2 });
  });
});
