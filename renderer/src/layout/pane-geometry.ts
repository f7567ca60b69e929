import type { CSSProperties } from 'react';
import { geometryOf, type LayoutNode, type Rect } from './layout-tree';

/** The whole layout area: where the maximized pane shows. */
export const FULL: Rect = { x: 0, y: 0, w: 1, h: 1 };

/** A fraction as a CSS percentage; four decimals, and `tileBox` rounds the same way so both agree on every pixel. */
export const pct = (n: number): string => `${(n * 100).toFixed(4)}%`;
const rounded = (n: number): number => Number((n * 100).toFixed(4)) / 100;

/** Inner edges get a 1px gap that shows the area's background as the border between panes. */
const gaps = (rect: Rect) => ({ right: rect.x + rect.w < 0.9999 ? 1 : 0, bottom: rect.y + rect.h < 0.9999 ? 1 : 0 });

/** Where a pane's tile sits in the layout area; no rect (hidden behind a maximized pane) places nothing. */
export function paneStyle(rect: Rect | undefined): CSSProperties {
  if (!rect) return {};
  const { right, bottom } = gaps(rect);
  return {
    left: pct(rect.x),
    top: pct(rect.y),
    width: `calc(${pct(rect.w)} - ${right}px)`,
    height: `calc(${pct(rect.h)} - ${bottom}px)`,
  };
}

export interface Box {
  readonly width: number;
  readonly height: number;
}

/** The pixel size `paneStyle(rect)` gives a pane in a layout area of `area` pixels. */
export function tileBox(rect: Rect, area: Box): Box {
  const { right, bottom } = gaps(rect);
  return { width: Math.max(0, area.width * rounded(rect.w) - right), height: Math.max(0, area.height * rounded(rect.h) - bottom) };
}

/**
 * The tile a pane shows in: the whole area when it is the maximized pane, else its own tile, also
 * while another pane is maximized (where it shows once restored). Undefined for a pane not in the tree.
 */
export function shownRect(layout: { readonly root: LayoutNode | null; readonly maximized?: string }, paneId: string): Rect | undefined {
  const rect = geometryOf(layout.root).panes.get(paneId);
  if (!rect) return undefined;
  return layout.maximized === paneId ? FULL : rect;
}
