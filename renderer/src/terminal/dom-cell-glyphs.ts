import { cellGlyphFit, cellGlyphRuns, hasCellGlyph } from './cell-glyph-fit';
import './cell-glyphs.css';

const CELL_GLYPH_CLASS = 'tessera-cell-glyph';
const ROWS_CLASS = 'xterm-rows';

/**
 * Joins box-drawing and block characters from row to row in xterm's DOM renderer under `host`:
 * each run of them in a row xterm paints goes into a span that cell-glyphs.css stretches by the fit
 * of cell-glyph-fit.ts, measured again whenever the rows' height or a font changes. xterm rebuilds a
 * row's spans on every paint, so each new span is looked at once; the WebGL renderer paints no rows.
 * Returns the undo.
 */
export function joinCellGlyphs(host: HTMLElement): () => void {
  let fittedFor = '';
  const fit = (rows: HTMLElement, rowHeight: string) => {
    if (fittedFor === rowHeight) return;
    fittedFor = rowHeight;
    const style = getComputedStyle(rows);
    const fontSize = parseFloat(style.fontSize);
    const ctx = document.createElement('canvas').getContext('2d');
    if (!ctx || !(fontSize > 0)) return;
    ctx.font = `${style.fontSize} ${style.fontFamily}`;
    const font = ctx.measureText('█');
    const block = blockInk(style.fontFamily);
    if (!block) return;
    const { scale, shift } = cellGlyphFit({
      rowHeight: parseFloat(rowHeight),
      // The line box places the baseline with the font's ascent and descent in whole pixels.
      fontAscent: Math.round(font.fontBoundingBoxAscent),
      fontDescent: Math.round(font.fontBoundingBoxDescent),
      blockAscent: block.ascent * fontSize,
      blockDescent: block.descent * fontSize,
    });
    rows.style.setProperty('--tessera-cell-scale', String(scale));
    rows.style.setProperty('--tessera-cell-shift', `${shift}px`);
  };
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      const row = record.target;
      const rows = row.parentElement;
      if (!(row instanceof HTMLElement) || !rows?.classList.contains(ROWS_CLASS)) continue;
      for (const node of record.addedNodes) {
        if (node instanceof HTMLSpanElement && hasCellGlyph(node.textContent ?? '')) {
          fit(rows, row.style.height);
          node.replaceChildren(...cellGlyphRuns(node.textContent ?? '').map((run) => (run.cell ? cellGlyphSpan(run.text) : document.createTextNode(run.text))));
        }
      }
    }
  });
  observer.observe(host, { childList: true, subtree: true });
  // A font that loads changes what the glyphs measure.
  const refit = () => (fittedFor = '');
  document.fonts?.addEventListener('loadingdone', refit);
  return () => {
    observer.disconnect();
    document.fonts?.removeEventListener('loadingdone', refit);
  };
}

const PROBE_PX = 200;

/**
 * How far the full block's ink reaches above and below the baseline, per pixel of font size: read
 * from the pixels of one drawn large (text metrics round a glyph's bounds outwards by whole pixels).
 */
function blockInk(fontFamily: string): { ascent: number; descent: number } | undefined {
  const canvas = document.createElement('canvas');
  canvas.width = PROBE_PX;
  canvas.height = 2 * PROBE_PX;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return undefined;
  ctx.font = `${PROBE_PX}px ${fontFamily}`;
  ctx.fillText('█', 0, PROBE_PX);
  const alpha = ctx.getImageData(PROBE_PX / 4, 0, 1, canvas.height).data;
  let top = -1;
  let bottom = -1;
  for (let y = 0; y < canvas.height; y++) {
    if ((alpha[y * 4 + 3] ?? 0) < 128) continue;
    if (top < 0) top = y;
    bottom = y + 1;
  }
  return top < 0 ? undefined : { ascent: (PROBE_PX - top) / PROBE_PX, descent: (bottom - PROBE_PX) / PROBE_PX };
}

function cellGlyphSpan(text: string): HTMLSpanElement {
  const span = document.createElement('span');
  span.className = CELL_GLYPH_CLASS;
  span.textContent = text;
  return span;
}
