import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ResourceRowDto } from '../../../../contract/usage';
import { FakeApi } from '../../testing/fake-api';
import { renderWithStores } from '../../testing/render';
import { formatUptime, ResourcesDialog } from './ResourcesDialog';

const NOW = 10_000_000;
const MB = 1024 * 1024;

const row = (id: string, agentName: string, extra: Partial<ResourceRowDto> = {}): ResourceRowDto => ({
  id, agentName, agent: agentName.toLowerCase(), projectRoot: '/work/demo', projectName: 'demo', profile: 'claude', pid: 100, status: 'busy', startedAt: NOW - 60_000, ...extra,
});

async function open(rows: ResourceRowDto[]) {
  let listed = rows;
  const api = new FakeApi()
    .answer('resources.list', () => ({ ok: true, value: listed }))
    .answer('resources.stop', ({ id }) => {
      listed = listed.filter((r) => r.id !== id);
      return { ok: true, value: {} };
    });
  const closed: string[] = [];
  const rendered = renderWithStores(<ResourcesDialog onClose={() => closed.push('closed')} now={() => NOW} />, { api });
  const table = await screen.findByRole('table', { name: 'Running agents' });
  const agentsInOrder = () => within(table).getAllByRole('rowheader').map((cell) => cell.querySelector('.resource-agent')?.textContent);
  return { ...rendered, table, agentsInOrder, closed };
}

const rows = [
  row('s1', 'Reviewer', { cpuPercent: 3, rssBytes: 180 * MB, processes: 4, startedAt: NOW - 5 * 60_000 }),
  row('s2', 'Coder', { cpuPercent: 42, rssBytes: 90 * MB, startedAt: NOW - 2 * 3_600_000, projectRoot: '/work/other', projectName: 'other' }),
  row('s3', 'Tester', { startedAt: NOW - 30_000 }),
];

describe('ResourcesDialog', () => {
  it('lists every running agent with CPU, memory and uptime, busiest first, and its project when several are open', async () => {
    const { table, agentsInOrder } = await open(rows);
    expect(agentsInOrder()).toEqual(['Coder', 'Reviewer', 'Tester']);
    const coder = within(table).getAllByRole('row')[1]!;
    expect(coder.textContent).toContain('42%');
    expect(coder.textContent).toContain('90 MB');
    expect(coder.textContent).toContain('2 h 0 min');
    expect(coder.textContent).toContain('other');
    // Nothing measured yet: empty cells, never a guess.
    expect(within(table).getAllByRole('row')[3]!.querySelector('.col-cpu')?.textContent).toBe('');
    expect(within(table).queryByRole('columnheader', { name: /Cost/ })).toBeNull();
  });

  it('sorts by the column whose header is pressed, and reverses on a second press', async () => {
    const { user, agentsInOrder, table } = await open(rows);
    await user.click(within(table).getByRole('button', { name: /Memory/ }));
    expect(agentsInOrder()).toEqual(['Reviewer', 'Coder', 'Tester']);
    expect(within(table).getByRole('columnheader', { name: /Memory/ }).getAttribute('aria-sort')).toBe('descending');
    await user.click(within(table).getByRole('button', { name: /Uptime/ }));
    expect(agentsInOrder()).toEqual(['Coder', 'Reviewer', 'Tester']);
    await user.click(within(table).getByRole('button', { name: /Uptime/ }));
    expect(agentsInOrder()).toEqual(['Tester', 'Reviewer', 'Coder']);
    await user.click(within(table).getByRole('button', { name: /Agent/ }));
    expect(agentsInOrder()).toEqual(['Coder', 'Reviewer', 'Tester']);
  });

  it('shows a cost column once a CLI reports a cost, blank for the agents whose CLI does not', async () => {
    const { table } = await open([row('s1', 'Reviewer', { costUsd: 1.234 }), row('s2', 'Coder')]);
    expect(within(table).getByRole('columnheader', { name: /Cost/ })).toBeTruthy();
    expect(within(table).getAllByRole('row')[1]!.querySelector('.col-cost')?.textContent).toBe('$1.23');
    expect(within(table).getAllByRole('row')[2]!.querySelector('.col-cost')?.textContent).toBe('');
  });

  it('stops an agent of any project and drops it from the list', async () => {
    const { user, api, agentsInOrder } = await open(rows);
    await user.click(screen.getByRole('button', { name: 'Stop Coder' }));
    expect(api.callsOf('resources.stop')).toEqual([{ id: 's2' }]);
    await waitFor(() => expect(agentsInOrder()).toEqual(['Reviewer', 'Tester']));
  });

  it('says so when no agent runs', async () => {
    const api = new FakeApi().answer('resources.list', []);
    renderWithStores(<ResourcesDialog onClose={() => {}} now={() => NOW} />, { api });
    expect(await screen.findByText('No agent is running.')).toBeTruthy();
  });
});

