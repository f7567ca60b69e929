import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { isLive, latestSession } from '../../stores/sessions-store';
import { missingSkillsSentence } from '../../stores/missing-skills';
import type { ExitInfo } from '../../terminal/session-stream';
import { useTerminal } from '../../terminal/use-terminal';
import { appShortcutOf, SHORTCUTS } from '../shell/shortcuts';
import { useAgents, useApi, useApp, useSessions, useThemeStore } from '../shell/StoresContext';
import { IconButton } from '../widgets/IconButton';
import { Icons } from '../widgets/icons';
import { ApprovalRequest } from '../widgets/ApprovalRequest';
import { StatusBadge } from '../widgets/StatusBadge';
import { FindBar } from './FindBar';
import { LastScreen } from './LastScreen';
import { PaneFrame } from './PaneFrame';

/**
 * An agent's terminal. The pane follows the agent's newest session: attached while
 * it lives, still showing its last screen after it exits, and once the session is gone (a reload, a
 * host restart) its last screen replayed from the transcript under a one-line Relaunch bar.
 * Closing the pane only closes the view; the agent keeps running.
 */
export function TerminalPane({ paneId, agent, style, hidden }: { paneId: string; agent: string; style: CSSProperties; hidden: boolean }) {
  const app = useApp();
  const agentDto = useAgents((s) => s.byId[agent]);
  const agentsLoaded = useAgents((s) => s.loaded);
  const session = useSessions((s) => latestSession(s, agent));
  const [attachedId, setAttachedId] = useState<string>();
  const [exits, setExits] = useState<Record<string, ExitInfo>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const focusTerminal = useRef<() => void>(() => {});

  const name = agentDto?.name ?? session?.agentName ?? agent;
  const live = isLive(session);
  const showTerminal = !!session && (live || attachedId === session.id);
  const exit: ExitInfo | undefined = session
    ? (exits[session.id] ?? (session.status === 'exited' || session.status === 'failed' ? { code: session.exitCode, reason: session.reason } : undefined))
    : undefined;
  const exited = !!session && (!live || !!exits[session.id]);

  const launch = async () => {
    setBusy(true);
    setError(undefined);
    const response = await app.launcher.launchInto(agent, paneId);
    setBusy(false);
    if (!response.ok) setError(response.error.message);
    else focusTerminal.current();
  };

  const stop = async () => {
    if (!session) return;
    const response = await app.sessions.getState().kill(session.id);
    if (!response.ok) setError(response.error.message);
  };

  const restart = async () => {
    if (!session) return;
    setError(undefined);
    const response = await app.sessions.getState().restart(session.id);
    if (!response.ok) setError(response.error.message);
  };

  const actions = live ? (
    <>
      {/* One name for restarting in every state: PaneFrame's button once stopped is "Restart <name>" too. */}
      <IconButton label={`Restart ${name}`} title={`Restart ${name}`} onClick={() => void restart()}>
        <Icons.restart />
      </IconButton>
      <IconButton label="Stop agent" title={`Stop ${name} (kills its process)`} onClick={() => void stop()}>
        <Icons.stop />
      </IconButton>
    </>
  ) : null;

  const relaunchButton = (
    <button type="button" className="button primary small" onClick={() => void launch()} disabled={busy || !!agentDto?.error}>
      <Icons.play />
      {`Relaunch ${name}`}
    </button>
  );

  return (
    <PaneFrame
      paneId={paneId}
      label={`Terminal: ${name}`}
      icon={<Icons.terminal />}
      title={name}
      titleHint={session ? `${session.profile} · ${session.cwd}` : undefined}
      badge={<StatusBadge status={session?.status ?? 'stopped'} compact />}
      actions={actions}
      style={style}
      hidden={hidden}
      onFocusRequest={() => focusTerminal.current()}
    >
      {session?.approval && live ? <ApprovalRequest session={session} name={name} onAnswered={() => focusTerminal.current()} /> : null}
      <div className="terminal-body">
        {showTerminal && session && session.missingSkills.length > 0 ? (
          <div className="pane-notice" role="note">
            {missingSkillsSentence(session.missingSkills, 'launched')}
          </div>
        ) : null}
        {showTerminal && session ? (
          <TerminalView
            key={session.id}
            sessionId={session.id}
            size={{ cols: session.cols, rows: session.rows }}
            hidden={hidden}
            focusRef={focusTerminal}
            onAttached={() => setAttachedId(session.id)}
            onExit={(info) => setExits((all) => ({ ...all, [session.id]: info }))}
          />
        ) : agentsLoaded && !agentDto && !session ? (
          <div className="placeholder">
            <p>The agent “{agent}” no longer exists in this project.</p>
          </div>
        ) : (
          <>
            {/* Relaunch all and the relaunch-on-open choice are the layout bar's, once for every pane. */}
            <div className={`stopped-bar${session?.status === 'failed' ? ' failed' : ''}`}>
              <span>{exit ? describeExit(exit) : `${name} is not running.`}</span>
              {agentDto?.error ? <span className="error-text">{agentDto.error}</span> : null}
              {error ? <span className="error-text">{error}</span> : null}
              {relaunchButton}
            </div>
            <LastScreen agent={agent} name={name} run={session?.id} />
          </>
        )}
        {showTerminal && exited && exit ? (
          <div className={`exit-bar${session?.status === 'failed' ? ' failed' : ''}`}>
            <span>{describeExit(exit)}</span>
            {error ? <span className="error-text">{error}</span> : null}
            {relaunchButton}
          </div>
        ) : null}
      </div>
    </PaneFrame>
  );
}

