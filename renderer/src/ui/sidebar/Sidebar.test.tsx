import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { findPaneWith, panesOf } from '../../layout/layout-tree';
import { renderWithStores } from '../../testing/render';
import { agentDto, openProject, profileDto, sessionDto, skillDto, type ProjectContents } from '../../testing/world';
import { Sidebar } from './Sidebar';

async function sidebar(contents: ProjectContents = {}) {
  const { api, stores } = await openProject({
    agents: [agentDto('reviewer'), agentDto('broken', { error: 'The persona has no frontmatter.' })],
    skills: [skillDto('testing'), skillDto('style', { scope: 'global' })],
    profiles: [profileDto('shell'), profileDto('claude', { resume: { args: ['--continue'] } })],
    ...contents,
  });
  api.answer('agents.launch', (p) => ({ ok: true, value: sessionDto(`s-${p.slug}`, p.slug, { cols: p.cols, rows: p.rows }) }));
  const asked: string[] = [];
  const rendered = renderWithStores(
    <Sidebar onNewAgent={() => asked.push('new agent')} onNewSkill={() => asked.push('new skill')} onOpenFolder={() => asked.push('open folder')} onPalette={() => asked.push('palette')} />,
    { api, stores },
  );
  const rowOf = (name: string) => within(screen.getByRole('list', { name: 'Agents' })).getAllByRole('listitem').find((row) => row.textContent?.includes(name))!;
  return { ...rendered, asked, rowOf };
}

const terminalPaneOf = (root: Parameters<typeof findPaneWith>[0], agent: string) => findPaneWith(root, (c) => c.kind === 'terminal' && c.agent === agent);

