import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithStores } from '../../testing/render';
import { agentDto, openProject, profileDto, skillDto } from '../../testing/world';
import { fieldOfAgentError, NewAgentDialog } from './NewAgentDialog';

async function newAgentDialog() {
  const { api, stores } = await openProject({
    profiles: [profileDto('claude', { name: 'Claude Code', inject: { kind: 'convention-file', target: 'CLAUDE.md' } }), profileDto('fake'), profileDto('shell', { inject: { kind: 'env', var: 'TESSERA_CONTEXT_FILE', value: '{contextPath}' } })],
    skills: [skillDto('testing'), skillDto('code-review')],
  });
  api.answer('profiles.broken', []).answer('agents.create', (input) => ({ ok: true, value: agentDto('reviewer', { name: input.name }) }));
  let closed = 0;
  const rendered = renderWithStores(<NewAgentDialog onClose={() => closed++} />, { api, stores });
  const dialog = screen.getByRole('dialog', { name: 'New agent' });
  return { ...rendered, dialog, closed: () => closed };
}

describe('New agent dialog', () => {
  it('starts in the Name field, and creates the agent from what was typed and chosen, then closes', async () => {
    const { user, api, dialog, closed } = await newAgentDialog();
    const name = within(dialog).getByRole('textbox', { name: 'Name' });
    expect(document.activeElement).toBe(name);
    await user.type(name, 'Reviewer');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Profile' }), 'fake');
    await user.type(within(dialog).getByRole('textbox', { name: 'Persona' }), 'You review.');
    await user.click(within(dialog).getByRole('checkbox', { name: 'testing' }));
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Restart' }), 'on-failure');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(api.callsOf('agents.create')).toEqual([
      { name: 'Reviewer', profile: 'fake', persona: 'You review.', skills: ['testing'], workspace: 'run-dir', restart: 'on-failure' },
    ]);
    await waitFor(() => expect(closed()).toBe(1));
  });

  it('offers no workspace the profile cannot launch in, and says why', async () => {
    const { dialog } = await newAgentDialog();
    const projectRoot = within(dialog).getByRole('option', { name: /^Project root/ }) as HTMLOptionElement;
    expect(projectRoot.disabled).toBe(true);
    expect(projectRoot.textContent).toBe('Project root (not with Claude Code)');
    expect(projectRoot.title).toContain('takes its context as CLAUDE.md');
  });

  it('starts a shell in the project root, and moves a profile that cannot run there back to its own folder', async () => {
    const { user, api, dialog } = await newAgentDialog();
    const workspace = within(dialog).getByRole('combobox', { name: 'Workspace' }) as HTMLSelectElement;
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Profile' }), 'shell');
    expect(workspace.value).toBe('project');
    expect(within(dialog).getByText(/Runs in the project root, \/work\/demo\. Tessera writes nothing there\./)).toBeTruthy();
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Profile' }), 'claude');
    expect(workspace.value).toBe('run-dir');
    expect(within(dialog).getByText('Runs in its own folder, .tessera/run/<agent>, where Tessera writes its CLAUDE.md; the project is one folder up.')).toBeTruthy();
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Term');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Profile' }), 'shell');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(api.callsOf('agents.create')).toMatchObject([{ name: 'Term', profile: 'shell', workspace: 'project' }]);
  });

  it('offers Claude first when it is installed', async () => {
    const { dialog } = await newAgentDialog();
    expect((within(dialog).getByRole('combobox', { name: 'Profile' }) as HTMLSelectElement).value).toBe('claude');
  });

  it('marks the profiles whose CLI is not installed, starts with one that is, and says why Claude Code is not chosen', async () => {
    const { api, stores } = await openProject({ profiles: [profileDto('claude', { name: 'Claude Code', command: 'claude' }), profileDto('codex', { name: 'Codex CLI' }), profileDto('fake')] });
    api.answer('profiles.broken', []).answer('profiles.installed', [{ id: 'claude', installed: false }, { id: 'codex', installed: true }]);
    const { user } = renderWithStores(<NewAgentDialog onClose={() => undefined} />, { api, stores });
    const dialog = screen.getByRole('dialog', { name: 'New agent' });
    const select = within(dialog).getByRole('combobox', { name: 'Profile' }) as HTMLSelectElement;
    await waitFor(() => expect(select.value).toBe('codex'));
    expect([...select.options].map((o) => o.textContent)).toEqual(['Claude Code (not installed)', 'Codex CLI', 'Fake']);
    await user.selectOptions(select, 'claude');
    expect(within(dialog).getByText('Claude Code is not installed: "claude" was not found on your PATH. Install it, or the agent will not launch.')).toBeTruthy();
  });

  it('keeps the profile the user chose when the host says later which CLIs are installed', async () => {
    const { api, stores } = await openProject({ profiles: [profileDto('claude', { name: 'Claude Code' }), profileDto('codex', { name: 'Codex CLI' }), profileDto('fake')] });
    let answer: (value: Array<{ id: string; installed: boolean }>) => void = () => undefined;
    api.answer('profiles.broken', []).answer('profiles.installed', () => new Promise((done) => (answer = (value) => done({ ok: true, value }))));
    const { user } = renderWithStores(<NewAgentDialog onClose={() => undefined} />, { api, stores });
    const select = screen.getByRole('combobox', { name: 'Profile' }) as HTMLSelectElement;
    expect(select.value).toBe('claude');
    await user.selectOptions(select, 'fake');
    answer([{ id: 'claude', installed: false }, { id: 'codex', installed: true }]);
    await waitFor(() => expect(select.options[0]?.textContent).toBe('Claude Code (not installed)'));
    expect(select.value).toBe('fake');
  });

  it('asks for a name under the Name field and sends nothing without one', async () => {
    const { user, api, dialog, closed } = await newAgentDialog();
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    const name = within(dialog).getByRole('textbox', { name: 'Name' });
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(name.getAttribute('aria-describedby')).toBeTruthy();
    expect(within(dialog).getByText('Give the agent a name.')).toBeTruthy();
    expect(api.callsOf('agents.create')).toEqual([]);
    expect(closed()).toBe(0);
  });

  it('shows a refusal under the field it is about and keeps everything typed', async () => {
    const { user, api, dialog, closed } = await newAgentDialog();
    api.fail('agents.create', 'agent-exists', 'An agent named Reviewer already exists.');
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Reviewer');
    await user.type(within(dialog).getByRole('textbox', { name: 'Persona' }), 'Keep me.');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(await within(dialog).findByText('An agent named Reviewer already exists.')).toBeTruthy();
    expect(within(dialog).getByRole('textbox', { name: 'Name' }).getAttribute('aria-invalid')).toBe('true');
    expect((within(dialog).getByRole('textbox', { name: 'Persona' }) as HTMLTextAreaElement).value).toBe('Keep me.');
    expect(closed()).toBe(0);
  });

  it('creates with Ctrl+Enter from the persona', async () => {
    const { user, api, dialog, closed } = await newAgentDialog();
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Quick');
    await user.click(within(dialog).getByRole('textbox', { name: 'Persona' }));
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(api.callsOf('agents.create')).toHaveLength(1);
    await waitFor(() => expect(closed()).toBe(1));
  });

  it('cancels with Escape, sending nothing', async () => {
    const { user, api, dialog, closed } = await newAgentDialog();
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Never');
    await user.keyboard('{Escape}');
    expect(closed()).toBe(1);
    expect(api.callsOf('agents.create')).toEqual([]);
  });

  it('names the profile files that were skipped, so a missing profile is explained', async () => {
    const { api, stores } = await openProject({ profiles: [profileDto('claude')] });
    api.answer('profiles.broken', [{ source: 'profiles/mine.json', error: 'command is missing' }]);
    renderWithStores(<NewAgentDialog onClose={() => undefined} />, { api, stores });
    const note = await screen.findByRole('note', { name: 'Skipped profiles' });
    expect(note.textContent).toContain('Profile file profiles/mine.json was skipped: command is missing');
  });
});

describe('agent errors', () => {
  it('puts each error kind under the field it is about', () => {
    expect(fieldOfAgentError({ kind: 'agent-exists', message: '' })).toBe('name');
    expect(fieldOfAgentError({ kind: 'agent-name-invalid', message: '' })).toBe('name');
    expect(fieldOfAgentError({ kind: 'profile-not-found', message: '' })).toBe('profile');
    expect(fieldOfAgentError({ kind: 'skill-not-found', message: '' })).toBe('skills');
    expect(fieldOfAgentError({ kind: 'internal', message: '' })).toBe('form');
  });
});
