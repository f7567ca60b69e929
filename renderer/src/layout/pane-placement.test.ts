import { describe, expect, it } from 'vitest';
import { panesOf, type LayoutNode, type PaneContent } from './layout-tree';
import { placeContent, type PlacementInput } from './pane-placement';

const terminal = (agent: string): PaneContent => ({ kind: 'terminal', agent });
const editor: PaneContent = { kind: 'editor', file: { kind: 'agent', slug: 'ada' } };
const isTerminal = (agent: string) => (c: PaneContent) => c.kind === 'terminal' && c.agent === agent;

function ids() {
  let n = 0;
  return () => `n${n++}`;
}

function layoutOf(root: LayoutNode | null, extra: Partial<PlacementInput> = {}): PlacementInput {
  return { root, focused: root ? panesOf(root)[0]!.id : undefined, maximized: undefined, focusRequest: 0, newPanes: 'grid', dirty: {}, ...extra };
}

describe('placeContent', () => {
  it('focuses the pane that already shows the content and leaves the layout as it is', () => {
    const root: LayoutNode = { type: 'pane', id: 'a', content: terminal('ada') };
    const placed = placeContent(layoutOf(root), terminal('ada'), isTerminal('ada'), ids());
    expect(placed.paneId).toBe('a');
    expect(placed.next.root).toBe(root);
    expect(placed.next.focusRequest).toBe(1);
  });

  it('fills the focused empty pane whatever the placement choice', () => {
    const root: LayoutNode = { type: 'pane', id: 'a', content: { kind: 'empty' } };
    const placed = placeContent(layoutOf(root, { newPanes: 'column' }), terminal('ada'), isTerminal('ada'), ids());
    expect(placed.paneId).toBe('a');
    expect(panesOf(placed.next.root).map((p) => p.content)).toEqual([terminal('ada')]);
  });

  it('never replaces an editor with unsaved text: it opens a new pane instead', () => {
    const root: LayoutNode = { type: 'pane', id: 'a', content: editor };
    const placed = placeContent(layoutOf(root, { newPanes: 'replace', dirty: { a: true } }), terminal('ada'), isTerminal('ada'), ids());
    expect(placed.paneId).not.toBe('a');
    expect(panesOf(placed.next.root).map((p) => p.content)).toEqual([editor, terminal('ada')]);
  });

  it('replaces a saved pane in place when the choice is replace', () => {
    const root: LayoutNode = { type: 'pane', id: 'a', content: terminal('bob') };
    const placed = placeContent(layoutOf(root, { newPanes: 'replace' }), terminal('ada'), isTerminal('ada'), ids());
    expect(placed.paneId).toBe('a');
    expect(panesOf(placed.next.root).map((p) => p.content)).toEqual([terminal('ada')]);
  });

  it('splits beside the focused pane for a column and below it for a row', () => {
    const root: LayoutNode = { type: 'pane', id: 'a', content: terminal('bob') };
    const column = placeContent(layoutOf(root, { newPanes: 'column' }), terminal('ada'), isTerminal('ada'), ids());
    const row = placeContent(layoutOf(root, { newPanes: 'row' }), terminal('ada'), isTerminal('ada'), ids());
    expect(column.next.root).toMatchObject({ type: 'split', direction: 'row' });
    expect(row.next.root).toMatchObject({ type: 'split', direction: 'column' });
  });
});
