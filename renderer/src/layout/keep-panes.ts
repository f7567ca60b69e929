import { findPane, gridOf, idsOf, insertBeside, panesOf, parentOf, renameNode, type LayoutNode, type PaneNode } from './layout-tree';
import type { NewPanePlacement } from './pane-placement';

/** What keepPanes reads of the window besides the trees. */
export interface KeepInput {
  /** The tree the window showed, where the kept panes were. */
  readonly previous: LayoutNode | null;
  /** The tree the window takes up, which may lack them. */
  readonly next: LayoutNode | null;
  /** Panes of `previous` that must stay, each with its id and content (editors with unsaved text). */
  readonly keep: readonly PaneNode[];
  readonly focused?: string;
  readonly newPanes: NewPanePlacement;
  /** A fresh id, not in the tree given (panes and splits share one namespace). */
  readonly newId: (root: LayoutNode | null) => string;
}

/**
 * `next` with every pane of `keep` in it, under its own id and with its own content, so the view
 * that shows it is never re-mounted. A kept pane goes back where it was as best `next` allows:
 * beside the node that was its sibling, as the same split; else beside the nearest pane of that
 * sibling still there; else where new panes open. A pane that now holds other content under the
 * kept id gives that id up (its content moves to a fresh id) and is split beside the kept pane.
 * Returns the tree and the panes that had to be put back.
 */
export function keepPanes({ previous, next, keep, focused, newPanes, newId }: KeepInput): { root: LayoutNode | null; kept: PaneNode[] } {
  let root = next;
  const kept: PaneNode[] = [];
  const reserved = new Set(keep.map((pane) => pane.id));
  const fresh = () => {
    let id = newId(root);
    while (reserved.has(id)) id = newId(root);
    return id;
  };
  for (const pane of keep) {
    const there = findPane(root, pane.id);
    if (there && JSON.stringify(there.content) === JSON.stringify(pane.content)) continue;
    kept.push(pane);
    let displaced: string | undefined;
    if (root && idsOf(root).has(pane.id)) {
      displaced = fresh();
      root = renameNode(root, pane.id, displaced);
    }
    root = putBack(root, pane, displaced);
  }
  return { root, kept };

  function putBack(tree: LayoutNode | null, pane: PaneNode, displaced: string | undefined): LayoutNode {
    if (!tree) return pane;
    const parent = parentOf(previous, pane.id);
    // The split it was in, under its old id where that is free: put back whole, it is the split the other window had.
    const splitId = () => (parent && !idsOf(tree).has(parent.id) && !reserved.has(parent.id) ? parent.id : fresh());
    // The content that took the pane's place stays there, the kept pane beside it, as it was.
    if (displaced && findPane(tree, displaced)) {
      const before = !parent || parent.first.id === pane.id;
      return insertBeside(tree, displaced, parent?.direction ?? 'row', pane, before ? 'before' : 'after', splitId());
    }
    if (parent) {
      const before = parent.first.id === pane.id;
      const sibling = before ? parent.second : parent.first;
      if (idsOf(tree).has(sibling.id)) return insertBeside(tree, sibling.id, parent.direction, pane, before ? 'before' : 'after', splitId(), parent.ratio);
      // The sibling's panes nearest the kept one first.
      const near = before ? panesOf(sibling) : panesOf(sibling).reverse();
      const neighbour = near.find((candidate) => findPane(tree, candidate.id));
      if (neighbour) return insertBeside(tree, neighbour.id, parent.direction, pane, before ? 'before' : 'after', splitId());
    }
    if (newPanes === 'grid') return gridOf([...panesOf(tree), pane], fresh)!;
    const all = panesOf(tree);
    const target = (focused && findPane(tree, focused)) || all[all.length - 1]!;
    // Never in place of another pane: 'replace' opens a new column.
    return insertBeside(tree, target.id, newPanes === 'row' ? 'column' : 'row', pane, 'after', fresh());
  }
}
