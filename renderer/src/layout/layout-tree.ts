import type { LayoutNodeDto } from '../../../contract/contract';

/**
 * Pure operations on the split tree. Every operation returns a new tree and leaves the
 * input untouched, so the store can compare by reference and React re-renders only what changed.
 */
export type LayoutNode = LayoutNodeDto;
export type PaneNode = Extract<LayoutNode, { type: 'pane' }>;
export type SplitNode = Extract<LayoutNode, { type: 'split' }>;
export type PaneContent = PaneNode['content'];
export type EditorTarget = Extract<PaneContent, { kind: 'editor' }>['file'];
export type Direction = SplitNode['direction'];

/** A split never gives either side less than this share; the view also enforces a pixel minimum. */
export const MIN_RATIO = 0.05;

export function panesOf(node: LayoutNode | null): PaneNode[] {
  if (!node) return [];
  if (node.type === 'pane') return [node];
  return [...panesOf(node.first), ...panesOf(node.second)];
}

export function findPane(node: LayoutNode | null, id: string): PaneNode | undefined {
  return panesOf(node).find((pane) => pane.id === id);
}

export function findPaneWith(node: LayoutNode | null, predicate: (content: PaneContent) => boolean): PaneNode | undefined {
  return panesOf(node).find((pane) => predicate(pane.content));
}

/** The split directly above a node, if any. */
export function parentOf(node: LayoutNode | null, id: string): SplitNode | undefined {
  if (!node || node.type === 'pane') return undefined;
  if (node.first.id === id || node.second.id === id) return node;
  return parentOf(node.first, id) ?? parentOf(node.second, id);
}

/**
 * Replaces pane `paneId` by a split holding it and `newPane`, the new pane after it (right or
 * below). `direction` 'row' puts them side by side, 'column' stacks them.
 */
export function splitPane(node: LayoutNode, paneId: string, direction: Direction, newPane: PaneNode, splitId: string): LayoutNode {
  return mapNode(node, paneId, (pane) => ({ type: 'split', id: splitId, direction, ratio: 0.5, first: pane, second: newPane }));
}

/**
 * Puts `pane` beside node `anchorId` (a pane or a split): a new split in `direction` holding both,
 * the pane first (`before`) or second, with `ratio` the first one's share.
 */
export function insertBeside(node: LayoutNode, anchorId: string, direction: Direction, pane: PaneNode, side: 'before' | 'after', splitId: string, ratio = 0.5): LayoutNode {
  return mapNode(node, anchorId, (anchor) =>
    side === 'before'
      ? { type: 'split', id: splitId, direction, ratio: clampRatio(ratio), first: pane, second: anchor }
      : { type: 'split', id: splitId, direction, ratio: clampRatio(ratio), first: anchor, second: pane },
  );
}

/** Gives node `id` (a pane or a split) the id `to`; its content and children stay. */
export function renameNode(node: LayoutNode, id: string, to: string): LayoutNode {
  return mapNode(node, id, (found) => ({ ...found, id: to }));
}

/** Removes a pane; its sibling takes the parent split's place. Closing the last pane leaves null. */
export function closePane(node: LayoutNode | null, paneId: string): LayoutNode | null {
  if (!node) return null;
  if (node.type === 'pane') return node.id === paneId ? null : node;
  if (node.first.id === paneId && node.first.type === 'pane') return node.second;
  if (node.second.id === paneId && node.second.type === 'pane') return node.first;
  const first = closePane(node.first, paneId);
  const second = closePane(node.second, paneId);
  if (first === node.first && second === node.second) return node;
  if (!first) return second;
  if (!second) return first;
  return { ...node, first, second };
}

export function setRatio(node: LayoutNode, splitId: string, ratio: number): LayoutNode {
  const clamped = clampRatio(ratio);
  return mapNode(node, splitId, (split) => (split.type === 'split' && split.ratio !== clamped ? { ...split, ratio: clamped } : split));
}

export function setContent(node: LayoutNode, paneId: string, content: PaneContent): LayoutNode {
  return mapNode(node, paneId, (pane) => (pane.type === 'pane' ? { ...pane, content } : pane));
}

export function clampRatio(ratio: number): number {
  if (!Number.isFinite(ratio)) return 0.5;
  return Math.min(1 - MIN_RATIO, Math.max(MIN_RATIO, ratio));
}

