import { useEffect } from 'react';
import type { Toast } from '../../stores/notifications-store';
import { goToAgent } from '../../stores/notifier';
import { Icons } from '../widgets/icons';
import { IconButton } from '../widgets/IconButton';
import { AgentIcons } from '../widgets/agent-icons';
import { isLive } from '../../stores/sessions-store';
import { ApprovalRequest } from '../widgets/ApprovalRequest';
import { useApp, useNotifications, useSessions } from './StoresContext';

const TOAST_MS = 8000;

/** The in-app side of notifications: a short stack in the corner, each one a way to the agent. */
export function Toasts() {
  const toasts = useNotifications((s) => s.toasts);
  return (
    <div className="toasts" role="region" aria-label="Notifications" aria-live="polite">
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} />
      ))}
    </div>
  );
}

function ToastItem({ toast }: { toast: Toast }) {
  const app = useApp();
  const dismiss = () => app.notifications.getState().dismissToast(toast.id);
  // A permission request stays on screen while it waits, and goes once it is answered anywhere.
  const asking = useSessions((s) => (toast.approval ? s.byId[toast.approval.sessionId] : undefined));
  const waiting = !!toast.approval && asking?.approval?.id === toast.approval.id && isLive(asking);
  useEffect(() => {
    if (toast.approval) return;
    const timer = setTimeout(() => app.notifications.getState().dismissToast(toast.id), TOAST_MS);
    return () => clearTimeout(timer);
  }, [app, toast.id, toast.approval]);
  useEffect(() => {
    if (toast.approval && !waiting) app.notifications.getState().dismissToast(toast.id);
  }, [app, toast.id, toast.approval, waiting]);
  if (waiting && asking) {
    return (
      <div className="toast toast-needs-input toast-approval" role="status">
        <span className="toast-icon">
          <AgentIcons.bell />
        </span>
        <div className="toast-text">
          <ApprovalRequest session={asking} name={app.agents.getState().byId[asking.agent]?.name ?? asking.agentName} compact onAnswered={dismiss} />
        </div>
        <IconButton label="Dismiss notification" onClick={dismiss}>
          <Icons.close />
        </IconButton>
      </div>
    );
  }
  const icon = toast.kind === 'failed' ? <AgentIcons.alert /> : toast.kind === 'finished' ? <AgentIcons.check /> : <AgentIcons.bell />;
  return (
    <div className={`toast toast-${toast.kind}`} role="status">
      <span className="toast-icon">{icon}</span>
      <div className="toast-text">
        <strong>{toast.title}</strong>
        <span>{toast.body}</span>
      </div>
      {toast.kind !== 'info' ? (
        <button
          type="button"
          className="button toast-go"
          onClick={() => {
            goToAgent(app.layout, toast.agent);
            dismiss();
          }}
        >
          Show
        </button>
      ) : null}
      <IconButton label="Dismiss notification" onClick={dismiss}>
        <Icons.close />
      </IconButton>
    </div>
  );
}
