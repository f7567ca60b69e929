import { useState } from 'react';
import type { NotificationSettings } from '../../stores/notifications-store';
import { desktopPermission, requestDesktopPermission } from '../../stores/notifier';
import { Dialog } from './Dialog';
import { useApp, useNotifications } from '../shell/StoresContext';

const KINDS: Array<{ key: keyof NotificationSettings; label: string }> = [
  { key: 'needs-input', label: 'When an agent needs input' },
  { key: 'finished', label: 'When an agent finishes' },
  { key: 'failed', label: 'When an agent fails' },
  { key: 'desktop', label: 'Also as desktop notifications' },
];

/** Which notifications to raise (kept in this browser), and the desktop permission, asked on a click. */
export function NotificationSettingsDialog({ onClose }: { onClose: () => void }) {
  const app = useApp();
  const settings = useNotifications((s) => s.settings);
  const [permission, setPermission] = useState(desktopPermission);
  return (
    <Dialog title="Notifications" onClose={onClose}>
      <p className="muted">Raised only when you are not looking at that agent: its pane is not focused, or the window is not.</p>
      <div className="notification-kinds">
        {KINDS.map(({ key, label }) => (
          <label key={key} className="checkbox">
            <input type="checkbox" checked={settings[key]} onChange={(e) => app.notifications.getState().setSetting(key, e.target.checked)} />
            {label}
          </label>
        ))}
      </div>
      <p className="desktop-permission">
        {permission === 'granted'
          ? 'Desktop notifications are allowed.'
          : permission === 'denied'
            ? 'Desktop notifications are blocked for this site; allow them in the browser’s site settings. Toasts and badges still work.'
            : permission === 'unsupported'
              ? 'This browser cannot show desktop notifications; toasts and badges still work.'
              : 'Desktop notifications need your permission.'}
      </p>
      <div className="dialog-buttons">
        {permission === 'default' ? (
          <button type="button" className="button" onClick={() => void requestDesktopPermission().then(setPermission)}>
            Enable desktop notifications
          </button>
        ) : null}
        <button type="button" className="button primary" data-autofocus onClick={onClose}>
          Done
        </button>
      </div>
    </Dialog>
  );
}
