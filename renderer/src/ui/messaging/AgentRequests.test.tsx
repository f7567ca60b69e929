import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AgentRequestDto } from '../../../../contract/agent-messaging';
import { createAgentRequestsStore } from '../../stores/agent-requests-store';
import { settle } from '../../testing/fake-api';
import { renderWithStores } from '../../testing/render';
import { agentDto, openProject } from '../../testing/world';
import { AgentMessagingDialog } from './AgentMessagingDialog';
import { AgentRequests } from './AgentRequests';

const request = (id: string, extra: Partial<AgentRequestDto> = {}): AgentRequestDto => ({ id, from: 'lead', to: 'worker', kind: 'send', text: 'take the parser', at: Date.now(), expiresAt: Date.now() + 50_000, ...extra });

async function world(pending: AgentRequestDto[] = []) {
  const { api, stores } = await openProject({ agents: [agentDto('lead'), agentDto('worker')] });
  api.answer('agentMessaging.get', { setting: 'ask', pending });
  api.answer('agentMessaging.answer', {});
  api.answer('agentMessaging.set', (params) => ({ ok: true, value: { setting: params.setting } }));
  const requests = createAgentRequestsStore(api);
  await requests.getState().load();
  let settingsOpened = 0;
  const rendered = renderWithStores(<AgentRequests store={requests} onSettings={() => settingsOpened++} />, { api, stores });
  return { ...rendered, requests, settingsOpened: () => settingsOpened };
}

describe('Agent requests', () => {
  it('shows a waiting request with the calling agent, the target, the whole message and the time left', async () => {
    await world([request('r1')]);
    const card = screen.getByRole('alertdialog', { name: 'Lead asks to message Worker' });
    expect(within(card).getByLabelText('Message').textContent).toBe('take the parser');
    expect(within(card).getByText(/^Refused in \d+ s unless you answer$/)).toBeTruthy();
  });

  it('allows or denies through the host, and the request goes once answered', async () => {
    const { user, api } = await world([request('r1'), request('r2', { kind: 'launch', text: undefined })]);
    await user.click(within(screen.getByRole('alertdialog', { name: 'Lead asks to message Worker' })).getByRole('button', { name: 'Allow' }));
    await user.click(within(screen.getByRole('alertdialog', { name: 'Lead asks to launch Worker' })).getByRole('button', { name: 'Deny' }));
    expect(api.callsOf('agentMessaging.answer')).toEqual([
      { id: 'r1', allow: true },
      { id: 'r2', allow: false },
    ]);
    expect(screen.queryByRole('region', { name: 'Agent requests' })).toBeNull();
  });

  it('appears when the host announces a request, and goes when it is settled elsewhere or times out', async () => {
    const { api } = await world();
    expect(screen.queryByRole('region', { name: 'Agent requests' })).toBeNull();
    act(() => api.emit('agentMessaging.requested', request('r3', { from: 'worker', to: 'lead', text: 'done' })));
    expect(screen.getByRole('alertdialog', { name: 'Worker asks to message Lead' })).toBeTruthy();
    act(() => api.emit('agentMessaging.settled', { id: 'r3', outcome: 'timed-out' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('drops a request already gone without a word, and keeps one whose answer failed, saying why', async () => {
    const { user, api } = await world([request('r1'), request('r2')]);
    api.fail('agentMessaging.answer', 'agent-request-gone', 'This request was already answered.');
    const [first] = screen.getAllByRole('alertdialog');
    await user.click(within(first!).getByRole('button', { name: 'Allow' }));
    expect(screen.queryByText('This request was already answered.')).toBeNull();
    api.fail('agentMessaging.answer', 'internal', 'Something broke.');
    await user.click(screen.getByRole('button', { name: 'Deny' }));
    expect(screen.getByText('Something broke.')).toBeTruthy();
    expect(screen.getAllByRole('alertdialog')).toHaveLength(1);
  });

  it('opens the setting from a request', async () => {
    const { user, settingsOpened } = await world([request('r1')]);
    await user.click(screen.getByRole('button', { name: 'Settings…' }));
    expect(settingsOpened()).toBe(1);
  });
});

describe('Agent messaging dialog', () => {
  it("shows the project's setting and changes it through the host, which keeps it in the user's config", async () => {
    const { api, stores } = await openProject();
    api.answer('agentMessaging.get', { setting: 'off', pending: [] });
    api.answer('agentMessaging.set', (params) => ({ ok: true, value: { setting: params.setting } }));
    const requests = createAgentRequestsStore(api);
    await requests.getState().load();
    const { user } = renderWithStores(<AgentMessagingDialog store={requests} onClose={() => undefined} />, { api, stores });
    const dialog = screen.getByRole('dialog', { name: 'Agent messaging' });
    expect((within(dialog).getByRole('radio', { name: /^Off/ }) as HTMLInputElement).checked).toBe(true);
    await user.click(within(dialog).getByRole('radio', { name: /^Ask me/ }));
    expect(api.callsOf('agentMessaging.set')).toEqual([{ setting: 'ask' }]);
    expect((within(dialog).getByRole('radio', { name: /^Ask me/ }) as HTMLInputElement).checked).toBe(true);
    act(() => api.emit('agentMessaging.changed', { setting: 'on' }));
    expect((within(dialog).getByRole('radio', { name: /^On/ }) as HTMLInputElement).checked).toBe(true);
  });

  it('says why the setting could not be saved, and keeps the one in force', async () => {
    const { api, stores } = await openProject();
    api.answer('agentMessaging.get', { setting: 'off', pending: [] });
    api.fail('agentMessaging.set', 'fs-failed', 'Could not write agent-messaging.json.');
    const requests = createAgentRequestsStore(api);
    await requests.getState().load();
    const { user } = renderWithStores(<AgentMessagingDialog store={requests} onClose={() => undefined} />, { api, stores });
    await user.click(screen.getByRole('radio', { name: /^On/ }));
    await settle();
    expect(screen.getByText('Could not write agent-messaging.json.')).toBeTruthy();
    expect((screen.getByRole('radio', { name: /^Off/ }) as HTMLInputElement).checked).toBe(true);
  });
});
