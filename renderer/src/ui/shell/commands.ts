import { useMemo } from 'react';
import { restartAgent, canResume } from '../../stores/agent-actions';
import { importFromClaude } from '../../stores/import-from-claude';
import { desktopPermission, requestDesktopPermission } from '../../stores/notifier';
import { NEW_PANE_PLACEMENTS } from '../../layout/pane-placement';
import { relaunchStoppedPanes } from '../../stores/relaunch-plan';
import { latestSession } from '../../stores/sessions-store';
import { PLACEMENT_LABELS, wait } from '../panes/LayoutBar';
import { requestClosePane } from '../panes/pane-actions';
import type { DialogName } from './app-hooks';
import { goToNextNeedingInput } from './app-hooks';
import type { AppActions } from './AppActions';
import type { Command } from './CommandPalette';
import { useAgents, useApp, useProject, useSessions, useThemeStore } from './StoresContext';

/** Everything the command palette offers: the app's actions, and per agent launch, edit, transcript, restart and resume. */
export function useCommands(setDialog: (d: DialogName | null) => void, actions: AppActions): Command[] {
  const app = useApp();
  const themeStore = useThemeStore();
  const agentOrder = useAgents((s) => s.order);
  const agentsById = useAgents((s) => s.byId);
  const sessions = useSessions((s) => s.byId);
  const profiles = useProject((s) => s.profiles);
  const relaunchOnOpen = useProject((s) => s.relaunchOnOpen);
  return useMemo(() => {
    const layout = () => app.layout.getState();
    const launch = async (slug: string) => {
      const response = await app.launcher.show(slug);
      if (!response.ok) window.alert(response.error.message);
    };
    const commands: Command[] = [
      { id: 'new-agent', label: 'New agent', run: () => setDialog('agent') },
      { id: 'new-skill', label: 'New skill', run: () => setDialog('skill') },
      { id: 'send-to-agents', label: 'Send to agents…', run: () => actions.openSendToAgents() },
      { id: 'next-needs-input', label: 'Go to next agent needing input', shortcut: 'nextNeedsInput', run: () => goToNextNeedingInput(app) },
      { id: 'notifications', label: 'Notification settings…', run: () => actions.openNotificationSettings() },
      { id: 'agent-messaging', label: 'Agent messaging: may agents message and launch each other…', run: () => setDialog('messaging') },
      { id: 'resources', label: 'Resources', shortcut: 'resources', run: () => setDialog('resources') },
      {
        id: 'import-claude',
        label: 'Import agents and skills from .claude',
        run: () => void importFromClaude(app.api).then((report) => app.notifications.getState().pushToast({ agent: '', kind: 'info', ...report })),
      },
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
      commands.push({ id: `changes-${slug}`, label: `Show changes: ${agent.name}`, run: () => actions.openChanges(slug) });
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
      { id: 'even-out', label: 'Even out panes', run: () => layout().evenOut() },
      ...NEW_PANE_PLACEMENTS.map((placement) => ({ id: `new-panes-${placement}`, label: `New panes: ${PLACEMENT_LABELS[placement]}`, run: () => layout().setNewPanes(placement) })),
      { id: 'relaunch-all', label: 'Relaunch all agents with a pane open', run: () => void relaunchStoppedPanes(app, { wait }) },
      { id: 'toggle-theme', label: 'Toggle theme', run: () => themeStore.getState().toggle() },
      { id: 'open-folder', label: 'Open folder', run: () => setDialog('open') },
      {
        id: 'relaunch-on-open',
        label: `${relaunchOnOpen ? 'Stop relaunching' : 'Relaunch'} agents automatically on open`,
        run: () => void app.project.getState().setRelaunchOnOpen(!relaunchOnOpen),
      },
    );
    return commands;
  }, [app, themeStore, agentOrder, agentsById, sessions, profiles, relaunchOnOpen, setDialog, actions]);
}
