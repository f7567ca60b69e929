import { describe, expect, it } from 'vitest';
import { keepPanes } from './keep-panes';
import { gridOf, panesOf, type LayoutNode, type PaneNode } from './layout-tree';

const terminal = (id: string, agent: string): PaneNode => ({ type: 'pane', id, content: { kind: 'terminal', agent } });
const editor: PaneNode = { type: 'pane', id: 'e', content: { kind: 'editor', file: { kind: 'skill', name: 'review', scope: 'project' } } };
const row = (id: string, first: LayoutNode, second: LayoutNode): LayoutNode => ({ type: 'split', id, direction: 'row', ratio: 0.5, first, second });

function ids() {
  let n = 0;
  return () => `n${++n}`;
}

describe('keepPanes', () => {
  it('changes nothing when every pane to keep is there with its content', () => {
    const next = row('s', terminal('a', 'ada'), editor);
    expect(keepPanes({ previous: next, next, keep: [editor], newPanes: 'grid', newId: ids() })).toEqual({ root: next, kept: [] });
  });

  it('with nothing of its old place left, joins the even grid when new panes go there', () => {
    const newId = ids();
    const next = row('t', terminal('a', 'ada'), terminal('b', 'bea'));
    const { root, kept } = keepPanes({ previous: editor, next, keep: [editor], newPanes: 'grid', newId });
    expect(kept).toEqual([editor]);
    expect(root).toEqual(gridOf([terminal('a', 'ada'), terminal('b', 'bea'), editor], ids()));
  });

  it('with nothing of its old place left, opens in a new row below the focused pane when new panes go there', () => {
    const next = row('t', terminal('a', 'ada'), terminal('b', 'bea'));
    const { root } = keepPanes({ previous: editor, next, keep: [editor], focused: 'a', newPanes: 'row', newId: ids() });
    expect(root).toEqual(row('t', { type: 'split', id: 'n1', direction: 'column', ratio: 0.5, first: terminal('a', 'ada'), second: editor }, terminal('b', 'bea')));
  });

  it('comes back alone into an empty layout', () => {
    expect(keepPanes({ previous: row('s', terminal('a', 'ada'), editor), next: null, keep: [editor], newPanes: 'grid', newId: ids() }).root).toEqual(editor);
  });

  it('takes its id back from a split that now holds it, keeping every pane of that split', () => {
    const next = row('e', terminal('a', 'ada'), terminal('b', 'bea'));
    const { root } = keepPanes({ previous: row('s', terminal('a', 'ada'), editor), next, keep: [editor], newPanes: 'grid', newId: ids() });
    expect(panesOf(root).map((pane) => pane.id).sort()).toEqual(['a', 'b', 'e']);
    expect(panesOf(root).find((pane) => pane.id === 'e')).toEqual(editor);
  });
});
