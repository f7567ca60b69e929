import { describe, expect, it } from 'vitest';
import { lineCount, parseCost } from './parse-cost';

describe('parse cost', () => {
  it('counts line feeds', () => {
    expect(lineCount('')).toBe(0);
    expect(lineCount('no newline')).toBe(0);
    expect(lineCount('a\nb\r\nc\n')).toBe(3);
  });

  it('weighs prose by its bytes and short lines by their number', () => {
    const prose = `${'word '.repeat(20)}\n`;
    expect(parseCost(prose.length, lineCount(prose), 48)).toBe(prose.length);
    const yes = 'y\n'.repeat(100);
    expect(parseCost(yes.length, lineCount(yes), 48)).toBe(100 * 48);
    expect(parseCost(10, 1, 4)).toBe(10);
  });
});
