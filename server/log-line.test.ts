import { describe, expect, it } from 'vitest';
import { logLine } from './log-line';

describe('logLine', () => {
  it('keeps what a file said on one printable line', () => {
    const line = logLine('agents: "x\u001b]0;owned\u0007\n[tessera] fine" is broken', 'because\r\nof \u001b[31mred\u202e');
    expect(line).toBe('[tessera] agents: "x [tessera] fine" is broken: because of red');
  });

  it('gives an error its message on the line and its stack frames below', () => {
    const error = new Error('bad \u001b[2Jthing\nsecond');
    const [first, ...rest] = logLine('router: x threw', error).split('\n');
    expect(first).toBe('[tessera] router: x threw: bad thing second');
    expect(rest.length).toBeGreaterThan(0);
    expect(rest.every((line) => /^\s+at /.test(line))).toBe(true);
  });
});
