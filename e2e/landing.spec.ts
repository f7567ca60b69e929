import { existsSync } from 'node:fs';
import { expect, test } from './support/fixtures';
import { fileRows, git, launch, openChanges, project, screenshotPath, turn, type Session } from './support/landing';
import { rpc } from './support/rpc';

/**
 * Landing worktree agents' branches with real git by each strategy the user can choose, and
 * removing an agent's worktree and branch only when no work would go with them.
 */

const parentsOf = (dir: string, rev: string) => git(dir, 'rev-list', '--parents', '-n', '1', rev).trim().split(' ').slice(1);

test('fast-forward and rebase each land as chosen: no merge commit, the base moves to the agent’s work, a fast-forward that is not one refuses', async ({ app }) => {
  test.slow();
  const page = app.page;
  const dir = await project(app, { 'README.md': '# project\n' }, [
    { name: 'Swift', workspace: 'worktree' },
    { name: 'Rebaser', workspace: 'worktree' },
  ]);
  const start = git(dir, 'rev-parse', 'main').trim();
  const swift = await launch(app, 'Swift');
  const rebaser = await launch(app, 'Rebaser');
  await turn(app, swift, `printf 'swift\\n' > swift.txt`);
  await turn(app, rebaser, `printf 'rebased\\n' > rebaser.txt`);

  // Swift started from main and main has not moved: it fast-forwards, main is its one new commit.
  const swiftChanges = await openChanges(page, 'Swift');
  await swiftChanges.getByLabel('Landing strategy').selectOption('fast-forward');
  await expect(swiftChanges.getByRole('region', { name: 'Land' })).toContainText('can fast-forward');
  await swiftChanges.getByLabel('Commit message').fill('Swift: swift.txt');
  await swiftChanges.getByRole('button', { name: 'Land', exact: true }).click();
  await expect(swiftChanges.getByRole('status').filter({ hasText: 'Landed' })).toContainText('Landed on main (fast-forward)');
  expect(git(dir, 'log', '--format=%s', 'main').trim().split('\n')).toEqual(['Swift: swift.txt', 'the project']);
  expect(parentsOf(dir, 'main')).toEqual([start]);
  expect(git(dir, 'rev-parse', 'main')).toBe(git(dir, 'rev-parse', 'tessera/swift'));
  // The user's checkout of main follows, clean.
  expect(git(dir, 'show', 'HEAD:swift.txt')).toBe('swift\n');
  expect(git(dir, 'status', '--porcelain', '--untracked-files=all', '--', 'swift.txt')).toBe('');
  await page.keyboard.press('Escape');

  // Rebaser started from the old main: a fast-forward is refused and main stays where it is.
  const landed = git(dir, 'rev-parse', 'main').trim();
  const rebaserChanges = await openChanges(page, 'Rebaser');
  await rebaserChanges.getByLabel('Landing strategy').selectOption('fast-forward');
  await rebaserChanges.getByLabel('Commit message').fill('Rebaser: rebaser.txt');
  await rebaserChanges.getByRole('button', { name: 'Land', exact: true }).click();
  await expect(rebaserChanges.getByRole('region', { name: 'Land' }).getByRole('status')).toContainText('main has moved on since "rebaser" started, so it cannot simply move forward');
  expect(git(dir, 'rev-parse', 'main').trim()).toBe(landed);

  // Rebased onto main, its commit sits on top of Swift's: a straight line, no merge commit.
  await rebaserChanges.getByLabel('Landing strategy').selectOption('rebase');
  await rebaserChanges.getByRole('button', { name: 'Land', exact: true }).click();
  await expect(rebaserChanges.getByRole('status').filter({ hasText: 'Landed' })).toContainText('Landed on main (rebase)');
  expect(git(dir, 'log', '--format=%s', 'main').trim().split('\n')).toEqual(['Rebaser: rebaser.txt', 'Swift: swift.txt', 'the project']);
  expect(parentsOf(dir, 'main')).toEqual([landed]);
  expect(git(dir, 'rev-list', '--merges', 'main')).toBe('');
  expect(git(dir, 'rev-parse', 'main')).toBe(git(dir, 'rev-parse', 'tessera/rebaser'));
  expect(git(rebaser.cwd, 'show', 'HEAD:swift.txt')).toBe('swift\n');
  expect(git(dir, 'show', 'HEAD:rebaser.txt')).toBe('rebased\n');
});

const branchTip = (dir: string, branch: string) => git(dir, 'for-each-ref', '--format=%(objectname)', `refs/heads/${branch}`).trim();

