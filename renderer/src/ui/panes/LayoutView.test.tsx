import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { LayoutNode } from '../../layout/layout-tree';
import { panesOf } from '../../layout/layout-tree';
import { renderWithStores } from '../../testing/render';
import { agentDto, openProject, sessionDto, type ProjectContents } from '../../testing/world';
import { LayoutBar } from './LayoutBar';
import { LayoutView } from './LayoutView';

const pane = (id: string, agent?: string): LayoutNode => ({ type: 'pane', id, content: agent ? { kind: 'terminal', agent } : { kind: 'empty' } });
const sideBySide: LayoutNode = { type: 'split', id: 's', direction: 'row', ratio: 0.5, first: pane('a', 'reviewer'), second: pane('b') };

async function layoutView(contents: ProjectContents = {}) {
  const { api, stores } = await openProject({ agents: [agentDto('reviewer')], ...contents });
  const rendered = renderWithStores(
    <>
      <LayoutBar />
      <LayoutView />
    </>,
    { api, stores },
  );
  return { ...rendered, layout: () => stores.layout.getState() };
}

describe('Layout view', () => {
  it('says how to start when there is no pane, and opens an empty one on request', async () => {
    const { user, layout } = await layoutView();
    expect(screen.getByText(/Launch an agent from the sidebar/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Open an empty pane' }));
    expect(panesOf(layout().root)).toHaveLength(1);
    expect(screen.getByRole('region', { name: 'Empty pane' })).toBeTruthy();
  });

  it('shows each pane as a region, a stopped agent with its Relaunch button', async () => {
    await layoutView({ layout: { version: 1, root: sideBySide } });
    const terminal = screen.getByRole('region', { name: 'Terminal: Reviewer' });
    expect(within(terminal).getByRole('button', { name: 'Relaunch Reviewer' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Empty pane' })).toBeTruthy();
  });

  it('relaunches a stopped agent into its pane at that pane’s size', async () => {
    const { user, api } = await layoutView({ layout: { version: 1, root: sideBySide } });
    api.answer('agents.launch', { id: 's1', agent: 'reviewer', agentName: 'Reviewer', profile: 'shell', pid: 1, cwd: '/p', status: 'starting', startedAt: 1, cols: 100, rows: 30, missingSkills: [] });
    await user.click(screen.getByRole('button', { name: 'Relaunch Reviewer' }));
    expect(api.callsOf('agents.launch')).toEqual([{ slug: 'reviewer', cols: 100, rows: 30 }]);
  });

  it('keeps the relaunch-on-open choice, offered once above the stopped agents, in the user’s config', async () => {
    const { user, api, stores } = await layoutView({ layout: { version: 1, root: sideBySide } });
    api.answer('project.setRelaunchOnOpen', (p) => ({ ok: true, value: { root: '/work/demo', trusted: true, relaunchOnOpen: p.enabled, agents: [] } }));
    const choice = screen.getByRole('checkbox', { name: 'Relaunch agents automatically on open' }) as HTMLInputElement;
    expect(choice.checked).toBe(false);
    await user.click(choice);
    expect(api.callsOf('project.setRelaunchOnOpen')).toEqual([{ enabled: true }]);
    expect(stores.project.getState().relaunchOnOpen).toBe(true);
    expect(choice.checked).toBe(true);
  });

  it('after a host restart offers one Relaunch all and one relaunch-on-open choice, each pane a compact Relaunch of its own', async () => {
    const twoStopped: LayoutNode = { type: 'split', id: 's', direction: 'row', ratio: 0.5, first: pane('a', 'reviewer'), second: pane('b', 'builder') };
    const { user, api } = await layoutView({ agents: [agentDto('reviewer'), agentDto('builder')], layout: { version: 1, root: twoStopped } });
    api.answer('agents.launch', (p) => ({ ok: true, value: sessionDto(`s-${p.slug}`, p.slug) }));
    expect(screen.getAllByRole('checkbox', { name: 'Relaunch agents automatically on open' })).toHaveLength(1);
    expect(screen.getAllByRole('button', { name: /^Relaunch all/ })).toHaveLength(1);
    expect(screen.getByRole('group', { name: 'Agents not running' }).textContent).toContain('2 agents not running');
    expect(within(screen.getByRole('region', { name: 'Terminal: Reviewer' })).getByRole('button', { name: 'Relaunch Reviewer' })).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Terminal: Builder' })).getByRole('button', { name: 'Relaunch Builder' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Relaunch all' }));
    // One after another, the focused pane's agent first.
    await waitFor(() => expect(api.callsOf('agents.launch')).toEqual([{ slug: 'reviewer', cols: 100, rows: 30 }, { slug: 'builder', cols: 100, rows: 30 }]));
  });

  it('shows a stopped agent’s last screen, replayed from its transcript’s newest run, under its Relaunch bar', async () => {
    const { api, stores } = await openProject({ agents: [agentDto('reviewer')], layout: { version: 1, root: pane('a', 'reviewer') } });
    const header = (id: string) => `\r\n──── Reviewer: session ${id} started 2026-11-21 09:05:03 UTC (profile fake, pid 7, 40x5) ────\r\n`;
    api.answer('sessions.transcript', { text: `${header('s1')}an older run\r\n${header('s2')}working\r\n\x1b[1mdone: 3 files\x1b[0m\r\nprogress 10%\rprogress 100%` });
    renderWithStores(<LayoutView />, { api, stores });
    const last = await screen.findByLabelText('Last screen of Reviewer');
    expect(last.textContent).toBe('working\ndone: 3 files\nprogress 100%');
    expect(api.callsOf('sessions.transcript')).toEqual([{ slug: 'reviewer' }]);
  });

  it('lets an empty pane pick an agent: the one picked is launched into it at its size and shows there', async () => {
    const { user, api, layout } = await layoutView({ agents: [agentDto('reviewer'), agentDto('builder')], layout: { version: 1, root: pane('e') } });
    api.answer('agents.launch', (p) => ({ ok: true, value: sessionDto(`s-${p.slug}`, p.slug) }));
    const picker = within(screen.getByRole('region', { name: 'Empty pane' })).getByRole('list', { name: 'Agents to open here' });
    await user.click(within(picker).getByRole('button', { name: 'Open Builder here' }));
    expect(api.callsOf('agents.launch')).toEqual([{ slug: 'builder', cols: 100, rows: 30 }]);
    expect(layout().root).toEqual({ type: 'pane', id: 'e', content: { kind: 'terminal', agent: 'builder' } });
  });

  it('hides every other pane while one is maximized, keeping them mounted', async () => {
    await layoutView({ layout: { version: 1, root: sideBySide, maximized: 'b' } });
    expect(screen.getAllByRole('region').map((r) => r.getAttribute('aria-label'))).toEqual(['Empty pane']);
    // The hidden pane stays mounted (its terminal keeps its screen), out of sight and out of the accessibility tree.
    expect(screen.getAllByRole('region', { hidden: true })).toHaveLength(2);
    expect(screen.queryByRole('separator')).toBeNull();
  });

  it('resizes side-by-side panes from the keyboard on their divider', async () => {
    const { user, layout } = await layoutView({ layout: { version: 1, root: sideBySide } });
    const divider = screen.getByRole('separator', { name: 'Resize panes left and right' });
    expect(divider.getAttribute('aria-valuenow')).toBe('50');
    divider.focus();
    await user.keyboard('{ArrowRight}');
    expect(divider.getAttribute('aria-valuenow')).toBe('52');
    await user.keyboard('{Shift>}{ArrowLeft}{/Shift}');
    expect(divider.getAttribute('aria-valuenow')).toBe('42');
    await user.keyboard('{Enter}');
    expect(layout().root?.type === 'split' && layout().root).toMatchObject({ ratio: 0.5 });
    fireEvent.doubleClick(divider);
    expect(divider.getAttribute('aria-valuenow')).toBe('50');
  });

  it('says what loading the layout had to repair until the user dismisses it', async () => {
    const { user } = await layoutView({ layout: { version: 1, root: sideBySide, repaired: ['a pane named an unknown agent: left empty'] } });
    const note = screen.getByRole('status');
    expect(note.textContent).toContain('Layout repaired on load: a pane named an unknown agent: left empty');
    await user.click(within(note).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText(/Layout repaired/)).toBeNull();
  });
});
