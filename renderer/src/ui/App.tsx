import { useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { isWebSocketApi } from '../api/choose-api';
import type { ConnectionState } from '../api/websocket-api';
import type { OrphanDto } from '../../../contract/contract';
import { browserNotifierEnvironment, desktopPermission, focusedAgent, goToAgent, nextAgentNeedingInput, requestDesktopPermission, startNotifier } from '../stores/notifier';
import { RELAUNCH_GAP_MS, relaunchOrder, staggered } from '../stores/relaunch-plan';
import { isLive, latestSession } from '../stores/sessions-store';
import { createTrustPrompts, gateLaunch, type TrustPromptState } from '../stores/trust-gate';
import { canResume, restartAgent } from './agent-actions';
import { AppActionsContext, type AppActions } from './AppActions';
import { CommandPalette, type Command } from './CommandPalette';
import { Dialog } from './Dialog';
import { Icons } from './icons';
import { IconButton } from './IconButton';
import { LayoutView } from './LayoutView';
import { NewAgentDialog } from './NewAgentDialog';
import { NewSkillDialog } from './NewSkillDialog';
import { NotificationSettingsDialog } from './NotificationSettingsDialog';
import { OrphansDialog } from './OrphansDialog';
import { SendToAgentsDialog } from './SendToAgentsDialog';
import { Toasts } from './Toasts';
import { TranscriptDialog } from './TranscriptDialog';
import { TrustDialog } from './TrustDialog';
import { OpenProjectForm } from './OpenProjectForm';
import { requestClosePane } from './pane-actions';
import { appShortcutOf } from './shortcuts';
import { Sidebar } from './Sidebar';
import { useAgents, useApp, useLayout, useProject, useSessions, useTheme, useThemeStore } from './StoresContext';

type DialogName = 'agent' | 'skill' | 'palette' | 'open' | 'send' | 'transcript' | 'notifications' | 'orphans';

export function App() {
  const app = useApp();
  const loaded = useProject((s) => s.loaded);
  const project = useProject((s) => s.project);
  const [dialog, setDialog] = useState<DialogName | null>(null);
  const dialogRef = useRef(dialog);
  dialogRef.current = dialog;
  const connection = useConnection();
  const [transcriptOf, setTranscriptOf] = useState<string>();
  const [sendPreselect, setSendPreselect] = useState<string[]>();
  const orphans = useOrphanCheck(loaded, () => setDialog((d) => d ?? 'orphans'));

  const actions = useMemo<AppActions>(
    () => ({
      openTranscript: (agent) => {
        setTranscriptOf(agent);
        setDialog('transcript');
      },
      openSendToAgents: (preselect) => {
        setSendPreselect(preselect);
        setDialog('send');
      },
      openNotificationSettings: () => setDialog('notifications'),
    }),
    [],
  );

  useShortcuts(dialogRef, setDialog, !!project);
  useUnloadGuard();
  const trustPrompts = useTrustGate();
  const trustRequest = useStore(trustPrompts, (s) => s.request);
  useAutoRelaunch();
  useNotifier();
  useRestartToasts();

  const commands = useCommands(setDialog, actions);

  if (!loaded) return <div className="app-loading" aria-busy="true" />;

  return (
    <AppActionsContext.Provider value={actions}>
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
      {dialog === 'send' ? <SendToAgentsDialog onClose={() => setDialog(null)} {...(sendPreselect ? { preselect: sendPreselect } : {})} /> : null}
      {dialog === 'transcript' && transcriptOf ? <TranscriptDialog agent={transcriptOf} onClose={() => setDialog(null)} /> : null}
      {dialog === 'notifications' ? <NotificationSettingsDialog onClose={() => setDialog(null)} /> : null}
      {dialog === 'orphans' && orphans.length > 0 ? <OrphansDialog orphans={orphans} onClose={() => setDialog(null)} /> : null}
      {trustRequest ? <TrustDialog request={trustRequest} onAnswer={(yes) => trustPrompts.getState().answer(yes)} /> : null}
      <Toasts />
    </div>
    </AppActionsContext.Provider>
  );
}

/** Once the app has loaded: agents a crashed earlier run left running are reported (issue 5, no orphans). */
function useOrphanCheck(loaded: boolean, show: () => void): OrphanDto[] {
  const app = useApp();
  const [orphans, setOrphans] = useState<OrphanDto[]>([]);
  const showRef = useRef(show);
  showRef.current = show;
  const checked = useRef(false);
  useEffect(() => {
    if (!loaded || checked.current) return;
    checked.current = true;
    void app.api.call('orphans.list', {}).then((response) => {
      if (!response.ok || response.value.length === 0) return;
      setOrphans(response.value);
      showRef.current();
    });
  }, [app, loaded]);
  return orphans;
}

/** Status changes become toasts, attention badges and desktop notifications (see stores/notifier.ts). */
function useNotifier() {
  const app = useApp();
  useEffect(
    () => startNotifier({ sessions: app.sessions, layout: app.layout, agents: app.agents, notifications: app.notifications, env: browserNotifierEnvironment() }),
    [app],
  );
}

/** What the restart policy does is said out loud: a failed agent coming back, or staying down. */
function useRestartToasts() {
  const app = useApp();
  useEffect(
    () =>
      app.api.on('agents.restarting', (event) => {
        const name = app.agents.getState().byId[event.agent]?.name ?? event.agent;
        const toast =
          event.kind === 'scheduled'
            ? { title: `Restarting ${name}`, body: `Attempt ${event.attempt}, in ${formatDelay(event.delayMs)} (restart: on-failure).` }
            : event.kind === 'gave-up'
              ? { title: `${name} stays down`, body: `It failed ${event.attempts} times in a row; restart it by hand when it is fixed.` }
              : { title: `Could not restart ${name}`, body: event.message };
        app.notifications.getState().pushToast({ agent: event.agent, kind: 'info', ...toast });
      }),
    [app],
  );
}

function formatDelay(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
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
      else if (id === 'nextNeedsInput') goToNextNeedingInput(app);
    };
    // Capture phase: the app sees its shortcuts before a focused terminal or editor does.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [app, dialogRef, setDialog, projectOpen]);
}

