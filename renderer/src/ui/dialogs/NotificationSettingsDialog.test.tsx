import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithStores } from '../../testing/render';
import { NotificationSettingsDialog } from './NotificationSettingsDialog';

function settingsDialog() {
  let closed = 0;
  const rendered = renderWithStores(<NotificationSettingsDialog onClose={() => closed++} />);
  return { ...rendered, dialog: screen.getByRole('dialog', { name: 'Notifications' }), closed: () => closed };
}

afterEach(() => vi.unstubAllGlobals());

describe('Notifications dialog', () => {
  it('shows each kind of notification as a checkbox that turns it off and on', async () => {
    const { user, dialog, stores } = settingsDialog();
    const finished = within(dialog).getByRole('checkbox', { name: 'When an agent finishes' }) as HTMLInputElement;
    expect(finished.checked).toBe(stores.notifications.getState().settings.finished);
    const before = finished.checked;
    await user.click(finished);
    expect(stores.notifications.getState().settings.finished).toBe(!before);
    expect(finished.checked).toBe(!before);
    for (const name of ['When an agent needs input', 'When an agent fails', 'Also as desktop notifications']) {
      expect(within(dialog).getByRole('checkbox', { name })).toBeTruthy();
    }
  });

  it('asks for the desktop permission only when the user clicks for it, then says it is allowed', async () => {
    const asked: string[] = [];
    vi.stubGlobal('Notification', {
      permission: 'default',
      requestPermission: async () => {
        asked.push('permission');
        return 'granted';
      },
    });
    const { user, dialog } = settingsDialog();
    expect(dialog.textContent).toContain('Desktop notifications need your permission.');
    expect(asked).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Enable desktop notifications' }));
    expect(await within(dialog).findByText('Desktop notifications are allowed.')).toBeTruthy();
    expect(asked).toEqual(['permission']);
    expect(within(dialog).queryByRole('button', { name: 'Enable desktop notifications' })).toBeNull();
  });

  it('says how to allow notifications the browser blocks, and closes on Done', async () => {
    vi.stubGlobal('Notification', { permission: 'denied', requestPermission: async () => 'denied' });
    const { user, dialog, closed } = settingsDialog();
    expect(dialog.textContent).toContain('Desktop notifications are blocked for this site');
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(closed()).toBe(1);
  });
});
