import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { fileRows, git, launch, openChanges, project, screenshotPath, squeezed, turn, unwrapped, type Session } from './support/landing';
import { rpc, screenOf } from './support/rpc';

/**
 * Reviewing and landing agents' work with real git: agents (the fake agent CLI, whose `!do <command>`
 * is a turn that edits files) in their own worktrees and in the project, their Changes views, a
 * comment sent back, landing with a clean merge and with a conflict, push, undo, big files, set-up.
 */

const NOTES = 'alpha line\nshared line\ngamma line\n';

test('two worktree agents: each one’s changes, a comment back, one clean merge, one conflict that leaves the checkout as it was, push', async ({ app }) => {
  test.slow();
  const page = app.page;
  const dir = await project(app, { 'notes.txt': NOTES, 'src/app.ts': 'export const one = 1;\n' }, [
    { name: 'Alpha', workspace: 'worktree' },
    { name: 'Beta', workspace: 'worktree' },
  ]);
  const alpha = await launch(app, 'Alpha');
  const beta = await launch(app, 'Beta');
  await turn(app, alpha, `printf 'alpha line\\nshared line, by alpha\\ngamma line\\n' > notes.txt && printf 'export const two = 2;\\n' > src/two.ts`);
  await turn(app, beta, `printf 'alpha line\\nshared line, by beta\\ngamma line\\n' > notes.txt`);

  // Both agents changed notes.txt: each pane says so, naming the file and the other agent.
  await expect(page.getByRole('region', { name: 'Terminal: Alpha' }).getByRole('note')).toContainText('Beta also changed notes.txt');
  await expect(page.getByRole('region', { name: 'Terminal: Beta' }).getByRole('note')).toContainText('Alpha also changed notes.txt');
  await expect(page.getByRole('list', { name: 'Agents' }).getByRole('note').first()).toContainText('also changed notes.txt');

  const changes = await openChanges(page, 'Alpha');
  await expect(fileRows(changes)).toHaveCount(2);
  await expect(fileRows(changes).nth(0)).toContainText('notes.txt');
  await expect(fileRows(changes).nth(0)).toContainText('+1 −1');
  await expect(fileRows(changes).nth(1)).toContainText('src/two.ts');
  await expect(fileRows(changes).nth(1)).toContainText('+1 −0');
  await expect(changes.getByLabel('After: notes.txt')).toContainText('shared line, by alpha');
  await page.screenshot({ path: screenshotPath('changes-side-by-side.png') });

  // A comment on line 2 of notes.txt reaches Alpha as one message naming the file and the line.
  const after = changes.getByLabel('After: notes.txt');
  await after.getByText('shared line, by alpha').click();
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  await changes.getByLabel('Comment').fill('Say which agent in the commit, not in the file.');
  await changes.getByRole('button', { name: 'Add comment' }).click();
  await changes.getByRole('button', { name: 'Send comments (1)' }).click();
  await expect(changes.getByRole('status').filter({ hasText: 'Alpha' })).toContainText(/Sent the comment to Alpha|comments go once/);
  await expect.poll(() => unwrapped(app, 'Alpha'), { timeout: 15_000 }).toContain(squeezed('echo: Review comments on your changes: notes.txt:2 > shared line, by alpha -- Say which agent in the commit, not in the file.'));

  await changes.getByRole('button', { name: 'Unified' }).click();
  await expect(changes.getByLabel('Changes: notes.txt')).toContainText('shared line, by alpha');
  await page.screenshot({ path: screenshotPath('changes-unified.png') });

  // Alpha lands with a merge commit: its work is on main.
  await changes.getByLabel('Landing strategy').selectOption('merge');
  await changes.getByLabel('Commit message').fill('Alpha: notes and two');
  await changes.getByRole('button', { name: 'Land', exact: true }).click();
  await expect(changes.getByRole('status').filter({ hasText: 'Landed' })).toContainText('Landed on main (merge)');
  expect(git(dir, 'show', 'main:notes.txt')).toContain('shared line, by alpha');
  expect(git(dir, 'log', '--format=%s', 'main')).toContain('Alpha: notes and two');

  // Push main and the agent's branch to a local bare remote.
  const remote = join(app.world.root, 'remote.git');
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', remote]);
  git(dir, 'remote', 'add', 'origin', remote);
  await changes.getByRole('button', { name: 'Push base' }).click();
  await expect(changes.getByRole('status').filter({ hasText: 'Pushed' })).toContainText('Pushed main to origin');
  await changes.getByRole('button', { name: 'Push branch' }).click();
  await expect(changes.getByRole('status').filter({ hasText: 'Pushed' })).toContainText('Pushed tessera/alpha to origin');
  expect(git(remote, 'rev-parse', 'main').trim()).toBe(git(dir, 'rev-parse', 'main').trim());
  expect(git(remote, 'rev-parse', 'tessera/alpha').trim()).toBe(git(dir, 'rev-parse', 'tessera/alpha').trim());
  await page.keyboard.press('Escape');

  // Beta conflicts with what landed: the conflict is named and the user's checkout is byte-identical.
  const status = git(dir, 'status', '--porcelain', '--untracked-files=all');
  const head = git(dir, 'rev-parse', 'HEAD');
  const notes = readFileSync(join(dir, 'notes.txt'));
  const betaChanges = await openChanges(page, 'Beta');
  await expect(fileRows(betaChanges)).toHaveCount(1);
  await betaChanges.getByLabel('Landing strategy').selectOption('merge');
  await expect(betaChanges.getByRole('alert')).toContainText('notes.txt');
  await betaChanges.getByLabel('Commit message').fill('Beta: notes');
  await betaChanges.getByRole('button', { name: 'Land', exact: true }).click();
  await expect(betaChanges.getByRole('status').filter({ hasText: 'conflict' })).toContainText('notes.txt');
  expect(git(dir, 'status', '--porcelain', '--untracked-files=all')).toBe(status);
  expect(git(dir, 'rev-parse', 'HEAD')).toBe(head);
  expect(readFileSync(join(dir, 'notes.txt')).equals(notes)).toBe(true);
  // Beta's worktree still holds its unmerged work.
  expect(readFileSync(join(beta.cwd, 'notes.txt'), 'utf8')).toContain('by beta');
});

