import { useMemo, useRef, type CSSProperties, type KeyboardEvent, type PointerEvent } from 'react';
import { geometryOf, panesOf, type DividerGeometry, type PaneNode, type Rect } from '../../layout/layout-tree';
import { FULL, paneStyle, pct } from '../../layout/pane-geometry';
import { AgentPicker } from './AgentPicker';
import { EditorPane } from './EditorPane';
import { Icons } from '../widgets/icons';
import { PaneFrame } from './PaneFrame';
import { SHORTCUTS } from '../shell/shortcuts';
import { useApp, useLayout } from '../shell/StoresContext';
import { TerminalPane } from './TerminalPane';

/** Panes never get smaller than this while dragging a divider. */
const MIN_PANE_PX = { row: 160, column: 90 };

/**
 * The tiled main area. Every pane is positioned absolutely from the tree's geometry and
 * keyed by its id, so splitting, closing or resizing around a pane never re-mounts it: terminals
 * stay attached and editors keep their unsaved text.
 */
export function LayoutView() {
  const root = useLayout((s) => s.root);
  const maximized = useLayout((s) => s.maximized);
  const loaded = useLayout((s) => s.loaded);
  const areaRef = useRef<HTMLDivElement>(null);
  const { panes: rects, dividers } = useMemo(() => geometryOf(root), [root]);
  const panes = useMemo(() => panesOf(root), [root]);
  const { layout } = useApp();

  if (!loaded) return <div className="layout-area" data-layout-area />;
  if (panes.length === 0) {
    return (
      <div className="layout-area" data-layout-area>
        <LoadNote />
        <div className="empty-state">
          <Icons.terminal />
          <p>Launch an agent from the sidebar or press {SHORTCUTS.palette.label}</p>
          <button type="button" className="button" onClick={() => layout.getState().split('row')}>
            Open an empty pane
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="layout-area" data-layout-area ref={areaRef}>
      {/* Sorted by id so existing panes keep their DOM order: moving a node would blur a focused terminal. */}
      {[...panes]
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .map((pane) => {
          const rect = maximized ? (maximized === pane.id ? FULL : undefined) : rects.get(pane.id);
          return <Pane key={pane.id} pane={pane} rect={rect} />;
        })}
      {!maximized && dividers.map((d) => <Divider key={d.split.id} divider={d} areaRef={areaRef} />)}
      <LoadNote />
    </div>
  );
}

/** What loading layout.json had to do: said once, plainly, until the user dismisses it. */
function LoadNote() {
  const note = useLayout((s) => s.loadNote);
  const { layout } = useApp();
  if (!note) return null;
  return (
    <div className={`layout-load-note ${note.kind}`} role="status">
      <span>{note.text}</span>
      <button type="button" className="button small" onClick={() => layout.getState().dismissLoadNote()}>
        Dismiss
      </button>
    </div>
  );
}

function Pane({ pane, rect }: { pane: PaneNode; rect: Rect | undefined }) {
  const style = paneStyle(rect);
  const hidden = rect === undefined;
  const content = pane.content;
  if (content.kind === 'terminal') return <TerminalPane paneId={pane.id} agent={content.agent} style={style} hidden={hidden} />;
  if (content.kind === 'editor') return <EditorPane paneId={pane.id} file={content.file} style={style} hidden={hidden} />;
  return <EmptyPane paneId={pane.id} style={style} hidden={hidden} />;
}

/** A pane waiting for content: it lists the project's agents to open in it; focus lands on the first. */
function EmptyPane({ paneId, style, hidden }: { paneId: string; style: CSSProperties; hidden: boolean }) {
  const body = useRef<HTMLDivElement>(null);
  return (
    <PaneFrame
      paneId={paneId}
      label="Empty pane"
      icon={<Icons.terminal />}
      title="Empty"
      style={style}
      hidden={hidden}
      onFocusRequest={() => body.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus()}
    >
      <div className="empty-state small" ref={body}>
        <p>Open an agent here, or press {SHORTCUTS.palette.label}</p>
        <AgentPicker paneId={paneId} />
      </div>
    </PaneFrame>
  );
}

function Divider({ divider, areaRef }: { divider: DividerGeometry; areaRef: React.RefObject<HTMLDivElement | null> }) {
  const { layout } = useApp();
  const { split, area } = divider;
  const row = split.direction === 'row';
  const style: CSSProperties = row
    ? { left: `calc(${pct(area.x + area.w * split.ratio)} - 3px)`, top: pct(area.y), height: pct(area.h) }
    : { top: `calc(${pct(area.y + area.h * split.ratio)} - 3px)`, left: pct(area.x), width: pct(area.w) };

  const splitPixels = () => {
    const box = areaRef.current?.getBoundingClientRect();
    if (!box) return undefined;
    return row
      ? { start: box.left + area.x * box.width, size: area.w * box.width }
      : { start: box.top + area.y * box.height, size: area.h * box.height };
  };

  const clampPx = (ratio: number, size: number) => {
    const min = Math.min(MIN_PANE_PX[split.direction], size / 2);
    return Math.min(Math.max(ratio, min / size), 1 - min / size);
  };

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    const target = e.currentTarget;
    target.setPointerCapture(e.pointerId);
    target.classList.add('dragging');
    document.body.classList.add(row ? 'resizing-col' : 'resizing-row');
    const move = (ev: globalThis.PointerEvent) => {
      const px = splitPixels();
      if (!px || px.size <= 0) return;
      const pos = row ? ev.clientX : ev.clientY;
      layout.getState().setRatio(split.id, clampPx((pos - px.start) / px.size, px.size));
    };
    const up = () => {
      target.classList.remove('dragging');
      document.body.classList.remove('resizing-col', 'resizing-row');
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
      target.removeEventListener('pointercancel', up);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
    target.addEventListener('pointercancel', up);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const back = row ? 'ArrowLeft' : 'ArrowUp';
    const forward = row ? 'ArrowRight' : 'ArrowDown';
    const step = e.shiftKey ? 0.1 : 0.02;
    let ratio: number | undefined;
    if (e.key === back) ratio = split.ratio - step;
    else if (e.key === forward) ratio = split.ratio + step;
    else if (e.key === 'Home') ratio = 0;
    else if (e.key === 'End') ratio = 1;
    else if (e.key === 'Enter') ratio = 0.5;
    if (ratio === undefined) return;
    e.preventDefault();
    const px = splitPixels();
    layout.getState().setRatio(split.id, px && px.size > 0 ? clampPx(ratio, px.size) : ratio);
  };

  return (
    <div
      role="separator"
      tabIndex={0}
      aria-orientation={row ? 'vertical' : 'horizontal'}
      aria-label={row ? 'Resize panes left and right' : 'Resize panes above and below'}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(split.ratio * 100)}
      className={`divider ${row ? 'divider-vertical' : 'divider-horizontal'}`}
      style={style}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
      onDoubleClick={() => layout.getState().setRatio(split.id, 0.5)}
    />
  );
}
