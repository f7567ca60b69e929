import { useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { createAgentRequestsStore } from '../../stores/agent-requests-store';
import { Dialog } from '../dialogs/Dialog';
import { NewAgentDialog } from '../dialogs/NewAgentDialog';
import { NewSkillDialog } from '../dialogs/NewSkillDialog';
import { NotificationSettingsDialog } from '../dialogs/NotificationSettingsDialog';
import { OrphansDialog } from '../dialogs/OrphansDialog';
import { ResourcesDialog } from '../dialogs/ResourcesDialog';
import { SendToAgentsDialog } from '../dialogs/SendToAgentsDialog';
import { TranscriptDialog } from '../dialogs/TranscriptDialog';
import { TrustDialog } from '../dialogs/TrustDialog';
import { ChangesDialog } from '../changes/ChangesDialog';
import { LayoutBar } from '../panes/LayoutBar';
import { AgentMessagingDialog } from '../messaging/AgentMessagingDialog';
import { AgentRequests } from '../messaging/AgentRequests';
import { LayoutView } from '../panes/LayoutView';
import { Sidebar } from '../sidebar/Sidebar';
import { useAutoRelaunch, useConnection, useNotifier, useOrphanCheck, useRestartToasts, useShortcuts, useUnloadGuard, type DialogName } from './app-hooks';
import { AppActionsContext, type AppActions } from './AppActions';
import { CommandPalette } from './CommandPalette';
import { ConnectionBanner } from './ConnectionBanner';
import { useCommands } from './commands';
import { useUsageWarnings } from './use-usage-warnings';
import { OpenProjectForm } from './OpenProjectForm';
import { useApp, useLayout, useProject } from './StoresContext';
import { Toasts } from './Toasts';
import { Welcome } from './Welcome';

/**
 * The app shell: the workbench (sidebar and panes) once a project is open, the welcome screen before,
 * and the one dialog on screen at a time. The trust question comes from the stores (app.trust).
 */
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
  const [changesOf, setChangesOf] = useState<string>();
  const orphans = useOrphanCheck(loaded, () => setDialog((d) => d ?? 'orphans'));
  const agentRequests = useMemo(() => createAgentRequestsStore(app.api), [app]);
  useEffect(() => {
    void agentRequests.getState().load();
    return () => agentRequests.dispose();
  }, [agentRequests]);

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
      openChanges: (agent) => {
        setChangesOf(agent);
        setDialog('changes');
      },
    }),
    [],
  );

  useShortcuts(dialogRef, setDialog, !!project, actions.openChanges);
  useUnloadGuard();
  const trustRequest = useStore(app.trust, (s) => s.request);
  useAutoRelaunch();
  useNotifier();
  useRestartToasts();
  useUsageWarnings();

  const commands = useCommands(setDialog, actions);

  if (!loaded) return <div className="app-loading" aria-busy="true" />;

  return (
    <AppActionsContext.Provider value={actions}>
    <div className="app">
      <ConnectionBanner {...connection} />
      {project ? (
        <div className="workbench">
          <Sidebar
            onNewAgent={() => setDialog('agent')}
            onNewSkill={() => setDialog('skill')}
            onOpenFolder={() => setDialog('open')}
            onPalette={() => setDialog('palette')}
          />
          <main className="main" aria-label="Panes">
            <LayoutBar />
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
      {dialog === 'changes' && changesOf ? <ChangesDialog agent={changesOf} onClose={() => setDialog(null)} /> : null}
      {dialog === 'notifications' ? <NotificationSettingsDialog onClose={() => setDialog(null)} /> : null}
      {dialog === 'resources' ? <ResourcesDialog onClose={() => setDialog(null)} /> : null}
      {dialog === 'messaging' ? <AgentMessagingDialog store={agentRequests} onClose={() => setDialog(null)} /> : null}
      {dialog === 'orphans' && orphans.length > 0 ? <OrphansDialog orphans={orphans} onClose={() => setDialog(null)} /> : null}
      {trustRequest ? <TrustDialog request={trustRequest} onAnswer={(yes) => app.trust.getState().answer(yes)} /> : null}
      {project ? <AgentRequests store={agentRequests} onSettings={() => setDialog('messaging')} /> : null}
      <Toasts />
    </div>
    </AppActionsContext.Provider>
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

