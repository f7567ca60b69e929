import { describe, expect, it } from 'vitest';
import {
  closePane,
  geometryOf,
  neighbourPane,
  panesOf,
  setRatio,
  splitPane,
  type LayoutNode,
  type PaneNode,
} from './layout-tree';

const pane = (id: string): PaneNode => ({ type: 'pane', id, content: { kind: 'empty' } });

// a | (b / c)
const tree: LayoutNode = {
  type: 'split', id: 's1', direction: 'row', ratio: 0.5, first: pane('a'),
  second: { type: 'split', id: 's2', direction: 'column', ratio: 0.25, first: pane('b'), second: pane('c') },
};

describe('layout tree', () => {
  it('splitting a pane puts the new pane after it and keeps the rest of the tree by reference', () => {
    const next = splitPane(tree, 'c', 'row', pane('d'), 's3');
    expect(panesOf(next).map((p) => p.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(next.type === 'split' && next.first).toBe(tree.type === 'split' && tree.first);
    expect(panesOf(tree).map((p) => p.id)).toEqual(['a', 'b', 'c']);
  });

  it('closing a pane lets its sibling take the whole space of the split', () => {
    const next = closePane(tree, 'b');
    expect(next).toEqual({ type: 'split', id: 's1', direction: 'row', ratio: 0.5, first: pane('a'), second: pane('c') });
    expect(closePane(closePane(next, 'a'), 'c')).toBeNull();
  });

  it('closing an unknown pane returns the same tree', () => {
    expect(closePane(tree, 'nope')).toBe(tree);
  });

  it('keeps ratios away from zero and one', () => {
    const next = setRatio(tree, 's2', 0.999);
    expect(next.type === 'split' && next.second.type === 'split' && next.second.ratio).toBe(0.95);
    expect(setRatio(tree, 's2', 0.25)).toBe(tree);
  });

  it('walks focus through the panes in reading order, wrapping around', () => {
    expect(neighbourPane(tree, 'a', 1)).toBe('b');
    expect(neighbourPane(tree, 'c', 1)).toBe('a');
    expect(neighbourPane(tree, 'a', -1)).toBe('c');
    expect(neighbourPane(tree, undefined, 1)).toBe('a');
    expect(neighbourPane(null, 'a', 1)).toBeUndefined();
  });

  it('lays panes out as fractions of the area following each split ratio', () => {
    const { panes, dividers } = geometryOf(tree);
    expect(panes.get('a')).toEqual({ x: 0, y: 0, w: 0.5, h: 1 });
    expect(panes.get('b')).toEqual({ x: 0.5, y: 0, w: 0.5, h: 0.25 });
    expect(panes.get('c')).toEqual({ x: 0.5, y: 0.25, w: 0.5, h: 0.75 });
    expect(dividers.map((d) => [d.split.id, d.area])).toEqual([
      ['s1', { x: 0, y: 0, w: 1, h: 1 }],
      ['s2', { x: 0.5, y: 0, w: 0.5, h: 1 }],
    ]);
  });
});