/** The terminal in `view` may take DOM focus: its pane is the focused one and nothing else on the page holds the keyboard. */
function ownsFocus(focusedPane: string | undefined, view: HTMLElement | null): boolean {
  const pane = view?.closest<HTMLElement>('[data-pane-id]');
  if (!pane || pane.dataset.paneId !== focusedPane) return false;
  const active = document.activeElement;
  return !active || active === document.body || pane.contains(active);
}

function describeExit(exit: ExitInfo): string {
  // No code with a reason: a signal ended it ("killed by signal 9", where an exit code would mislead) or the session is gone.
  if (exit.reason && exit.code === undefined) return `Process ended: ${exit.reason}`;
  return `Process exited with code ${exit.code ?? 'unknown'}${exit.reason ? ` (${exit.reason})` : ''}`;
}

/**
 * One terminal bound to one session's stream (terminal/use-terminal.ts). Bytes go from the stream
 * straight into xterm and are acked once parsed; they never pass through React state.
 */
function TerminalView(props: {
  sessionId: string;
  /** The size the session was launched at: the terminal starts at it, so a pane that fits it resizes nothing. */
  size: { cols: number; rows: number };
  hidden: boolean;
  focusRef: { current: () => void };
  onAttached: () => void;
  onExit: (info: ExitInfo) => void;
}) {
  const api = useApi();
  const themeStore = useThemeStore();
  const [findOpen, setFindOpen] = useState(false);
  const { hostRef, terminal } = useTerminal({
    api,
    theme: themeStore,
    sessionId: props.sessionId,
    size: props.size,
    hidden: props.hidden,
    onExit: props.onExit,
    // App shortcuts reach the app even while the terminal has the keyboard.
    isAppKey: (event) => !!appShortcutOf(event) || SHORTCUTS.find.match(event),
  });
  const { focusRef, onAttached } = props;
  const { layout } = useApp();
  const paneRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    focusRef.current = () => terminal.current?.focus();
    // The pane that shows focus takes the keys once its terminal exists (after a reload the focus
    // request came before the session list did), unless the user has put focus somewhere else meanwhile.
    if (!props.hidden && ownsFocus(layout.getState().focused, paneRef.current)) terminal.current?.focus();
    onAttached();
    return () => {
      focusRef.current = () => {};
    };
    // Once per session: the view is keyed by it.
  }, [focusRef, terminal]);

  return (
    <div
      ref={paneRef}
      className="terminal-view"
      onKeyDown={(e) => {
        if (SHORTCUTS.find.match(e)) {
          e.preventDefault();
          setFindOpen(true);
        }
      }}
    >
      <div className="terminal-host" ref={hostRef} />
      {findOpen && terminal.current ? (
        <FindBar
          search={terminal.current.search}
          onClose={() => {
            setFindOpen(false);
            terminal.current?.search.clearDecorations();
            terminal.current?.focus();
          }}
        />
      ) : null}
    </div>
  );
}
