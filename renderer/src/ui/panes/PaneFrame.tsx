import { useEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import type { EventPayload } from '../../../../contract/contract';
import { findPane } from '../../layout/layout-tree';
import { isLive, latestSession } from '../../stores/sessions-store';
import { canResume, restartAgent, statusDetail } from '../../stores/agent-actions';
import { useAppActions } from '../shell/AppActions';
import { requestClosePane } from './pane-actions';
import { useCollapsedActions } from './pane-toolbar';
import { Icons } from '../widgets/icons';
import { IconButton } from '../widgets/IconButton';
import { AgentIcons } from '../widgets/agent-icons';
import { titleWith } from '../shell/shortcuts';
import { AttentionBadge } from '../widgets/AttentionBadge';
import { OverlapNotice } from '../changes/overlaps';
import { StatusBadge } from '../widgets/StatusBadge';
import { AgentReport, AgentUsage } from '../widgets/AgentUsage';
import { useAgents, useApp, useLayout, useNotifications, useProject, useSessions } from '../shell/StoresContext';

/**
 * The chrome every pane shares: a title bar with the pane's name, its status, and the layout
 * buttons (with stable accessible names: tests and screen readers find them by these), around the pane's body. The whole pane is the region
 * tests and screen readers find ("Terminal: Reviewer", "Editor: reviewer.md").
 *
 * A terminal pane's agent chrome is drawn here for every terminal pane alike: the status
 * badge with how the session ended in its tooltip, the attention badge a notification left, and
 * Show transcript / Resume / Restart. It replaces the pane's own `badge` so there is one badge.
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

  const headerRef = useRef<HTMLElement>(null);
  const headingRef = useRef<HTMLDivElement>(null);
  const collapsed = useCollapsedActions(headerRef, headingRef);
  const id = props.paneId;
  const agent = useLayout((s) => {
    const content = findPane(s.root, id)?.content;
    return content?.kind === 'terminal' ? content.agent : undefined;
  });
  const menuActions = (
    <>
      {agent ? <AgentActions agent={agent} /> : null}
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
    </>
  );
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
      <header ref={headerRef} className="pane-header" onDoubleClick={(e) => e.target === e.currentTarget && layout.getState().toggleMaximize(id)}>
        <div ref={headingRef} className="pane-heading">
          <span className="pane-icon">{props.icon}</span>
          <span className="pane-title" title={props.titleHint}>
            {props.title}
          </span>
          {agent ? <AgentBadges agent={agent} /> : props.badge}
        </div>
        <div className="pane-actions">
          {collapsed ? (
            <PaneMenu>{menuActions}</PaneMenu>
          ) : (
            menuActions
          )}
          <IconButton label="Close pane" title={titleWith('Close pane', 'closePane')} onClick={() => requestClosePane(layout, id)}>
            <Icons.close />
          </IconButton>
        </div>
      </header>
      <div className="pane-body">{props.children}</div>
    </section>
  );
}

function AgentBadges({ agent }: { agent: string }) {
  const session = useSessions((s) => latestSession(s, agent));
  const attention = useNotifications((s) => s.attention[agent]);
  const name = useAgents((s) => s.byId[agent]?.name) ?? session?.agentName ?? agent;
  return (
    <>
      <StatusBadge status={session?.status ?? 'stopped'} compact detail={statusDetail(session)} />
      {attention ? <AttentionBadge kind={attention} /> : null}
      <AgentReport agent={agent} name={name} />
      <AgentUsage agent={agent} name={name} />
      <AgentNoteLine agent={agent} />
      <OverlapNotice agent={agent} compact />
    </>
  );
}

/**
 * What the agent last said through its Tessera tools: its own status message, or the message another
 * agent just sent it (who, and the text), one line, the whole of it in the tooltip.
 */
function AgentNoteLine({ agent }: { agent: string }) {
  const app = useApp();
  const [note, setNote] = useState<EventPayload<'agents.note'>>();
  useEffect(() => app.api.on('agents.note', (payload) => payload.agent === agent && setNote(payload)), [app, agent]);
  if (!note || note.text === '') return null;
  const text = note.kind === 'message' ? `✉ ${note.from ?? 'an agent'}: ${note.text}` : note.text;
  return (
    <span className={`pane-note pane-note-${note.kind}`} title={`${text} (${new Date(note.at).toLocaleTimeString()})`} aria-label={note.kind === 'message' ? `Message from ${note.from}` : 'Agent status'}>
      {text}
    </span>
  );
}

function AgentActions({ agent }: { agent: string }) {
  const app = useApp();
  const actions = useAppActions();
  const session = useSessions((s) => latestSession(s, agent));
  const name = useAgents((s) => s.byId[agent]?.name) ?? session?.agentName ?? agent;
  const resumable = useProject((s) => canResume(s.profiles, session?.profile ?? app.agents.getState().byId[agent]?.profile));
  const [busy, setBusy] = useState(false);
  const run = async (resume: boolean) => {
    if (!session) return;
    setBusy(true);
    const error = await restartAgent(app.sessions, session, resume);
    setBusy(false);
    if (error) app.notifications.getState().pushToast({ agent, kind: 'info', title: `Could not ${resume ? 'resume' : 'restart'} ${name}`, body: error });
  };
  return (
    <>
      <IconButton label={`Show changes of ${name}`} title={titleWith(`Show the changes of ${name}`, 'changes')} onClick={() => actions.openChanges(agent)}>
        <AgentIcons.changes />
      </IconButton>
      <IconButton label="Show transcript" title={`Show the transcript of ${name} (.tessera/logs/${agent}.log)`} onClick={() => actions.openTranscript(agent)}>
        <AgentIcons.transcript />
      </IconButton>
      {session && resumable ? (
        <IconButton label={`Resume ${name}`} title={`Resume ${name}: restart it continuing its last conversation`} onClick={() => void run(true)} disabled={busy}>
          <AgentIcons.resume />
        </IconButton>
      ) : null}
      {/* While it runs, the pane's own Restart button does this. */}
      {session && !isLive(session) ? (
        <IconButton label={`Restart ${name}`} title={`Restart ${name}`} onClick={() => void run(false)} disabled={busy}>
          <Icons.restart />
        </IconButton>
      ) : null}
    </>
  );
}

/**
 * A narrow pane's buttons behind one "More actions" button: a list that names each one beside its
 * icon, closed by Escape, a click elsewhere, or running one of them.
 */
function PaneMenu({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer, true);
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('pointerdown', onPointer, true);
      document.removeEventListener('keydown', onKey, true);
    };
  }, [open]);
  return (
    <div className="pane-menu" ref={ref}>
      <IconButton label="More actions" title="More actions" pressed={open} onClick={() => setOpen((o) => !o)}>
        <Icons.more />
      </IconButton>
      {open ? (
        <div className="pane-menu-list" role="group" aria-label="Pane actions" onClick={(e) => (e.target as HTMLElement).closest('button') && setOpen(false)}>
          {children}
        </div>
      ) : null}
    </div>
  );
}
