/**
 * Box-drawing and block characters (U+2500..U+259F) are drawn to join their neighbours, but a font
 * draws them only as tall as its own ascent and descent, and a terminal row is taller (its line
 * height): in xterm's DOM renderer, which draws text with the font, rows of them leave gaps. Their
 * glyphs are stretched to the row's full height instead; xterm's WebGL renderer draws them itself.
 */

/** Whether `text` holds a box-drawing or block character. */
export const hasCellGlyph = (text: string): boolean => /[\u2500-\u259f]/.test(text);

/** `text` in runs: box-drawing and block characters (`cell: true`) apart from the rest. */
export function cellGlyphRuns(text: string): Array<{ readonly text: string; readonly cell: boolean }> {
  return (text.match(/[\u2500-\u259f]+|[^\u2500-\u259f]+/g) ?? []).map((run) => ({ text: run, cell: hasCellGlyph(run) }));
}

export interface CellGlyphMetrics {
  /** The row's height (css px). */
  readonly rowHeight: number;
  /** The row font's ascent and descent (css px): with the row's line height they place the baseline. */
  readonly fontAscent: number;
  readonly fontDescent: number;
  /** How far the full block (█) reaches above and below the baseline (css px). */
  readonly blockAscent: number;
  readonly blockDescent: number;
}

/** A row overlap on each side, so anti-aliased edges of two rows meet in full colour. */
const OVERLAP_PX = 0.5;

/**
 * The vertical stretch that maps the full block's extent onto the whole row, from the row's top:
 * `translateY(shift) scaleY(scale)` with the transform's origin at the top of the row.
 */
export function cellGlyphFit(m: CellGlyphMetrics): { readonly scale: number; readonly shift: number } {
  const blockHeight = m.blockAscent + m.blockDescent;
  if (!(blockHeight > 0) || !(m.rowHeight > 0)) return { scale: 1, shift: 0 };
  // The line box centres the font's ascent and descent in the row; the block's top is its ascent above the baseline.
  const baseline = (m.rowHeight - (m.fontAscent + m.fontDescent)) / 2 + m.fontAscent;
  const blockTop = baseline - m.blockAscent;
  const scale = (m.rowHeight + 2 * OVERLAP_PX) / blockHeight;
  return { scale, shift: -OVERLAP_PX - scale * blockTop };
}