describe('Sidebar', () => {
  it('names the project and lists its agents with their status and profile, and its skills', async () => {
    const { rowOf } = await sidebar({ sessions: [sessionDto('s1', 'reviewer', { status: 'needs-input' })] });
    expect(screen.getByRole('heading', { name: 'demo' })).toBeTruthy();
    expect(rowOf('Reviewer').textContent).toContain('needs input');
    expect(rowOf('Reviewer').textContent).toContain('shell');
    expect(rowOf('Broken').textContent).toContain('The persona has no frontmatter.');
    const skills = screen.getByRole('list', { name: 'Skills' });
    expect(within(skills).getAllByRole('button').map((b) => b.getAttribute('aria-label'))).toEqual(['Edit skill testing', 'Edit skill style']);
  });

  it('launches an agent at the size of the pane it opens in, then shows that pane', async () => {
    const { user, api, stores } = await sidebar();
    await user.click(screen.getByRole('button', { name: 'Launch Reviewer' }));
    expect(api.callsOf('agents.launch')).toEqual([{ slug: 'reviewer', cols: 100, rows: 30 }]);
    await waitFor(() => expect(terminalPaneOf(stores.layout.getState().root, 'reviewer')).toBeTruthy());
    expect(stores.layout.getState().focused).toBe(terminalPaneOf(stores.layout.getState().root, 'reviewer')!.id);
  });

  it('shows a running agent instead of launching it twice', async () => {
    const { user, api, stores } = await sidebar({ sessions: [sessionDto('s1', 'reviewer', { status: 'idle' })] });
    const launch = screen.getByRole('button', { name: 'Launch Reviewer' });
    expect(launch.getAttribute('title')).toBe('Show Reviewer');
    await user.click(launch);
    expect(api.callsOf('agents.launch')).toEqual([]);
    expect(terminalPaneOf(stores.layout.getState().root, 'reviewer')).toBeTruthy();
  });

  it('says in the row why a launch was refused, and opens no pane', async () => {
    const { user, api, stores, rowOf } = await sidebar();
    api.fail('agents.launch', 'profile-not-found', 'No profile named "shell".');
    await user.click(screen.getByRole('button', { name: 'Launch Reviewer' }));
    expect(await within(rowOf('Reviewer')).findByText('No profile named "shell".')).toBeTruthy();
    expect(panesOf(stores.layout.getState().root)).toEqual([]);
  });

  it('drops a launch refusal once the agent’s file changed, since it may no longer hold', async () => {
    const { user, api, rowOf } = await sidebar({ agents: [agentDto('reviewer', { workspace: 'project' }), agentDto('broken', { error: 'The persona has no frontmatter.' })] });
    api.fail('agents.launch', 'injection-unsupported-in-project-mode', 'In the "project" workspace Tessera will not overwrite your AGENTS.md.');
    await user.click(screen.getByRole('button', { name: 'Launch Reviewer' }));
    expect(await within(rowOf('Reviewer')).findByText(/will not overwrite your AGENTS.md/)).toBeTruthy();
    api.answer('agents.list', [agentDto('reviewer', { workspace: 'run-dir' }), agentDto('broken', { error: 'The persona has no frontmatter.' })]);
    api.emit('agents.changed', {});
    await waitFor(() => expect(rowOf('Reviewer').textContent).not.toContain('will not overwrite'));
  });

  it('keeps a launch refusal when the agents are read again and this one did not change', async () => {
    const { user, api, rowOf } = await sidebar();
    api.fail('agents.launch', 'worktree-setup-failed', 'The set-up command failed (exit code 3).');
    await user.click(screen.getByRole('button', { name: 'Launch Reviewer' }));
    expect(await within(rowOf('Reviewer')).findByText(/exit code 3/)).toBeTruthy();
    api.answer('agents.list', [agentDto('reviewer'), agentDto('broken', { error: 'The persona has no frontmatter.' }), agentDto('other')]);
    api.emit('agents.changed', {});
    expect(await screen.findByRole('button', { name: 'Launch Other' })).toBeTruthy();
    expect(rowOf('Reviewer').textContent).toContain('exit code 3');
  });

  it('drops a launch refusal once the agent runs', async () => {
    const { user, api, rowOf } = await sidebar();
    api.fail('agents.launch', 'spawn-failed', 'It could not start.');
    await user.click(screen.getByRole('button', { name: 'Launch Reviewer' }));
    expect(await within(rowOf('Reviewer')).findByText('It could not start.')).toBeTruthy();
    api.emit('sessions.changed', sessionDto('s9', 'reviewer', { status: 'idle' }));
    await waitFor(() => expect(rowOf('Reviewer').textContent).not.toContain('It could not start.'));
  });

  it('lists a skill an agent names that does not exist as a problem of that agent', async () => {
    const { rowOf } = await sidebar({ agents: [agentDto('reviewer', { skills: ['testing', 'nosuch-skill', 'style'] })] });
    expect(rowOf('Reviewer').textContent).toContain('Skill “nosuch-skill” does not exist in .tessera/skills or the global skills, so the agent launches without it.');
    expect(rowOf('Reviewer').textContent).not.toContain('“testing”');
  });

  it('cannot launch an agent whose persona is broken', async () => {
    await sidebar();
    expect((screen.getByRole('button', { name: 'Launch Broken' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('offers Restart once an agent has run, and Resume where its profile can continue a conversation', async () => {
    const { user, api, stores, rowOf } = await sidebar({
      agents: [agentDto('reviewer', { profile: 'claude' }), agentDto('builder')],
      sessions: [sessionDto('s1', 'reviewer', { profile: 'claude', status: 'exited', exitCode: 0 }), sessionDto('s2', 'builder', { status: 'exited', exitCode: 1 })],
    });
    expect(within(rowOf('Builder')).queryByRole('button', { name: 'Resume Builder' })).toBeNull();
    api.answer('sessions.restart', sessionDto('s3', 'reviewer', { status: 'starting', profile: 'claude' }));
    await user.click(within(rowOf('Reviewer')).getByRole('button', { name: 'Resume Reviewer' }));
    expect(api.callsOf('sessions.restart')).toEqual([{ id: 's1', resume: true }]);
    await waitFor(() => expect(terminalPaneOf(stores.layout.getState().root, 'reviewer')).toBeTruthy());
    await user.click(within(rowOf('Builder')).getByRole('button', { name: 'Restart Builder' }));
    expect(api.callsOf('sessions.restart').at(-1)).toEqual({ id: 's2' });
  });

  it('opens the persona and skill files in editors', async () => {
    const { user, stores } = await sidebar();
    await user.click(within(screen.getByRole('list', { name: 'Agents' })).getAllByRole('button', { name: 'Edit persona' })[0]!);
    await user.click(screen.getByRole('button', { name: 'Edit skill style' }));
    expect(panesOf(stores.layout.getState().root).map((p) => p.content)).toEqual([
      { kind: 'editor', file: { kind: 'agent', slug: 'reviewer' } },
      { kind: 'editor', file: { kind: 'skill', name: 'style', scope: 'global' } },
    ]);
  });

  it('asks the shell for the new agent and skill dialogs, the folder and the palette', async () => {
    const { user, asked } = await sidebar();
    for (const name of ['New agent', 'New skill', 'Open folder']) await user.click(screen.getByRole('button', { name }));
    await user.click(screen.getByRole('button', { name: /Commands/ }));
    expect(asked).toEqual(['new agent', 'new skill', 'open folder', 'palette']);
  });

  it('offers Send to agents only while an agent runs', async () => {
    const idle = await sidebar();
    expect((screen.getByRole('button', { name: 'Send to agents' }) as HTMLButtonElement).disabled).toBe(true);
    idle.unmount();
    const { user, actions } = await sidebar({ sessions: [sessionDto('s1', 'reviewer', { status: 'busy' })] });
    await user.click(screen.getByRole('button', { name: 'Send to agents' }));
    expect(actions.asked).toEqual(['send all']);
  });

  it('says how to start when the project has no agents and no skills', async () => {
    await sidebar({ agents: [], skills: [] });
    expect(screen.getByText('No agents yet — create one with New agent.')).toBeTruthy();
    expect(screen.getByText('No skills yet — create one with New skill.')).toBeTruthy();
  });
});
