import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithStores } from '../../testing/render';
import { agentDto, openProject } from '../../testing/world';
import { ResourcesDialog } from './ResourcesDialog';

const NOW = new Date(2026, 11, 5, 18).getTime();
const day = (d: number) => new Date(2026, 11, d, 12).getTime();

describe('Cost by agent over time, from the Resources view', () => {
  it('shows each agent of the usage log with its cost, partly estimated ones marked, the most expensive first, per day as bars', async () => {
    const { api, stores } = await openProject({ agents: [agentDto('reviewer'), agentDto('coder')] });
    const asked: number[] = [];
    api.answer('resources.list', []).answer('usage.history', ({ days }) => {
      asked.push(days ?? 0);
      return {
        ok: true,
        value: [
          { agent: 'reviewer', session: 'r1', firstAt: day(3), lastAt: day(3), turns: 3, inputTokens: 9000, outputTokens: 1000, costUsd: 0.8 },
          { agent: 'coder', session: 'c1', firstAt: day(4), lastAt: day(4), turns: 5, inputTokens: 2_000_000, outputTokens: 100_000, costUsd: 3.5, estimated: true },
          { agent: 'coder', session: 'c2', firstAt: day(5), lastAt: day(5), turns: 1, inputTokens: 1000, outputTokens: 0, costUsd: 0.5 },
        ],
      };
    });
    renderWithStores(<ResourcesDialog onClose={() => {}} now={() => NOW} />, { api, stores });
    fireEvent.click(await screen.findByRole('button', { name: 'Cost over time…' }));
    const table = await screen.findByRole('table', { name: 'Use per agent, last 30 days' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => [...row.querySelectorAll('th, td')].slice(0, 4).map((cell) => cell.textContent))).toEqual([
      ['Coder', '~$4.00', '2.1M', '2'],
      ['Reviewer', '$0.80', '10k', '1'],
    ]);
    const coderBars = within(rows[0]!).getByRole('img');
    expect(coderBars.getAttribute('aria-label')).toBe('Coder: cost per day over the last 30 days, ~$4.00 in all, partly estimated from your prices');
    expect(coderBars.querySelectorAll('rect')).toHaveLength(2);
    // One scale for every agent: the reviewer's $0.80 day stands lower than the coder's $3.50 one.
    const tallest = (row: HTMLElement) => Math.max(...[...row.querySelectorAll('rect')].map((rect) => Number(rect.getAttribute('height'))));
    expect(tallest(rows[1]!)).toBeLessThan(tallest(rows[0]!) / 3);
    fireEvent.click(screen.getByRole('button', { name: '7 days' }));
    await waitFor(() => expect(asked).toEqual([30, 7]));
  });

  it('says so when no agent reported any use in the period', async () => {
    const { api, stores } = await openProject({});
    api.answer('resources.list', []).answer('usage.history', []);
    renderWithStores(<ResourcesDialog onClose={() => {}} now={() => NOW} />, { api, stores });
    fireEvent.click(await screen.findByRole('button', { name: 'Cost over time…' }));
    expect(await screen.findByText('No agent of this project has reported any use in the last 30 days.')).toBeTruthy();
  });
});
