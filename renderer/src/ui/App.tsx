import { useEffect, useMemo, useRef, useState } from 'react';
import { isWebSocketApi } from '../api/choose-api';
import type { ConnectionState } from '../api/websocket-api';
import { panesOf } from '../layout/layout-tree';
import { isLive, latestSession } from '../stores/sessions-store';
import { CommandPalette, type Command } from './CommandPalette';
import { Dialog } from './Dialog';
import { Icons } from './icons';
import { IconButton } from './IconButton';
import { LayoutView } from './LayoutView';
import { NewAgentDialog } from './NewAgentDialog';
import { NewSkillDialog } from './NewSkillDialog';
import { OpenProjectForm } from './OpenProjectForm';
import { requestClosePane } from './pane-actions';
import { appShortcutOf } from './shortcuts';
import { Sidebar } from './Sidebar';
import { useAgents, useApp, useLayout, useProject, useSessions, useTheme, useThemeStore } from './StoresContext';

type DialogName = 'agent' | 'skill' | 'palette' | 'open';

export function App() {
  const app = useApp();
  const loaded = useProject((s) => s.loaded);
  const project = useProject((s) => s.project);
  const [dialog, setDialog] = useState<DialogName | null>(null);
  const dialogRef = useRef(dialog);
  dialogRef.current = dialog;
  const connection = useConnection();

  useShortcuts(dialogRef, setDialog, !!project);
  useUnloadGuard();
  useAutoRelaunch();

  const commands = useCommands(setDialog);

  if (!loaded) return <div className="app-loading" aria-busy="true" />;

  return (
    <div className="app">
      {connection !== 'open' && connection !== 'connecting' ? (
        <div className="connection-banner" role="status">
          Connection to Tessera lost — reconnecting… Your agents keep running.
        </div>
      ) : null}
      {project ? (
        <div className="workbench">
          <Sidebar
            onNewAgent={() => setDialog('agent')}
            onNewSkill={() => setDialog('skill')}
            onOpenFolder={() => setDialog('open')}
            onPalette={() => setDialog('palette')}
          />
          <main className="main" aria-label="Panes">
            <LayoutView />
            <SaveError />
          </main>
        </div>
      ) : (
        <Welcome />
      )}
      {dialog === 'agent' ? <NewAgentDialog onClose={() => setDialog(null)} /> : null}
      {dialog === 'skill' ? (
        <NewSkillDialog onClose={() => setDialog(null)} onCreated={(name) => app.layout.getState().openEditor({ kind: 'skill', name, scope: 'project' })} />
      ) : null}
      {dialog === 'palette' ? <CommandPalette commands={commands} onClose={() => setDialog(null)} /> : null}
      {dialog === 'open' ? (
        <Dialog title="Open folder" onClose={() => setDialog(null)} className="dialog-wide">
          <OpenProjectForm onOpened={() => setDialog(null)} />
        </Dialog>
      ) : null}
    </div>
  );
}

function Welcome() {
  const theme = useTheme((s) => s.theme);
  const toggle = useTheme((s) => s.toggle);
  return (
    <main className="welcome">
      <div className="welcome-card">
        <div className="welcome-brand">
          <Logo />
          <div>
            <h1>Tessera</h1>
            <p className="muted">Run several AI coding agents side by side on one codebase.</p>
          </div>
        </div>
        <OpenProjectForm autoFocus />
      </div>
      <div className="welcome-corner">
        <IconButton label="Toggle theme" title={`Switch to the ${theme === 'dark' ? 'light' : 'dark'} theme`} onClick={toggle}>
          {theme === 'dark' ? <Icons.sun /> : <Icons.moon />}
        </IconButton>
      </div>
    </main>
  );
}

function Logo() {
  return (
    <svg width="44" height="44" viewBox="0 0 44 44" aria-hidden="true" className="logo">
      <rect x="2" y="2" width="19" height="19" rx="4" className="logo-a" />
      <rect x="23" y="2" width="19" height="11" rx="4" className="logo-b" />
      <rect x="23" y="15" width="19" height="27" rx="4" className="logo-c" />
      <rect x="2" y="23" width="19" height="19" rx="4" className="logo-d" />
    </svg>
  );
}

function SaveError() {
  const error = useLayout((s) => s.saveError);
  if (!error) return null;
  return (
    <div className="save-error" role="status">
      Layout not saved: {error}
    </div>
  );
}

function useConnection(): ConnectionState {
  const app = useApp();
  const [state, setState] = useState<ConnectionState>(() => (isWebSocketApi(app.api) ? app.api.connection() : 'open'));
  useEffect(() => {
    const api = app.api;
    if (!isWebSocketApi(api)) return;
    return api.onConnection((next, reconnected) => {
      setState(next);
      if (reconnected) void app.resync();
    });
  }, [app]);
  return state;
}

