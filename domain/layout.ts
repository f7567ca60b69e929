import { err, ok, type Result } from './result';

/**
 * The tiled layout: a binary tree of splits whose leaves are panes.
 * Persisted per project in `.tessera/layout.json` (versioned), with its revision (LoadedLayout).
 */
export type PaneContent =
  | { readonly kind: 'terminal'; readonly agent: string }
  | { readonly kind: 'editor'; readonly file: EditorTarget }
  | { readonly kind: 'empty' };

export type EditorTarget =
  | { readonly kind: 'agent'; readonly slug: string }
  | { readonly kind: 'skill'; readonly name: string; readonly scope: 'project' | 'global' };

export type LayoutNode =
  | { readonly type: 'pane'; readonly id: string; readonly content: PaneContent }
  | {
      readonly type: 'split';
      readonly id: string;
      /** row: children side by side; column: stacked. */
      readonly direction: 'row' | 'column';
      /** Share of the first child, strictly between 0 and 1. */
      readonly ratio: number;
      readonly first: LayoutNode;
      readonly second: LayoutNode;
    };

export const LAYOUT_VERSION = 1;

export interface Layout {
  readonly version: typeof LAYOUT_VERSION;
  readonly root: LayoutNode | null;
  readonly focused?: string;
  readonly maximized?: string;
  /** Agents whose terminal was open when the layout was saved are relaunched on reopen when true. */
  readonly relaunchOnOpen?: boolean;
}

export const emptyLayout = (): Layout => ({ version: LAYOUT_VERSION, root: null });

export type LayoutError = {
  readonly kind: 'layout-invalid';
  readonly reason: string;
  /** Set by a store that kept a copy of a file it could not load (e.g. "layout.json.bak"), so a later save loses nothing. */
  readonly backup?: string;
};

/**
 * A layout file as loaded: the layout, and what had to be repaired to use it (one sentence each:
 * the problem, then what was done). The file itself is not changed by loading.
 */
export interface LoadedLayout {
  readonly layout: Layout;
  readonly repaired: readonly string[];
  /** The file's revision (layoutRevisionOf). */
  readonly revision: number;
}

/**
 * Several windows show one project's layout, and each saves the whole tree. Every save names the
 * revision it was made from and is written only if that is still the file's revision, as the next
 * one: so a window can never write over a layout it has not seen, and each revision is one save.
 * A file without a revision (written before revisions, or by hand) is revision 0.
 */
export type LayoutStale = {
  readonly kind: 'layout-stale';
  /** The file's revision, which the refused save was not made from. */
  readonly revision: number;
};

/** The revision a decoded layout.json holds: its "revision" when that is a whole number from 0, else 0. */
export function layoutRevisionOf(data: unknown): number {
  const revision = typeof data === 'object' && data !== null ? (data as { revision?: unknown }).revision : undefined;
  return isRevision(revision) ? revision : 0;
}

export function isRevision(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Ratios a file may hold are clamped into this range: a pane of 5% is still there to drag back. */
export const MIN_LAYOUT_RATIO = 0.05;

/** Rules a layout must keep wherever it comes from (the renderer, or a file on disk). */
export function validateLayout(layout: Layout): Result<Layout, LayoutError> {
  const ids = new Set<string>();
  const terminals = new Set<string>();
  const problems: string[] = [];
  const walk = (node: LayoutNode, depth: number): void => {
    if (depth > 64) {
      problems.push('nested deeper than 64 levels');
      return;
    }
    if (ids.has(node.id)) problems.push(`pane id "${node.id}" is used twice`);
    ids.add(node.id);
    if (node.type === 'split') {
      if (!(node.ratio > 0 && node.ratio < 1)) problems.push(`split "${node.id}" has ratio ${node.ratio}, outside (0,1)`);
      walk(node.first, depth + 1);
      walk(node.second, depth + 1);
      return;
    }
    if (node.content.kind === 'terminal') {
      if (terminals.has(node.content.agent)) problems.push(`agent "${node.content.agent}" has two terminal panes`);
      terminals.add(node.content.agent);
    }
  };
  if (layout.root) walk(layout.root, 0);
  if (layout.focused !== undefined && !ids.has(layout.focused)) problems.push(`focused pane "${layout.focused}" is not in the tree`);
  if (layout.maximized !== undefined && !ids.has(layout.maximized)) problems.push(`maximized pane "${layout.maximized}" is not in the tree`);
  const first = problems[0];
  return first === undefined ? ok(layout) : err({ kind: 'layout-invalid', reason: first });
}

/** Every leaf of the tree, left to right / top to bottom. */
export function panesOf(node: LayoutNode | null): Extract<LayoutNode, { type: 'pane' }>[] {
  if (!node) return [];
  if (node.type === 'pane') return [node];
  return [...panesOf(node.first), ...panesOf(node.second)];
}