test('agents in run folders editing the project: each turn lists its own files, undo restores one turn and refuses over a later edit', async ({ app }) => {
  test.slow();
  const page = app.page;
  const dir = await project(app, { 'a.txt': 'a1\na2\n', 'b.txt': 'b1\n', 'c.txt': 'c1\nc2\nc3\n', 'd.txt': 'd1\n' }, [
    { name: 'Gamma', workspace: 'run-dir' },
    { name: 'Delta', workspace: 'run-dir' },
  ]);
  const gamma = await launch(app, 'Gamma');
  const delta = await launch(app, 'Delta');
  // A run-dir agent runs in its own folder under .tessera/run and edits the project from there.
  await turn(app, gamma, `printf 'a1\\nA2\\n' > "$TESSERA_PROJECT_ROOT/a.txt"`);
  await turn(app, delta, `printf 'd1\\nd2\\n' > "$TESSERA_PROJECT_ROOT/d.txt"`);
  await turn(app, gamma, `printf 'b1\\nb2\\nb3\\n' > "$TESSERA_PROJECT_ROOT/b.txt"`);

  const changes = await openChanges(page, 'Gamma');
  // The newest turn: b.txt alone; without tool events its files read "mixed", never silently its own.
  await expect(fileRows(changes)).toHaveCount(1);
  await expect(fileRows(changes).first()).toContainText('b.txt');
  await expect(fileRows(changes).first()).toContainText('+2 −0');
  await expect(fileRows(changes).first()).toContainText('mixed');
  await changes.getByLabel('Turn to show').selectOption('1');
  await expect(fileRows(changes)).toHaveCount(1);
  await expect(fileRows(changes).first()).toContainText('a.txt');
  await expect(fileRows(changes).first()).toContainText('+1 −1');

  // Undo turn 1: shown first, confirmed (its file is mixed), then a.txt is back and turn 2's b.txt stays.
  await changes.getByRole('button', { name: 'Undo this turn…' }).click();
  const undo = changes.getByRole('region', { name: 'Undo this turn' });
  await expect(undo).toContainText('a.txt restored');
  await expect(undo.getByRole('alert')).toContainText('someone else may have changed it');
  await undo.getByRole('button', { name: 'Undo anyway' }).click();
  await expect(undo.getByRole('status')).toContainText('Turn 1 undone');
  expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('a1\na2\n');
  expect(readFileSync(join(dir, 'b.txt'), 'utf8')).toBe('b1\nb2\nb3\n');
  await page.keyboard.press('Escape');

  // A turn whose lines were edited again afterwards: undo refuses, saying why.
  await turn(app, gamma, `printf 'c1\\nC2\\nc3\\n' > "$TESSERA_PROJECT_ROOT/c.txt"`);
  writeFileSync(join(dir, 'c.txt'), 'c1\nC2 edited by the user\nc3\n');
  const again = await openChanges(page, 'Gamma');
  await again.getByLabel('Turn to show').selectOption('3');
  await again.getByRole('button', { name: 'Undo this turn…' }).click();
  const refused = again.getByRole('region', { name: 'Undo this turn' });
  await expect(refused.getByRole('alert')).toContainText('a later edit to the same lines would be lost');
  await refused.getByRole('button', { name: 'Cancel' }).click();
  expect(readFileSync(join(dir, 'c.txt'), 'utf8')).toBe('c1\nC2 edited by the user\nc3\n');
  // Delta's view lists its own turn's file only.
  await page.keyboard.press('Escape');
  const deltaChanges = await openChanges(page, 'Delta');
  await expect(fileRows(deltaChanges)).toHaveCount(1);
  await expect(fileRows(deltaChanges).first()).toContainText('d.txt');
  expect(delta.agent).toBe('delta');
});

