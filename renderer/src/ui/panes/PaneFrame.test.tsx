import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LayoutNode } from '../../layout/layout-tree';
import { panesOf } from '../../layout/layout-tree';
import { renderWithStores } from '../../testing/render';
import { agentDto, openProject, profileDto, sessionDto, type ProjectContents } from '../../testing/world';
import { PaneFrame } from './PaneFrame';

const pane = (id: string, content: Extract<LayoutNode, { type: 'pane' }>['content']): LayoutNode => ({ type: 'pane', id, content });
const twoPanes: LayoutNode = { type: 'split', id: 's', direction: 'row', ratio: 0.5, first: pane('a', { kind: 'terminal', agent: 'reviewer' }), second: pane('b', { kind: 'empty' }) };

async function frame(paneId: string, label: string, contents: ProjectContents = {}) {
  const { api, stores } = await openProject({ agents: [agentDto('reviewer', { profile: 'claude' })], profiles: [profileDto('claude', { resume: { args: ['--continue'] } })], layout: { version: 1, root: twoPanes, focused: 'b' }, ...contents });
  const rendered = renderWithStores(
    <PaneFrame paneId={paneId} label={label} icon={null} title={label} style={{}} hidden={false}>
      <p>body of {label}</p>
    </PaneFrame>,
    { api, stores },
  );
  return { ...rendered, region: screen.getByRole('region', { name: label }), layout: () => stores.layout.getState() };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('Pane frame', () => {
  it('is a region named for what it shows, around its body', async () => {
    const { region } = await frame('b', 'Empty pane');
    expect(within(region).getByText('body of Empty pane')).toBeTruthy();
  });

  it('splits, maximizes and restores, and closes its own pane', async () => {
    const { user, region, layout } = await frame('b', 'Empty pane');
    await user.click(within(region).getByRole('button', { name: 'Split down' }));
    expect(panesOf(layout().root)).toHaveLength(3);
    const maximize = within(region).getByRole('button', { name: 'Maximize pane' });
    await user.click(maximize);
    expect(layout().maximized).toBe('b');
    expect(maximize.getAttribute('aria-pressed')).toBe('true');
    await user.click(maximize);
    expect(layout().maximized).toBeUndefined();
    await user.click(within(region).getByRole('button', { name: 'Close pane' }));
    expect(panesOf(layout().root).map((p) => p.id)).not.toContain('b');
  });

  it("shows in a terminal pane's header the agent's status message, then a message another agent sent it, and nothing of other agents", async () => {
    const { api, region } = await frame('a', 'Terminal: Reviewer');
    const header = region.querySelector('header')!;
    act(() => api.emit('agents.note', { agent: 'builder', kind: 'status', text: 'not mine', at: 1 }));
    expect(header.textContent).not.toContain('not mine');
    act(() => api.emit('agents.note', { agent: 'reviewer', kind: 'status', text: 'reviewing the parser', at: 1 }));
    expect(within(header).getByLabelText('Agent status').textContent).toBe('reviewing the parser');
    act(() => api.emit('agents.note', { agent: 'reviewer', kind: 'message', from: 'lead', text: 'check the tests too', at: 2 }));
    expect(within(header).getByLabelText('Message from lead').textContent).toBe('✉ lead: check the tests too');
  });

  it('toggles maximize on a double click of its header', async () => {
    const { region, layout } = await frame('b', 'Empty pane');
    fireEvent.doubleClick(region.querySelector('header')!);
    expect(layout().maximized).toBe('b');
  });

  it('becomes the focused pane when the user clicks into it', async () => {
    const { user, region, layout } = await frame('a', 'Terminal: Reviewer');
    expect(layout().focused).toBe('b');
    await user.click(within(region).getByText('body of Terminal: Reviewer'));
    expect(layout().focused).toBe('a');
  });

  it('asks before closing an editor with unsaved changes, and keeps it on no', async () => {
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);
    const { user, region, layout, stores } = await frame('b', 'Empty pane');
    stores.layout.getState().setDirty('b', true);
    await user.click(within(region).getByRole('button', { name: 'Close pane' }));
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(panesOf(layout().root).map((p) => p.id)).toContain('b');
  });

  it("shows a terminal pane's agent status, its transcript, and Resume and Restart once it stopped", async () => {
    const { user, api, region, actions } = await frame('a', 'Terminal: Reviewer', {
      sessions: [sessionDto('s1', 'reviewer', { agentName: 'Reviewer', profile: 'claude', status: 'exited', exitCode: 2 })],
    });
    expect(region.textContent).toContain('exited');
    expect(region.textContent).toContain('exit code 2');
    await user.click(within(region).getByRole('button', { name: 'Show transcript' }));
    expect(actions.asked).toEqual(['transcript reviewer']);
    // Each new session ends at once, so both buttons stay.
    api.answer('sessions.restart', sessionDto('s1', 'reviewer', { agentName: 'Reviewer', profile: 'claude', status: 'exited', exitCode: 2 }));
    await user.click(within(region).getByRole('button', { name: 'Resume Reviewer' }));
    await user.click(within(region).getByRole('button', { name: 'Restart Reviewer' }));
    expect(api.callsOf('sessions.restart')).toEqual([{ id: 's1', resume: true }, { id: 's1' }]);
  });

  it('tells the user when a restart fails', async () => {
    const { user, api, region, stores } = await frame('a', 'Terminal: Reviewer', { sessions: [sessionDto('s1', 'reviewer', { status: 'failed', reason: 'spawn failed' })] });
    api.fail('sessions.restart', 'spawn-failed', 'The command was not found.');
    await user.click(within(region).getByRole('button', { name: 'Restart Reviewer' }));
    await vi.waitFor(() => expect(stores.notifications.getState().toasts.map((t) => `${t.title}: ${t.body}`)).toEqual(['Could not restart Reviewer: The command was not found.']));
  });

  it('puts every button but Close into a More actions menu when the header is too narrow for them, and runs them from there', async () => {
    // Nothing is laid out here: the header says it is 150 pixels wide and holds 400 pixels of content.
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(150);
    vi.spyOn(HTMLElement.prototype, 'scrollWidth', 'get').mockReturnValue(400);
    const { user, region, layout } = await frame('b', 'Empty pane');
    expect(within(region).queryByRole('button', { name: 'Split down' })).toBeNull();
    expect(within(region).getByRole('button', { name: 'Close pane' })).toBeTruthy();
    await user.click(within(region).getByRole('button', { name: 'More actions' }));
    const menu = within(region).getByRole('group', { name: 'Pane actions' });
    await user.click(within(menu).getByRole('button', { name: 'Split down' }));
    expect(panesOf(layout().root)).toHaveLength(3);
    expect(within(region).queryByRole('group', { name: 'Pane actions' })).toBeNull();
    await user.click(within(region).getByRole('button', { name: 'More actions' }));
    await user.keyboard('{Escape}');
    expect(within(region).queryByRole('group', { name: 'Pane actions' })).toBeNull();
  });
});