/** The pane `step` places after (1) or before (-1) `paneId` in reading order, wrapping around. */
export function neighbourPane(node: LayoutNode | null, paneId: string | undefined, step: 1 | -1): string | undefined {
  const ids = panesOf(node).map((pane) => pane.id);
  if (ids.length === 0) return undefined;
  const index = paneId === undefined ? -1 : ids.indexOf(paneId);
  if (index < 0) return step === 1 ? ids[0] : ids[ids.length - 1];
  return ids[(index + step + ids.length) % ids.length];
}

export function sameEditorTarget(a: EditorTarget, b: EditorTarget): boolean {
  if (a.kind === 'agent' && b.kind === 'agent') return a.slug === b.slug;
  if (a.kind === 'skill' && b.kind === 'skill') return a.name === b.name && a.scope === b.scope;
  return false;
}

/** Every id in the tree (panes and splits share one namespace in layout.json). */
export function idsOf(node: LayoutNode | null): Set<string> {
  const ids = new Set<string>();
  const walk = (n: LayoutNode) => {
    ids.add(n.id);
    if (n.type === 'split') {
      walk(n.first);
      walk(n.second);
    }
  };
  if (node) walk(node);
  return ids;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface DividerGeometry {
  split: SplitNode;
  /** The area the split divides, as fractions of the whole layout. */
  area: Rect;
}

/**
 * Flattens the tree into rectangles (fractions of the layout area). The view positions every pane
 * absolutely from these so that splitting or closing a neighbour never re-mounts a pane: its
 * terminal and its editor (with unsaved text) survive every layout change.
 */
export function geometryOf(node: LayoutNode | null): { panes: Map<string, Rect>; dividers: DividerGeometry[] } {
  const panes = new Map<string, Rect>();
  const dividers: DividerGeometry[] = [];
  const walk = (n: LayoutNode, area: Rect) => {
    if (n.type === 'pane') {
      panes.set(n.id, area);
      return;
    }
    dividers.push({ split: n, area });
    if (n.direction === 'row') {
      const w = area.w * n.ratio;
      walk(n.first, { ...area, w });
      walk(n.second, { ...area, x: area.x + w, w: area.w - w });
    } else {
      const h = area.h * n.ratio;
      walk(n.first, { ...area, h });
      walk(n.second, { ...area, y: area.y + h, h: area.h - h });
    }
  };
  if (node) walk(node, { x: 0, y: 0, w: 1, h: 1 });
  return { panes, dividers };
}

function mapNode(node: LayoutNode, id: string, change: (node: LayoutNode) => LayoutNode): LayoutNode {
  if (node.id === id) return change(node);
  if (node.type === 'pane') return node;
  const first = mapNode(node.first, id, change);
  const second = mapNode(node.second, id, change);
  return first === node.first && second === node.second ? node : { ...node, first, second };
}

/**
 * `panes` in reading order as an even grid: about as many columns as rows (ceil(sqrt(n)) columns),
 * row lengths differing by at most one (the longer rows first), every row the same height and every
 * pane in a row the same width. Panes keep their ids, so the view moves them without re-mounting.
 */
export function gridOf(panes: readonly PaneNode[], newId: () => string): LayoutNode | null {
  if (panes.length === 0) return null;
  const columns = Math.ceil(Math.sqrt(panes.length));
  const rowCount = Math.ceil(panes.length / columns);
  const shortest = Math.floor(panes.length / rowCount);
  const longer = panes.length % rowCount;
  const rows: LayoutNode[] = [];
  let at = 0;
  for (let row = 0; row < rowCount; row++) {
    const length = shortest + (row < longer ? 1 : 0);
    rows.push(evenChain(panes.slice(at, at + length), 'row', newId));
    at += length;
  }
  return evenChain(rows, 'column', newId);
}

/** Nodes side by side ('row') or stacked ('column'), each given the same share. */
function evenChain(nodes: readonly LayoutNode[], direction: Direction, newId: () => string): LayoutNode {
  const [first, ...rest] = nodes;
  if (!first) throw new Error('evenChain needs a node');
  if (rest.length === 0) return first;
  return { type: 'split', id: newId(), direction, ratio: 1 / nodes.length, first, second: evenChain(rest, direction, newId) };
}
