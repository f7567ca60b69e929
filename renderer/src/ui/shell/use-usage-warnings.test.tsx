import { act } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithStores } from '../../testing/render';
import { agentDto, openProject } from '../../testing/world';
import { useUsageWarnings } from './use-usage-warnings';

function Warnings() {
  useUsageWarnings();
  return null;
}

describe('useUsageWarnings', () => {
  it('says when an agent crossed its daily budget, and that it keeps running', async () => {
    const { api, stores } = await openProject({ agents: [agentDto('coder')] });
    renderWithStores(<Warnings />, { api, stores });
    act(() => api.emit('agents.overBudget', { agent: 'coder', budgetUsd: 5, spentUsd: 5.5 }));
    expect(stores.notifications.getState().toasts.map((t) => [t.title, t.body])).toEqual([
      ['Coder is over its budget', '$5.50 today against a budget of $5.00 a day. It keeps running; stop it if you want.'],
    ]);
  });

  it("marks the spending estimated where some of it is tokens at the user's prices", async () => {
    const { api, stores } = await openProject({ agents: [agentDto('coder')] });
    renderWithStores(<Warnings />, { api, stores });
    act(() => api.emit('agents.overBudget', { agent: 'coder', budgetUsd: 3, spentUsd: 3.5, estimated: true }));
    expect(stores.notifications.getState().toasts.map((t) => t.body)).toEqual([
      '~$3.50 today (partly estimated from your prices) against a budget of $3.00 a day. It keeps running; stop it if you want.',
    ]);
  });
});