test('a binary file and a 20 MB file show as such without freezing the page; a failing set-up command shows its output and starts nothing', async ({ app }) => {
  test.slow();
  const page = app.page;
  const dir = await project(app, { 'README.md': '# x\n' }, [{ name: 'Big', workspace: 'worktree' }]);
  const big = await launch(app, 'Big');
  // A PNG header and NUL bytes (binary), 20 MB of text (over the size limit), 30 000 changed lines (a large diff).
  await turn(app, big, `printf '\\211PNG\\r\\n\\032\\n\\000\\000\\000' > logo.png && head -c 20971520 /dev/zero | tr '\\0' 'x' > huge.txt && seq 1 30000 > lines.txt`);
  const changes = await openChanges(page, 'Big');
  const list = changes.getByRole('list', { name: 'Changed files' });
  await expect(list).toContainText('logo.png');
  await expect(list).toContainText('binary');
  await expect(list).toContainText('huge.txt');
  await expect(list).toContainText('too large (20.0 MB), left out');
  await list.getByRole('button', { name: /logo\.png/ }).click();
  await expect(changes).toContainText('Binary file: its contents are not shown.');
  await list.getByRole('button', { name: /lines\.txt/ }).click();
  await expect(changes).toContainText('A large diff (30,000 changed lines).');
  // The page answers at once: nothing big was drawn.
  expect(await page.evaluate(() => document.querySelectorAll('.cm-line').length)).toBeLessThan(1000);
  await page.keyboard.press('Escape');

  // The project's set-up command fails: its output shows and the agent is not started.
  writeFileSync(join(dir, '.tessera', 'settings.json'), JSON.stringify({ worktree: { setup: 'echo preparing the worktree; echo no lock file >&2; exit 3' } }));
  await rpc(app, 'agents.create', { name: 'Setup', profile: 'fake', workspace: 'worktree' });
  await page.getByRole('button', { name: 'Launch Setup', exact: true }).click();
  const row = page.getByRole('list', { name: 'Agents' }).getByRole('listitem').filter({ hasText: 'Setup' });
  await expect(row).toContainText('set-up command failed (exit code 3)');
  await expect(row).toContainText('preparing the worktree');
  await expect(row).toContainText('no lock file');
  expect((await rpc<Session[]>(app, 'sessions.list')).filter((s) => s.agent === 'setup')).toEqual([]);

  // Mended, it runs before the agent, and its output is the top of the agent's terminal.
  writeFileSync(join(dir, '.tessera', 'settings.json'), JSON.stringify({ worktree: { setup: 'echo worktree ready' } }));
  await page.getByRole('button', { name: 'Launch Setup', exact: true }).click();
  await expect.poll(() => screenOf(app, 'Setup'), { timeout: 20_000 }).toContain('fake-agent>');
  const screen = await screenOf(app, 'Setup');
  expect(screen.split('\n').slice(0, 2)).toEqual(['$ echo worktree ready (worktree set-up)', 'worktree ready']);
});
