import { describe, expect, it } from 'vitest';
import { isPointerMotionOnly } from './pointer-motion';

const x10 = (button: number, x: number, y: number) => `\x1b[M${String.fromCharCode(32 + button, 32 + x, 32 + y)}`;

describe('isPointerMotionOnly', () => {
  it('knows the pointer moving with no button held, in the SGR and X10 encodings, with modifier keys, several at once', () => {
    expect(isPointerMotionOnly('\x1b[<35;1;1M')).toBe(true);
    expect(isPointerMotionOnly('\x1b[<39;80;24M\x1b[<43;81;24M\x1b[<51;82;24M')).toBe(true);
    expect(isPointerMotionOnly(x10(35, 10, 3))).toBe(true);
    expect(isPointerMotionOnly(x10(35, 10, 3) + '\x1b[<35;11;3M')).toBe(true);
  });

  it('takes clicks, releases, drags and the wheel for the user’s doing', () => {
    for (const report of ['\x1b[<0;5;5M', '\x1b[<0;5;5m', '\x1b[<32;6;5M', '\x1b[<34;6;5M', '\x1b[<64;5;5M', '\x1b[<65;5;5M', x10(0, 5, 5), x10(3, 5, 5), x10(32, 6, 5)]) {
      expect(isPointerMotionOnly(report), JSON.stringify(report)).toBe(false);
    }
  });

  it('takes anything else written along with the moves, or nothing, for typing', () => {
    expect(isPointerMotionOnly('')).toBe(false);
    expect(isPointerMotionOnly('a')).toBe(false);
    expect(isPointerMotionOnly('\x1b[<35;1;1Ma')).toBe(false);
    expect(isPointerMotionOnly('\x1b[<35;1;1')).toBe(false);
    expect(isPointerMotionOnly('\x1b[I')).toBe(false);
    expect(isPointerMotionOnly('\x1b[M#')).toBe(false);
  });
});
