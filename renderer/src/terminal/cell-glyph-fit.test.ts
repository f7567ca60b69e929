import { describe, expect, it } from 'vitest';
import { cellGlyphFit, cellGlyphRuns, hasCellGlyph } from './cell-glyph-fit';

describe('cell glyphs', () => {
  it('tells box-drawing and block characters from the rest, in runs', () => {
    expect(hasCellGlyph('ab│c')).toBe(true);
    expect(hasCellGlyph('⏵ ⎿ ␉ plain')).toBe(false);
    expect(cellGlyphRuns('│ > hi ██▀▄')).toEqual([
      { text: '│', cell: true },
      { text: ' > hi ', cell: false },
      { text: '██▀▄', cell: true },
    ]);
  });

  it('stretches the full block from the top of the row to its bottom, overlapping each neighbour by half a pixel', () => {
    // A 17 px row, a font of ascent 12 and descent 3 (a 1 px half-leading), and a block of 12 up and 3 down.
    const { scale, shift } = cellGlyphFit({ rowHeight: 17, fontAscent: 12, fontDescent: 3, blockAscent: 12, blockDescent: 3 });
    const map = (y: number) => shift + scale * y;
    const baseline = 1 + 12;
    expect(map(baseline - 12)).toBeCloseTo(-0.5);
    expect(map(baseline + 3)).toBeCloseTo(17.5);
  });

  it('leaves glyphs as they are when nothing was measured', () => {
    expect(cellGlyphFit({ rowHeight: 0, fontAscent: 0, fontDescent: 0, blockAscent: 0, blockDescent: 0 })).toEqual({ scale: 1, shift: 0 });
  });
});
