import { useEffect, useRef, useState } from 'react';
import type { OrphanDto, SessionDto } from '../../../../contract/contract';
import { isWebSocketApi } from '../../api/choose-api';
import type { ConnectionProblem, ConnectionState } from '../../api/websocket-api';
import type { AppStores } from '../../stores/app-stores';
import { browserNotifierEnvironment, focusedAgent, goToAgent, nextAgentNeedingInput, startNotifier } from '../../stores/notifier';
import { relaunchOpenPanes } from '../../stores/relaunch-plan';
import { latestSession } from '../../stores/sessions-store';
import { answerApproval } from '../widgets/ApprovalRequest';
import { requestClosePane } from '../panes/pane-actions';
import { appShortcutOf } from './shortcuts';
import { useAgents, useApp, useLayout, useProject, useSessions } from './StoresContext';

export type DialogName = 'agent' | 'skill' | 'palette' | 'open' | 'send' | 'transcript' | 'notifications' | 'orphans' | 'changes' | 'resources' | 'messaging';

/** Once the app has loaded: agents a crashed earlier run left running are reported, so none is left behind unseen. */
export function useOrphanCheck(loaded: boolean, show: () => void): OrphanDto[] {
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
export function useNotifier() {
  const app = useApp();
  useEffect(
    () => startNotifier({ sessions: app.sessions, layout: app.layout, agents: app.agents, notifications: app.notifications, env: browserNotifierEnvironment() }),
    [app],
  );
}

/** What the restart policy does is said out loud: a failed agent coming back, or staying down. */
export function useRestartToasts() {
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

/** The link to the host; after a reconnect the stores catch up with what changed meanwhile. */
export function useConnection(): { readonly state: ConnectionState; readonly problem?: ConnectionProblem; acknowledge(): void } {
  const app = useApp();
  const read = () => (isWebSocketApi(app.api) ? { state: app.api.connection(), problem: app.api.problem() } : { state: 'open' as const, problem: undefined });
  const [seen, setSeen] = useState(read);
  useEffect(() => {
    const api = app.api;
    if (!isWebSocketApi(api)) return;
    return api.onConnection((next, reconnected) => {
      setSeen({ state: next, problem: api.problem() });
      if (reconnected) void app.resync();
    });
  }, [app]);
  const acknowledge = () => {
    if (isWebSocketApi(app.api)) app.api.acknowledgeProblem();
  };
  return { state: seen.state, ...(seen.problem ? { problem: seen.problem } : {}), acknowledge };
}

/**
 * The app's keyboard shortcuts (shortcuts.ts). The palette key toggles the palette unless another
 * dialog is open; the layout keys act only on the workbench, never behind a dialog.
 */
export function useShortcuts(dialogRef: { current: DialogName | null }, setDialog: (d: DialogName | null) => void, projectOpen: boolean, openChanges: (agent: string) => void) {
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
      if (id === 'resources') {
        e.preventDefault();
        e.stopPropagation();
        setDialog('resources');
        return;
      }
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
      else if (id === 'changes') {
        const agent = focusedAgent(layout);
        if (agent) openChanges(agent);
      } else if (id === 'approve' || id === 'deny') answerFocusedApproval(app, id);
    };
    // Capture phase: the app sees its shortcuts before a focused terminal or editor does.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [app, dialogRef, setDialog, projectOpen, openChanges]);
}

/**
 * Answers the permission request of the agent in the focused pane, or of the only agent asking when
 * no focused agent asks; says so when there is none to answer.
 */
export function answerFocusedApproval(app: AppStores, decision: 'approve' | 'deny'): void {
  const sessions = app.sessions.getState();
  const focused = focusedAgent(app.layout.getState());
  const asking = sessions.order.map((id) => sessions.byId[id]).filter((s): s is SessionDto => !!s?.approval && latestSession(sessions, s.agent)?.id === s.id);
  const target = asking.find((s) => s.agent === focused) ?? (asking.length === 1 ? asking[0] : undefined);
  const say = (title: string, body: string) => app.notifications.getState().pushToast({ agent: '', kind: 'info', title, body });
  if (!target) {
    say('No request to answer', asking.length > 1 ? 'Several agents are asking: focus the one to answer.' : 'No agent is asking for permission.');
    return;
  }
  void answerApproval(app, target, decision).then((failure) => {
    if (failure) say(`Could not ${decision} the request of ${target.agentName}`, failure);
  });
}

/** Focuses the next agent that waits for the user, or says that none does. */
export function goToNextNeedingInput(app: AppStores): void {
  const agent = nextAgentNeedingInput(app.sessions.getState(), app.agents.getState().order, focusedAgent(app.layout.getState()));
  if (agent) goToAgent(app.layout, agent);
  else app.notifications.getState().pushToast({ agent: '', kind: 'info', title: 'No agent needs input', body: 'Every agent is working, idle or stopped.' });
}

/** Leaving the page saves the layout now, and asks first while an editor holds unsaved text. */
export function useUnloadGuard() {
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
 * Once per opened project, when its layout, agents and sessions are loaded and on screen (so each pane
 * can be measured): the agents whose panes were open are relaunched if the user asked for it
 * (relaunch-plan.ts).
 */
export function useAutoRelaunch() {
  const app = useApp();
  const root = useProject((s) => s.project?.root);
  const layoutLoaded = useLayout((s) => s.loaded);
  const sessionsLoaded = useSessions((s) => s.loaded);
  const agentsLoaded = useAgents((s) => s.loaded);
  const done = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!root || !layoutLoaded || !sessionsLoaded || !agentsLoaded || done.current === root) return;
    done.current = root;
    void relaunchOpenPanes(app, { wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) });
  }, [app, root, layoutLoaded, sessionsLoaded, agentsLoaded]);
}