function useShortcuts(dialogRef: { current: DialogName | null }, setDialog: (d: DialogName | null) => void, projectOpen: boolean) {
  const app = useApp();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const id = appShortcutOf(e);
      if (!id) return;
      if (id === 'palette') {
        if (!projectOpen) return;
        e.preventDefault();
        e.stopPropagation();
        setDialog(dialogRef.current === 'palette' ? null : dialogRef.current ? dialogRef.current : 'palette');
        return;
      }
      // Layout shortcuts are for the workbench, not for a dialog in front of it.
      if (dialogRef.current || !projectOpen) return;
      e.preventDefault();
      e.stopPropagation();
      const layout = app.layout.getState();
      if (id === 'splitRight') layout.split('row');
      else if (id === 'splitDown') layout.split('column');
      else if (id === 'closePane') requestClosePane(app.layout);
      else if (id === 'focusNext') layout.focusNext();
      else if (id === 'focusPrevious') layout.focusPrevious();
      else if (id === 'maximize') layout.toggleMaximize();
    };
    // Capture phase: the app sees its shortcuts before a focused terminal or editor does.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [app, dialogRef, setDialog, projectOpen]);
}

function useUnloadGuard() {
  const app = useApp();
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      void app.layout.getState().flush();
      if (Object.keys(app.layout.getState().dirty).length > 0) {
        // Unsaved editor text is never lost silently.
        e.preventDefault();
        e.returnValue = '';
      }
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [app]);
}

/** Once per opened project: relaunch the agents whose panes were open, if the user asked for that. */
function useAutoRelaunch() {
  const app = useApp();
  const root = useProject((s) => s.project?.root);
  const layoutLoaded = useLayout((s) => s.loaded);
  const sessionsLoaded = useSessions((s) => s.loaded);
  const agentsLoaded = useAgents((s) => s.loaded);
  const done = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!root || !layoutLoaded || !sessionsLoaded || !agentsLoaded || done.current === root) return;
    done.current = root;
    const layout = app.layout.getState();
    if (!layout.relaunchOnOpen) return;
    const sessions = app.sessions.getState();
    const agents = app.agents.getState();
    for (const pane of panesOf(layout.root)) {
      if (pane.content.kind !== 'terminal') continue;
      const agent = agents.byId[pane.content.agent];
      if (!agent || agent.error || isLive(latestSession(sessions, pane.content.agent))) continue;
      void sessions.launch(pane.content.agent);
    }
  }, [app, root, layoutLoaded, sessionsLoaded, agentsLoaded]);
}

function useCommands(setDialog: (d: DialogName | null) => void): Command[] {
  const app = useApp();
  const themeStore = useThemeStore();
  const agentOrder = useAgents((s) => s.order);
  const agentsById = useAgents((s) => s.byId);
  return useMemo(() => {
    const layout = () => app.layout.getState();
    const launch = async (slug: string) => {
      if (!isLive(latestSession(app.sessions.getState(), slug))) {
        const response = await app.sessions.getState().launch(slug);
        if (!response.ok) {
          window.alert(response.error.message);
          return;
        }
      }
      layout().openTerminal(slug);
    };
    const commands: Command[] = [
      { id: 'new-agent', label: 'New agent', run: () => setDialog('agent') },
      { id: 'new-skill', label: 'New skill', run: () => setDialog('skill') },
    ];
    for (const slug of agentOrder) {
      const agent = agentsById[slug];
      if (!agent || agent.error) continue;
      commands.push({ id: `launch-${slug}`, label: `Launch ${agent.name}`, run: () => void launch(slug) });
      commands.push({ id: `edit-${slug}`, label: `Edit persona: ${agent.name}`, run: () => layout().openEditor({ kind: 'agent', slug }) });
    }
    commands.push(
      { id: 'split-right', label: 'Split right', shortcut: 'splitRight', run: () => layout().split('row') },
      { id: 'split-down', label: 'Split down', shortcut: 'splitDown', run: () => layout().split('column') },
      { id: 'close-pane', label: 'Close pane', shortcut: 'closePane', run: () => requestClosePane(app.layout) },
      { id: 'maximize-pane', label: 'Maximize pane', shortcut: 'maximize', run: () => layout().toggleMaximize() },
      { id: 'focus-next', label: 'Focus next pane', shortcut: 'focusNext', run: () => layout().focusNext() },
      { id: 'focus-previous', label: 'Focus previous pane', shortcut: 'focusPrevious', run: () => layout().focusPrevious() },
      { id: 'toggle-theme', label: 'Toggle theme', run: () => themeStore.getState().toggle() },
      { id: 'open-folder', label: 'Open folder', run: () => setDialog('open') },
      {
        id: 'relaunch-on-open',
        label: `${app.layout.getState().relaunchOnOpen ? 'Stop relaunching' : 'Relaunch'} agents automatically on open`,
        run: () => layout().setRelaunchOnOpen(!layout().relaunchOnOpen),
      },
    );
    return commands;
  }, [app, themeStore, agentOrder, agentsById, setDialog]);
}