test('a worktree holding unmerged work is never removed, and what would be lost is named; a merged one is removed after asking', async ({ app }) => {
  test.slow();
  const page = app.page;
  const dir = await project(app, { 'README.md': '# project\n' }, [
    { name: 'Keeper', workspace: 'worktree' },
    { name: 'Done', workspace: 'worktree' },
  ]);
  const keeper = await launch(app, 'Keeper');
  const done = await launch(app, 'Done');
  await turn(app, keeper, `printf 'kept\\n' > README.md && printf 'draft\\n' > draft.txt`);
  await turn(app, done, `printf 'done\\n' > done.txt`);

  // Keeper's uncommitted and untracked files: named, and nothing is removed.
  const changes = await openChanges(page, 'Keeper');
  await expect(fileRows(changes)).toHaveCount(2);
  const remove = changes.getByRole('region', { name: 'Remove worktree' });
  await remove.getByRole('button', { name: 'Remove worktree…' }).click();
  const refusal = remove.getByRole('alert');
  await expect(refusal).toContainText('hold work that is not merged anywhere else');
  await expect(refusal.getByRole('list', { name: 'Uncommitted files' }).getByRole('listitem')).toHaveText(['README.md', 'draft.txt']);
  await expect(refusal.getByRole('button', { name: 'Remove worktree and branch' })).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('remove-worktree-refused.png') });
  await refusal.getByRole('button', { name: 'Close' }).click();

  // Committed on its branch, the work is still only there: the commit is named, and nothing is removed.
  await changes.getByLabel('Commit message').fill('Keeper: draft');
  await changes.getByRole('button', { name: 'Commit', exact: true }).click();
  await expect(changes.getByRole('status').filter({ hasText: 'Committed' })).toContainText('Committed 2 file(s)');
  const kept = branchTip(dir, 'tessera/keeper');
  await remove.getByRole('button', { name: 'Remove worktree…' }).click();
  await expect(remove.getByRole('alert').getByRole('list', { name: 'Commits no other branch has' }).getByRole('listitem')).toHaveText([`${kept.slice(0, 7)} Keeper: draft`]);
  await expect(remove.getByRole('alert').getByRole('list', { name: 'Uncommitted files' })).toHaveCount(0);
  expect(existsSync(keeper.cwd)).toBe(true);
  expect(git(keeper.cwd, 'show', 'HEAD:draft.txt')).toBe('draft\n');
  expect(branchTip(dir, 'tessera/keeper')).toBe(kept);
  await page.keyboard.press('Escape');

  // Done lands; stopped, its worktree and branch hold nothing else: shown, asked, then removed.
  const doneChanges = await openChanges(page, 'Done');
  await doneChanges.getByLabel('Commit message').fill('Done: done.txt');
  await doneChanges.getByRole('button', { name: 'Land', exact: true }).click();
  await expect(doneChanges.getByRole('status').filter({ hasText: 'Landed' })).toContainText('Landed on main');
  await stop(app, done);
  const doneRemove = doneChanges.getByRole('region', { name: 'Remove worktree' });
  await doneRemove.getByRole('button', { name: 'Remove worktree…' }).click();
  const confirm = doneRemove.getByRole('group', { name: 'Confirm removal' });
  await expect(confirm).toContainText(`Remove the worktree at ${done.cwd} and the branch tessera/done`);
  await page.screenshot({ path: screenshotPath('remove-worktree-confirm.png') });
  expect(existsSync(done.cwd)).toBe(true);
  await confirm.getByRole('button', { name: 'Remove worktree and branch' }).click();
  await expect(doneRemove.getByRole('status')).toContainText(`Removed the worktree at ${done.cwd} and the branch tessera/done.`);
  expect(existsSync(done.cwd)).toBe(false);
  expect(branchTip(dir, 'tessera/done')).toBe('');
  expect(git(dir, 'show', 'main:done.txt')).toBe('done\n');
  // Keeper's are still there.
  expect(existsSync(keeper.cwd)).toBe(true);
  expect(branchTip(dir, 'tessera/keeper')).toBe(kept);
});

async function stop(app: Parameters<typeof rpc>[0], session: Session) {
  await rpc(app, 'sessions.kill', { id: session.id });
  await expect.poll(async () => (await rpc<Session[]>(app, 'sessions.list')).find((s) => s.id === session.id)?.status ?? 'gone', { timeout: 20_000 }).toMatch(/exited|failed|gone/);
}
