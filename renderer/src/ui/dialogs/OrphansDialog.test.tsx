import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { OrphanDto } from '../../../../contract/contract';
import { FakeApi } from '../../testing/fake-api';
import { renderWithStores } from '../../testing/render';
import { OrphansDialog } from './OrphansDialog';

const orphans: OrphanDto[] = [
  { pid: 4100, agent: 'reviewer', project: '/work/demo', startedAt: Date.UTC(2026, 0, 2) },
  { pid: 4200, agent: 'builder', project: '/work/demo', startedAt: Date.UTC(2026, 0, 2) },
];

function orphansDialog(api = new FakeApi()) {
  let closed = 0;
  const rendered = renderWithStores(<OrphansDialog orphans={orphans} onClose={() => closed++} />, { api });
  return { ...rendered, dialog: screen.getByRole('dialog', { name: 'Agents left running' }), closed: () => closed };
}

describe('Agents left running dialog', () => {
  it('lists each leftover agent with its process, and stops them all on the button it starts on', async () => {
    const api = new FakeApi().answer('orphans.kill', []);
    const { user, dialog, closed } = orphansDialog(api);
    const list = within(dialog).getByRole('list', { name: 'Leftover agents' });
    expect(within(list).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      expect.stringContaining('reviewerpid 4100/work/demo'),
      expect.stringContaining('builderpid 4200/work/demo'),
    ]);
    const stop = within(dialog).getByRole('button', { name: 'Stop them all' });
    expect(document.activeElement).toBe(stop);
    await user.click(stop);
    expect(api.callsOf('orphans.kill')).toEqual([{ pids: [4100, 4200] }]);
    await waitFor(() => expect(closed()).toBe(1));
  });

  it('stays open with the reason when they cannot be stopped', async () => {
    const api = new FakeApi().fail('orphans.kill', 'internal', 'Permission denied.');
    const { user, dialog, closed } = orphansDialog(api);
    await user.click(within(dialog).getByRole('button', { name: 'Stop them all' }));
    expect(await within(dialog).findByText('Permission denied.')).toBeTruthy();
    expect(closed()).toBe(0);
  });

  it('leaves them running on the other button, stopping nothing', async () => {
    const api = new FakeApi();
    const { user, dialog, closed } = orphansDialog(api);
    await user.click(within(dialog).getByRole('button', { name: 'Leave running' }));
    expect(closed()).toBe(1);
    expect(api.callsOf('orphans.kill')).toEqual([]);
  });
});
