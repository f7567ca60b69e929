import { z } from 'zod';

/**
 * The sizes a terminal may have, in cells: what the host accepts from a view or a method call. The
 * domain clamps sizes from elsewhere into the same range with its own MIN_SIZE and MAX_SIZE (it may
 * not import the contract); server/terminal/terminal-size-limits.test.ts holds the two equal.
 */
export const TERMINAL_COLS = { min: 2, max: 1000 } as const;
export const TERMINAL_ROWS = { min: 1, max: 500 } as const;

export const terminalCols = z.number().int().min(TERMINAL_COLS.min).max(TERMINAL_COLS.max);
export const terminalRows = z.number().int().min(TERMINAL_ROWS.min).max(TERMINAL_ROWS.max);

/** A measured size, in whole cells and within range, so a pane dragged to nothing still sends a size the host accepts. */
export function clampTerminalSize(cols: number, rows: number): { readonly cols: number; readonly rows: number } {
  return {
    cols: Math.max(TERMINAL_COLS.min, Math.min(TERMINAL_COLS.max, Math.floor(cols))),
    rows: Math.max(TERMINAL_ROWS.min, Math.min(TERMINAL_ROWS.max, Math.floor(rows))),
  };
}
