import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatBytes, formatUsage } from '../../stores/usage-store';
import { renderWithStores } from '../../testing/render';
import { agentDto, openProject, sessionDto } from '../../testing/world';
import { Sidebar } from '../sidebar/Sidebar';
import { AgentReport } from './AgentUsage';

const MB = 1024 * 1024;

async function sidebarWithTwoRunning() {
  const { api, stores } = await openProject({
    agents: [agentDto('reviewer'), agentDto('coder'), agentDto('idle')],
    sessions: [sessionDto('s1', 'reviewer'), sessionDto('s2', 'coder'), sessionDto('s3', 'idle', { status: 'exited' })],
  });
  const rendered = renderWithStores(<Sidebar onNewAgent={() => {}} onNewSkill={() => {}} onOpenFolder={() => {}} onPalette={() => {}} />, { api, stores });
  const rowOf = (name: string) => within(screen.getByRole('list', { name: 'Agents' })).getAllByRole('listitem').find((row) => row.textContent?.includes(name))!;
  return { ...rendered, rowOf };
}

describe('Agent usage in the sidebar', () => {
  it("shows each running agent's CPU and memory in its row and the project's totals by the Agents heading", async () => {
    const { api, rowOf } = await sidebarWithTwoRunning();
    expect(rowOf('Reviewer').textContent).not.toContain('MB');
    act(() =>
      api.emit('sessions.usage', {
        sessions: [
          { id: 's1', cpuPercent: 3, rssBytes: 180 * MB, processes: 4 },
          { id: 's2', cpuPercent: 42, rssBytes: 1024 * MB, processes: 9 },
        ],
      }),
    );
    expect(rowOf('Reviewer').textContent).toContain('3% · 180 MB');
    expect(rowOf('Coder').textContent).toContain('42% · 1 GB');
    expect(rowOf('Idle').textContent).not.toContain('%');
    expect(screen.getByLabelText(/^2 running agents:/).textContent).toBe('45% · 1.2 GB');
  });

  it('shows memory alone before CPU is known, and nothing once the agent is no longer measured', async () => {
    const { api, rowOf } = await sidebarWithTwoRunning();
    act(() => api.emit('sessions.usage', { sessions: [{ id: 's1', rssBytes: 20 * MB, processes: 1 }] }));
    expect(screen.getByLabelText('Reviewer: 20 MB resident, 1 process (everything it started included)')).toBeTruthy();
    act(() => api.emit('sessions.usage', { sessions: [] }));
    expect(rowOf('Reviewer').textContent).not.toContain('MB');
    expect(screen.queryByLabelText(/running agent/)).toBeNull();
  });
});

describe('What the CLI reports, in the pane header', () => {
  it('shows the model and context, badged past 80 %, and the cost beside CPU and memory in the row', async () => {
    const { api, stores } = await openProject({ agents: [agentDto('reviewer')], sessions: [sessionDto('s1', 'reviewer')] });
    const { container } = renderWithStores(
      <>
        <AgentReport agent="reviewer" name="Reviewer" />
        <Sidebar onNewAgent={() => {}} onNewSkill={() => {}} onOpenFolder={() => {}} onPalette={() => {}} />
      </>,
      { api, stores },
    );
    expect(container.querySelector('.agent-report')).toBeNull();
    act(() => api.emit('sessions.usage', { sessions: [{ id: 's1', model: 'Opus', contextPercent: 42, contextWindow: 200_000, inputTokens: 84_000, outputTokens: 1_500, costUsd: 0.4213, rssBytes: 5 * MB }] }));
    const report = container.querySelector('.agent-report')!;
    expect(report.textContent).toBe('Opus · 42% context · 84k in / 1.5k out');
    expect(report.getAttribute('title')).toBe('Reviewer: Model Opus, context 42% of 200k tokens, tokens 84k in, 1.5k out, cost $0.42');
    expect(report.classList.contains('context-warning')).toBe(false);
    expect(screen.getByRole('list', { name: 'Agents' }).textContent).toContain('5 MB · $0.42');
    act(() => api.emit('sessions.usage', { sessions: [{ id: 's1', contextPercent: 80 }] }));
    expect(container.querySelector('.agent-report')!.textContent).toBe('80% context');
    expect(container.querySelector('.agent-report')!.classList.contains('context-warning')).toBe(true);
  });
});

describe("The user's context warning and prices, in the pane header and the row", () => {
  async function reviewerRunning() {
    const { api, stores } = await openProject({ agents: [agentDto('reviewer')], sessions: [sessionDto('s1', 'reviewer')] });
    const rendered = renderWithStores(
      <>
        <AgentReport agent="reviewer" name="Reviewer" />
        <Sidebar onNewAgent={() => {}} onNewSkill={() => {}} onOpenFolder={() => {}} onPalette={() => {}} />
      </>,
      { api, stores },
    );
    return { ...rendered, api, stores };
  }

  it("badges the context past the user's threshold rather than 80 %", async () => {
    const { api, stores, container } = await reviewerRunning();
    act(() => stores.usageSettings.setState({ settings: { contextWarningPercent: 50, prices: {} } }));
    act(() => api.emit('sessions.usage', { sessions: [{ id: 's1', contextPercent: 55 }] }));
    const report = container.querySelector('.agent-report')!;
    expect(report.classList.contains('context-warning')).toBe(true);
    expect(report.getAttribute('title')).toBe('Reviewer: context 55% (past the context warning at 50%)');
    act(() => stores.usageSettings.setState({ settings: { contextWarningPercent: 90, prices: {} } }));
    act(() => api.emit('sessions.usage', { sessions: [{ id: 's1', contextPercent: 85 }] }));
    expect(container.querySelector('.agent-report')!.classList.contains('context-warning')).toBe(false);
  });

  it('marks a cost made from the user\'s prices as estimated, and shows none where neither the CLI nor the user gave one', async () => {
    const { api, container } = await reviewerRunning();
    act(() => api.emit('sessions.usage', { sessions: [{ id: 's1', model: 'gpt-5.1-codex', inputTokens: 2_000_000, outputTokens: 100_000, rssBytes: 5 * MB }] }));
    expect(screen.getByRole('list', { name: 'Agents' }).textContent).not.toContain('$');
    act(() => api.emit('sessions.usage', { sessions: [{ id: 's1', model: 'gpt-5.1-codex', inputTokens: 2_000_000, outputTokens: 100_000, rssBytes: 5 * MB, costUsd: 3.5, costEstimated: true }] }));
    expect(screen.getByRole('list', { name: 'Agents' }).textContent).toContain('5 MB · ~$3.50');
    expect(screen.getByLabelText('Reviewer: 5 MB resident, cost ~$3.50 estimated from your prices')).toBeTruthy();
    expect(container.querySelector('.agent-report')!.getAttribute('title')).toContain('cost ~$3.50 estimated from your prices');
  });
});

describe('formatUsage', () => {
  it('writes CPU with a decimal under 10 % and memory in KB, MB or GB, and nothing for no figures', () => {
    expect(formatUsage({ cpuPercent: 0.42, rssBytes: 512 })).toBe('0.4% · 1 KB');
    expect(formatUsage({ cpuPercent: 123.4 })).toBe('123%');
    expect(formatBytes(3.25 * 1024 * MB)).toBe('3.3 GB');
    expect(formatUsage({})).toBe('');
  });
});