function goToNextNeedingInput(app: ReturnType<typeof useApp>): void {
  const agent = nextAgentNeedingInput(app.sessions.getState(), app.agents.getState().order, focusedAgent(app.layout.getState()));
  if (agent) goToAgent(app.layout, agent);
  else app.notifications.getState().pushToast({ agent: '', kind: 'info', title: 'No agent needs input', body: 'Every agent is working, idle or stopped.' });
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

/**
 * Every launch asks "Trust this project?" first when the project is not trusted (finding 1): the
 * sessions store's one launch, which every launch path uses, is wrapped for as long as the app is up.
 */
function useTrustGate(): StoreApi<TrustPromptState> {
  const app = useApp();
  const prompts = useMemo(() => createTrustPrompts(), []);
  useEffect(() => {
    const original = app.sessions.getState().launch;
    app.sessions.setState({ launch: gateLaunch(original, { api: app.api, prompts }) });
    return () => {
      app.sessions.setState({ launch: original });
      prompts.getState().answer(false);
    };
  }, [app, prompts]);
  return prompts;
}

/**
 * Once per opened project: relaunch the agents whose panes were open, if the user asked for that
 * and the project is trusted (finding 1). The choice lives in user config (project.trustInfo /
 * project.setRelaunchOnOpen), never in layout.json, which a cloned repository controls. The layout
 * store's `relaunchOnOpen` is kept as a mirror of it, so the toggles that read it (terminal pane,
 * command palette) show and change the user's setting.
 */
function useAutoRelaunch() {
  const app = useApp();
  const root = useProject((s) => s.project?.root);
  const layoutLoaded = useLayout((s) => s.loaded);
  const sessionsLoaded = useSessions((s) => s.loaded);
  const agentsLoaded = useAgents((s) => s.loaded);
  const done = useRef<string | undefined>(undefined);
  const known = useRef<{ root: string; relaunchOnOpen: boolean } | undefined>(undefined);

  useEffect(() => {
    // The user's toggle goes to user config; the layout store only shows it.
    const original = app.layout.getState().setRelaunchOnOpen;
    app.layout.setState({
      setRelaunchOnOpen: (value: boolean) => {
        original(value);
        const current = app.project.getState().project?.root;
        if (!current) return;
        known.current = { root: current, relaunchOnOpen: value };
        void app.api.call('project.setRelaunchOnOpen', { enabled: value });
      },
    });
    // A layout (re)load sets the mirror from layout.json, which no longer carries it: put the user's value back.
    const unsubscribe = app.layout.subscribe((state) => {
      const current = known.current;
      if (!current || !state.loaded || app.project.getState().project?.root !== current.root) return;
      if (state.relaunchOnOpen !== current.relaunchOnOpen) app.layout.setState({ relaunchOnOpen: current.relaunchOnOpen });
    });
    return () => {
      unsubscribe();
      app.layout.setState({ setRelaunchOnOpen: original });
    };
  }, [app]);

  useEffect(() => {
    if (!root || !layoutLoaded || !sessionsLoaded || !agentsLoaded || done.current === root) return;
    done.current = root;
    known.current = undefined;
    void app.api.call('project.trustInfo', {}).then((response) => {
      if (!response.ok || app.project.getState().project?.root !== root) return;
      known.current = { root, relaunchOnOpen: response.value.relaunchOnOpen };
      app.layout.setState({ relaunchOnOpen: response.value.relaunchOnOpen });
      if (!response.value.relaunchOnOpen || !response.value.trusted) return;
      const layout = app.layout.getState();
      const sessions = app.sessions.getState();
      const agents = app.agents.getState();
      // Visible panes first, one spawn at a time (relaunch-plan.ts): 32 agents do not start in one burst.
      const due = relaunchOrder(layout).filter((slug) => {
        const agent = agents.byId[slug];
        return !!agent && !agent.error && !isLive(latestSession(sessions, slug));
      });
      void staggered(due, (slug) => app.sessions.getState().launch(slug), {
        gapMs: RELAUNCH_GAP_MS,
        wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        cancelled: () => app.project.getState().project?.root !== root,
      });
    });
  }, [app, root, layoutLoaded, sessionsLoaded, agentsLoaded]);
}

function useCommands(setDialog: (d: DialogName | null) => void, actions: AppActions): Command[] {
  const app = useApp();
  const themeStore = useThemeStore();
  const agentOrder = useAgents((s) => s.order);
  const agentsById = useAgents((s) => s.byId);
  const sessions = useSessions((s) => s.byId);
  const profiles = useProject((s) => s.profiles);
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
      { id: 'send-to-agents', label: 'Send to agents…', run: () => actions.openSendToAgents() },
      { id: 'next-needs-input', label: 'Go to next agent needing input', shortcut: 'nextNeedsInput', run: () => goToNextNeedingInput(app) },
      { id: 'notifications', label: 'Notification settings…', run: () => actions.openNotificationSettings() },
    ];
    if (desktopPermission() === 'default') {
      commands.push({ id: 'enable-desktop', label: 'Enable desktop notifications', run: () => void requestDesktopPermission() });
    }
    for (const slug of agentOrder) {
      const agent = agentsById[slug];
      if (!agent || agent.error) continue;
      commands.push({ id: `launch-${slug}`, label: `Launch ${agent.name}`, run: () => void launch(slug) });
      commands.push({ id: `edit-${slug}`, label: `Edit persona: ${agent.name}`, run: () => layout().openEditor({ kind: 'agent', slug }) });
      commands.push({ id: `transcript-${slug}`, label: `Show transcript: ${agent.name}`, run: () => actions.openTranscript(slug) });
      const session = latestSession({ byId: sessions, order: Object.keys(sessions) }, slug);
      if (session) {
        const restart = (resume: boolean) =>
          void restartAgent(app.sessions, session, resume).then((error) => {
            if (error) app.notifications.getState().pushToast({ agent: slug, kind: 'info', title: `Could not ${resume ? 'resume' : 'restart'} ${agent.name}`, body: error });
            else layout().openTerminal(slug);
          });
        commands.push({ id: `restart-${slug}`, label: `Restart ${agent.name}`, run: () => restart(false) });
        if (canResume(profiles, session.profile)) commands.push({ id: `resume-${slug}`, label: `Resume ${agent.name}`, run: () => restart(true) });
      }
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
  }, [app, themeStore, agentOrder, agentsById, sessions, profiles, setDialog, actions]);
}
