import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithStores } from '../../testing/render';
import { openProject, sessionDto } from '../../testing/world';
import { describeOutcome, SendToAgentsDialog } from './SendToAgentsDialog';

async function sendDialog(preselect?: string[]) {
  const { api, stores } = await openProject({
    sessions: [
      sessionDto('s1', 'reviewer', { agentName: 'Reviewer', status: 'idle' }),
      sessionDto('s2', 'builder', { agentName: 'Builder', status: 'busy' }),
      sessionDto('s3', 'gone', { agentName: 'Gone', status: 'exited', exitCode: 0 }),
    ],
  });
  api.answer('sessions.send', (p) => ({
    ok: true,
    value: (p.to as string[]).map((id) => (id === 's1' ? { id, agent: 'reviewer', outcome: 'sent' as const } : { id, agent: 'builder', outcome: 'queued' as const, status: 'busy' as const })),
  }));
  let closed = 0;
  const rendered = renderWithStores(<SendToAgentsDialog onClose={() => closed++} {...(preselect ? { preselect } : {})} />, { api, stores });
  return { ...rendered, dialog: screen.getByRole('dialog', { name: 'Send to agents' }), closed: () => closed };
}

describe('Send to agents dialog', () => {
  it('tells the user an agent asking a question got nothing, and where to answer it', () => {
    expect(describeOutcome({ id: 's1', agent: 'reviewer', outcome: 'skipped', reason: 'asking-a-question' })).toBe(
      'not sent: it is asking a question in its terminal (a menu, a permission or yes/no); answer it there first',
    );
  });

  it('offers the running agents only, all chosen, and says what happened to the message for each', async () => {
    const { user, api, dialog } = await sendDialog();
    const agents = within(dialog).getByRole('group', { name: 'Agents' });
    expect(within(agents).getAllByRole('checkbox').map((box) => box.parentElement?.textContent)).toEqual([
      'All running agents',
      expect.stringContaining('Reviewer'),
      expect.stringContaining('Builder'),
    ]);
    expect(within(agents).getAllByRole('checkbox').every((box) => (box as HTMLInputElement).checked)).toBe(true);
    await user.type(within(dialog).getByRole('textbox', { name: 'Message' }), 'run the tests');
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    expect(api.callsOf('sessions.send')).toEqual([{ message: 'run the tests', to: ['s1', 's2'] }]);
    const delivery = await within(dialog).findByRole('list', { name: 'Delivery' });
    expect(within(delivery).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Reviewersent', 'Builderqueued until it is idle (now busy)']);
    expect((within(dialog).getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement).value).toBe('');
    expect(within(dialog).getByRole('button', { name: 'Close' })).toBeTruthy();
  });

  it('sends to the agents chosen: a pane asks for its own agent only', async () => {
    const { user, api, dialog } = await sendDialog(['s2']);
    expect((within(dialog).getByRole('checkbox', { name: /Reviewer/ }) as HTMLInputElement).checked).toBe(false);
    await user.type(within(dialog).getByRole('textbox', { name: 'Message' }), 'hello');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(api.callsOf('sessions.send')).toEqual([{ message: 'hello', to: ['s2'] }]);
  });

  it('asks for a message and for at least one agent before sending anything', async () => {
    const { user, api, dialog } = await sendDialog();
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    expect(within(dialog).getByText('Type a message to send.')).toBeTruthy();
    await user.type(within(dialog).getByRole('textbox', { name: 'Message' }), 'hello');
    await user.click(within(dialog).getByRole('checkbox', { name: 'All running agents' }));
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    expect(within(dialog).getByText('Choose at least one agent.')).toBeTruthy();
    expect(api.callsOf('sessions.send')).toEqual([]);
  });

  it('Cancel closes without sending', async () => {
    const { user, api, dialog, closed } = await sendDialog();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(closed()).toBe(1);
    expect(api.callsOf('sessions.send')).toEqual([]);
  });
});
