import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { rpc, screenOf } from './support/rpc';

const git = (dir: string, ...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' });

test('a worktree agent made in the New agent dialog works on its own branch and leaves the user’s checkout clean', async ({ app }) => {
  const page = app.page;
  const project = app.world.projectDir;
  await expect(page.getByRole('heading', { name: 'sample-project' })).toBeVisible();

  await page.getByRole('button', { name: 'New agent' }).click();
  const dialog = page.getByRole('dialog', { name: 'New agent' });
  await dialog.getByLabel('Name').fill('Tester');
  await dialog.getByLabel('Profile').selectOption('fake');
  await dialog.getByLabel('Workspace').selectOption({ label: 'Git worktree (branch tessera/<slug>)' });
  await dialog.getByLabel('Restart').selectOption({ label: 'On failure' });
  await dialog.getByLabel('Persona').fill('You test in your own branch.');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog).toBeHidden();
  const file = readFileSync(join(project, '.tessera', 'agents', 'tester.md'), 'utf8');
  expect(file).toContain('workspace: worktree\n');
  expect(file).toContain('restart: on-failure\n');

  // The user keeps the project in git, the new agent included.
  git(project, 'init', '-q', '-b', 'main');
  git(project, 'config', 'user.name', 'Test');
  git(project, 'config', 'user.email', 'test@example.com');
  git(project, 'add', '-A');
  git(project, 'commit', '-q', '-m', 'project with a worktree agent');

  await page.getByRole('button', { name: 'Launch Tester', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Terminal: Tester' })).toBeVisible();
  await expect.poll(() => screenOf(app, 'Tester')).toContain('== end of context ==');
  // The screen wraps long lines: compare without the line breaks.
  const screen = (await screenOf(app, 'Tester')).replace(/\n/g, '');
  expect(screen).toContain('== context (AGENTS.md) ==');
  expect(screen).toContain(`Project root: ${project}`);
  expect(screen).toContain('(branch tessera/tester)');
  const sessions = await rpc<Array<{ agentName: string; cwd: string }>>(app, 'sessions.list');
  const worktree = sessions.find((s) => s.agentName === 'Tester')?.cwd ?? '';
  expect(screen).toContain(`cwd=${worktree}`);
  expect(screen).toContain(`Your worktree: ${worktree}`);
  expect(worktree.startsWith(join(app.world.configDir, 'tessera', 'worktrees', 'sample-project-'))).toBe(true);
  expect(git(worktree, 'branch', '--show-current').trim()).toBe('tessera/tester');
  // Nothing the agent was handed shows in either checkout (the pane layout Tessera saves is the user's).
  const changes = (dir: string) => git(dir, 'status', '--porcelain', '--untracked-files=all').split('\n').filter((l) => l && !l.endsWith('.tessera/layout.json'));
  expect(changes(project)).toEqual([]);
  expect(changes(worktree)).toEqual([]);
});
