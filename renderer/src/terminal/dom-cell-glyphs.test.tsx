import { afterEach, describe, expect, it } from 'vitest';
import { joinCellGlyphs } from './dom-cell-glyphs';

/** The rows of xterm's DOM renderer as it builds them: a container of row divs whose spans it replaces on each paint. */
function domRenderer() {
  const host = document.createElement('div');
  const rows = document.createElement('div');
  rows.className = 'xterm-rows';
  const row = document.createElement('div');
  row.style.height = '17px';
  rows.append(row);
  host.append(rows);
  document.body.append(host);
  const paint = (...texts: string[]) =>
    row.replaceChildren(
      ...texts.map((text) => {
        const span = document.createElement('span');
        span.textContent = text;
        return span;
      }),
    );
  return { host, row, paint };
}

/** MutationObserver callbacks run as microtasks, queued when the row changed. */
const settle = () => Promise.resolve();

describe('joinCellGlyphs', () => {
  const undo: Array<() => void> = [];
  afterEach(() => undo.splice(0).forEach((u) => u()));

  it('puts each run of box-drawing and block characters a row paints in a span of its own, leaving the text as it was', async () => {
    const { host, row, paint } = domRenderer();
    undo.push(joinCellGlyphs(host));
    paint('│ > hello ', '██▀▄', 'plain ⏵ text');
    await settle();
    expect(row.textContent).toBe('│ > hello ██▀▄plain ⏵ text');
    expect([...row.querySelectorAll('.tessera-cell-glyph')].map((s) => s.textContent)).toEqual(['│', '██▀▄']);
    expect(row.children[2]?.children).toHaveLength(0);
  });

  it('leaves rows alone once undone', async () => {
    const { host, row, paint } = domRenderer();
    joinCellGlyphs(host)();
    paint('┼──┼');
    await settle();
    expect(row.querySelectorAll('.tessera-cell-glyph')).toHaveLength(0);
  });
});
