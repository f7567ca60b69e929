import { useEffect, useRef, type CSSProperties, type ReactNode } from 'react';
import { requestClosePane } from './pane-actions';
import { Icons } from './icons';
import { IconButton } from './IconButton';
import { titleWith } from './shortcuts';
import { useApp, useLayout } from './StoresContext';

/**
 * The chrome every pane shares: a title bar with the pane's name, its status, and the layout
 * buttons (accessible names from DESIGN §7), around the pane's body. The whole pane is the region
 * tests and screen readers find ("Terminal: Reviewer", "Editor: reviewer.md").
 */
export function PaneFrame(props: {
  paneId: string;
  label: string;
  icon: ReactNode;
  title: ReactNode;
  titleHint?: string;
  badge?: ReactNode;
  actions?: ReactNode;
  style: CSSProperties;
  hidden: boolean;
  /** Moves DOM focus into the pane's content when focus arrives by command. */
  onFocusRequest?: () => void;
  children: ReactNode;
}) {
  const { layout } = useApp();
  const focused = useLayout((s) => s.focused === props.paneId);
  const maximized = useLayout((s) => s.maximized === props.paneId);
  const focusRequest = useLayout((s) => s.focusRequest);
  const ref = useRef<HTMLElement>(null);
  const onFocusRequest = useRef(props.onFocusRequest);
  onFocusRequest.current = props.onFocusRequest;

  useEffect(() => {
    if (!focused || focusRequest === 0) return;
    if (ref.current?.contains(document.activeElement)) return;
    if (onFocusRequest.current) onFocusRequest.current();
    else ref.current?.focus();
    // Focus follows focusRequest: a command that moved focus to this pane.
  }, [focusRequest, focused]);

  const id = props.paneId;
  return (
    <section
      ref={ref}
      role="region"
      aria-label={props.label}
      tabIndex={-1}
      className={`pane${focused ? ' pane-focused' : ''}`}
      style={props.style}
      hidden={props.hidden}
      data-pane-id={id}
      onPointerDownCapture={() => layout.getState().focus(id)}
      onFocusCapture={() => layout.getState().focus(id)}
    >
      <header className="pane-header" onDoubleClick={(e) => e.target === e.currentTarget && layout.getState().toggleMaximize(id)}>
        <span className="pane-icon">{props.icon}</span>
        <span className="pane-title" title={props.titleHint}>
          {props.title}
        </span>
        {props.badge}
        <span className="pane-spacer" />
        <div className="pane-actions">
          {props.actions}
          <IconButton label="Split right" title={titleWith('Split right', 'splitRight')} onClick={() => layout.getState().split('row', id)}>
            <Icons.splitRight />
          </IconButton>
          <IconButton label="Split down" title={titleWith('Split down', 'splitDown')} onClick={() => layout.getState().split('column', id)}>
            <Icons.splitDown />
          </IconButton>
          <IconButton
            label="Maximize pane"
            title={titleWith(maximized ? 'Restore pane' : 'Maximize pane', 'maximize')}
            pressed={maximized}
            onClick={() => layout.getState().toggleMaximize(id)}
          >
            {maximized ? <Icons.restore /> : <Icons.maximize />}
          </IconButton>
          <IconButton label="Close pane" title={titleWith('Close pane', 'closePane')} onClick={() => requestClosePane(layout, id)}>
            <Icons.close />
          </IconButton>
        </div>
      </header>
      <div className="pane-body">{props.children}</div>
    </section>
  );
}
