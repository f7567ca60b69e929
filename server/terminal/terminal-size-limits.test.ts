import { describe, expect, it } from 'vitest';
import { ClientControl } from '../../contract/terminal-stream';
import { clampTerminalSize, TERMINAL_COLS, TERMINAL_ROWS } from '../../contract/terminal-size';
import { MAX_SIZE, MIN_SIZE } from '../../domain/session';
import { clampSize } from '../../domain/terminal-size';

describe('terminal size limits', () => {
  it('are the same in the contract the views speak and in the domain that sizes PTYs', () => {
    expect({ cols: TERMINAL_COLS.min, rows: TERMINAL_ROWS.min }).toEqual(MIN_SIZE);
    expect({ cols: TERMINAL_COLS.max, rows: TERMINAL_ROWS.max }).toEqual(MAX_SIZE);
  });

  it('let a view clamp any measured size into one the stream accepts and the domain keeps as it is', () => {
    for (const [cols, rows] of [
      [0, 0],
      [80.7, 24.2],
      [5000, 5000],
      [-3, 9999],
    ] as const) {
      const size = clampTerminalSize(cols, rows);
      expect(ClientControl.safeParse({ t: 'resize', ...size }).success).toBe(true);
      expect(clampSize(size)).toEqual({ ok: true, value: size });
    }
    expect(ClientControl.safeParse({ t: 'resize', cols: TERMINAL_COLS.max + 1, rows: 10 }).success).toBe(false);
  });
});
