import { describe, expect, it } from 'vitest';
import type { LayoutNode } from './layout-tree';
import { FULL, paneStyle, shownRect, tileBox } from './pane-geometry';

const pane = (id: string): LayoutNode => ({ type: 'pane', id, content: { kind: 'empty' } });
const thirds: LayoutNode = { type: 'split', id: 's', direction: 'row', ratio: 1 / 3, first: pane('a'), second: pane('b') };

describe('pane geometry', () => {
  it('sizes a tile as its CSS does: the percentage as written, less the 1px gap on inner edges', () => {
    const rect = { x: 0, y: 0, w: 1 / 3, h: 1 };
    expect(paneStyle(rect)).toMatchObject({ width: 'calc(33.3333% - 1px)', height: 'calc(100.0000% - 0px)' });
    expect(tileBox(rect, { width: 1200, height: 600 })).toEqual({ width: 1200 * 0.333333 - 1, height: 600 });
    expect(tileBox({ x: 1 / 3, y: 0, w: 2 / 3, h: 1 }, { width: 1200, height: 600 }).width).toBeCloseTo(1200 * 0.666667, 6);
  });

  it('shows a pane in its own tile, in the whole area when maximized, and in its tile while another pane is maximized', () => {
    expect(shownRect({ root: thirds }, 'b')).toEqual({ x: 1 / 3, y: 0, w: 1 - 1 / 3, h: 1 });
    expect(shownRect({ root: thirds, maximized: 'a' }, 'a')).toEqual(FULL);
    expect(shownRect({ root: thirds, maximized: 'a' }, 'b')).toEqual({ x: 1 / 3, y: 0, w: 1 - 1 / 3, h: 1 });
    expect(shownRect({ root: thirds }, 'gone')).toBeUndefined();
  });
});
