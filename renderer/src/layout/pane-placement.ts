import { findPane, findPaneWith, gridOf, panesOf, setContent, splitPane, type LayoutNode, type PaneContent } from './layout-tree';

/**
 * Where a pane the app opens goes (a launched agent's terminal, a new skill's editor) when no pane
 * shows it yet and the focused pane is not empty: every pane re-tiled into an even grid, a new column
 * beside the focused pane, a new row below it, or in its place (what it showed keeps running).
 */
export type NewPanePlacement = 'grid' | 'column' | 'row' | 'replace';

export const NEW_PANE_PLACEMENTS: readonly NewPanePlacement[] = ['grid', 'column', 'row', 'replace'];

/** The part of the layout a placement reads. */
export interface PlacementInput {
  readonly root: LayoutNode | null;
  readonly focused?: string;
  readonly maximized?: string;
  readonly focusRequest: number;
  readonly newPanes: NewPanePlacement;
  /** Editor panes with unsaved text: never replaced. */
  readonly dirty: Readonly<Record<string, true>>;
}

/** The pane that shows the content, and the layout after placing it. */
export interface Placement {
  readonly paneId: string;
  readonly next: { readonly root: LayoutNode | null; readonly focused: string; readonly maximized: string | undefined; readonly focusRequest: number };
}

/**
 * Where `content` goes: the pane that already shows it (focused, un-maximizing any other), else the
 * focused pane if it is empty, else where the user's `newPanes` choice puts a new pane. Pure.
 */
export function placeContent(
  layout: PlacementInput,
  content: PaneContent,
  matches: (c: PaneContent) => boolean,
  newId: () => string,
): Placement {
  const { root, focused, maximized, focusRequest, newPanes: mode } = layout;
  const existing = findPaneWith(root, matches);
  if (existing) {
    const keepMaximized = maximized && maximized !== existing.id ? undefined : maximized;
    return { paneId: existing.id, next: { root, focused: existing.id, maximized: keepMaximized, focusRequest: focusRequest + 1 } };
  }
  const id = newId();
  const pane = { type: 'pane' as const, id, content };
  if (!root) return { paneId: id, next: { root: pane, focused: id, maximized: undefined, focusRequest: focusRequest + 1 } };
  const target = (focused && findPane(root, focused)) || panesOf(root)[panesOf(root).length - 1]!;
  const into = (next: LayoutNode, paneId: string): Placement => ({ paneId, next: { root: next, focused: paneId, maximized: undefined, focusRequest: focusRequest + 1 } });
  // An empty pane is waiting for content (in the grid, any empty pane); an editor with unsaved text is never replaced.
  if (target.content.kind === 'empty' || (mode === 'replace' && !layout.dirty[target.id])) return into(setContent(root, target.id, content), target.id);
  const waiting = mode === 'grid' ? findPaneWith(root, (c) => c.kind === 'empty') : undefined;
  if (waiting) return into(setContent(root, waiting.id, content), waiting.id);
  if (mode === 'column') return into(splitPane(root, target.id, 'row', pane, newId()), id);
  if (mode === 'row') return into(splitPane(root, target.id, 'column', pane, newId()), id);
  return into(gridOf([...panesOf(root), pane], newId)!, id);
}