describe('formatUptime', () => {
  it('reads in minutes, hours and days', () => {
    expect([formatUptime(20_000), formatUptime(61 * 60_000), formatUptime(50 * 3_600_000)]).toEqual(['under a minute', '1 h 1 min', '2 d 2 h']);
  });
});

describe('ResourcesDialog charts', () => {
  it("draws each running agent of the open project its cost, or its CPU where no cost is reported, over the last readings", async () => {
    const api = new FakeApi().answer('resources.list', [row('s1', 'Reviewer', { costUsd: 0.5 }), row('s2', 'Coder', { cpuPercent: 9 })]);
    const { stores } = renderWithStores(<ResourcesDialog onClose={() => {}} now={() => NOW} />, { api });
    await screen.findByRole('table', { name: 'Running agents' });
    expect(screen.queryAllByRole('img')).toEqual([]);
    act(() => {
      api.emit('sessions.usage', { sessions: [{ id: 's1', costUsd: 0.2, cpuPercent: 1 }, { id: 's2', cpuPercent: 4 }] });
      api.emit('sessions.usage', { sessions: [{ id: 's1', costUsd: 0.5, cpuPercent: 2 }, { id: 's2', cpuPercent: 9 }] });
    });
    expect(screen.getAllByRole('img').map((img) => img.getAttribute('aria-label'))).toEqual(['Coder: CPU over the last minutes, now 9%', 'Reviewer: cost over this session, now $0.50']);
    expect(Object.keys(stores.usage.getState().history)).toEqual(['s1', 's2']);
  });

  it("shows each agent's usage-limit windows in a Limits column only when some agent's CLI records them, sortable by the fuller one", async () => {
    const { table, agentsInOrder } = await open([
      row('s1', 'Codex A', { rateLimits: { primary: { usedPercent: 42.5, windowMinutes: 300 }, secondary: { usedPercent: 7, windowMinutes: 10_080 } } }),
      row('s2', 'Codex B', { rateLimits: { primary: { usedPercent: 10, windowMinutes: 300 }, secondary: { usedPercent: 96, windowMinutes: 10_080 } } }),
      row('s3', 'Claude'),
    ]);
    expect(within(table).getByRole('columnheader', { name: 'Limits' })).toBeTruthy();
    expect(table.querySelectorAll('td.col-limits')[0]?.textContent).toMatch(/5h \d+% · week \d+%/);
    act(() => within(table).getByRole('button', { name: 'Limits' }).click());
    expect(agentsInOrder()).toEqual(['Codex B', 'Codex A', 'Claude']);
    expect(table.querySelector('td.col-limits')?.textContent).toBe('5h 10% · week 96%');
  });

  it('has no Limits column when no agent reports a usage limit', async () => {
    const { table } = await open(rows);
    expect(within(table).queryByRole('columnheader', { name: 'Limits' })).toBeNull();
  });
});
