import { useEffect } from 'react';
import type { Toast } from '../../stores/notifications-store';
import { goToAgent } from '../../stores/notifier';
import { Icons } from '../widgets/icons';
import { IconButton } from '../widgets/IconButton';
import { AgentIcons } from '../widgets/agent-icons';
import { useApp, useNotifications } from './StoresContext';

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
  useEffect(() => {
    const timer = setTimeout(() => app.notifications.getState().dismissToast(toast.id), TOAST_MS);
    return () => clearTimeout(timer);
  }, [app, toast.id]);
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
