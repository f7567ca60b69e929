import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeAgentPath } from './support/host';
import { expect, test, type AppDriver } from './support/fixtures';
import { endOfTurn, fileRows, launch, openChanges, project, screenshotPath, startTurn, turn } from './support/landing';
import { rpc } from './support/rpc';

/**
 * Whose change a file is when agents share the project's working tree: the fake agent CLI, run under
 * the name `claude`, gets Claude Code's hook settings from Tessera and runs Tessera's hook program at
 * the events Claude Code would, its Write tool's events naming the files it wrote.
 */

/** A profile that runs the fake agent as `claude`, each turn working six seconds before it writes. */
function hookedFakeProfile(app: AppDriver): string {
  const bin = join(app.world.root, 'bin');
  mkdirSync(bin, { recursive: true });
  symlinkSync(fakeAgentPath, join(bin, 'claude'));
  writeFileSync(
    join(app.world.configDir, 'tessera', 'profiles', 'fake-claude.json'),
    JSON.stringify({
      id: 'fake-claude',
      name: 'Fake agent with Claude Code’s hooks',
      command: join(bin, 'claude'),
      args: ['--turn-ms', '6000'],
      env: {},
      inject: { kind: 'convention-file', target: 'AGENTS.md' },
      status: { needsInput: ['\\(y/n\\)'], busy: [] },
    }),
  );
  return 'fake-claude';
}

test('two agents whose turns overlap in the project are each shown only their own files, a file both wrote marked mixed', async ({ app }) => {
  test.slow();
  const page = app.page;
  const profile = hookedFakeProfile(app);
  await project(app, { 'a.txt': 'a\n', 'b.txt': 'b\n', 'shared.txt': 's\n' }, [
    { name: 'Alpha', workspace: 'run-dir', profile },
    { name: 'Beta', workspace: 'run-dir', profile },
  ]);
  const alpha = await launch(app, 'Alpha');
  const beta = await launch(app, 'Beta');

  // Beta's turn starts while Alpha's runs: Alpha writes its files in Beta's turn, Beta after Alpha's ended.
  const alphaBefore = await startTurn(app, alpha, '!write $TESSERA_PROJECT_ROOT/a.txt:by-alpha $TESSERA_PROJECT_ROOT/shared.txt:alpha');
  const betaBefore = await startTurn(app, beta, '!write $TESSERA_PROJECT_ROOT/b.txt:by-beta $TESSERA_PROJECT_ROOT/shared.txt:beta');
  const running = await rpc<Array<{ endedAt?: number }>>(app, 'turns.list', { slug: alpha.agent });
  expect(running[running.length - 1]?.endedAt).toBeUndefined();
  await endOfTurn(app, alpha, alphaBefore, 'wrote:');
  await endOfTurn(app, beta, betaBefore, 'wrote:');

  // Alpha: its own a.txt, and shared.txt, which Beta's overlapping turn wrote too.
  const alphaChanges = await openChanges(page, 'Alpha');
  await expect(fileRows(alphaChanges)).toHaveCount(2);
  await expect(fileRows(alphaChanges).nth(0)).toContainText('a.txt');
  await expect(fileRows(alphaChanges).nth(0)).toContainText('+1 −1');
  await expect(fileRows(alphaChanges).nth(0)).not.toContainText('mixed');
  await expect(fileRows(alphaChanges).nth(1)).toContainText('shared.txt');
  await expect(fileRows(alphaChanges).nth(1)).toContainText('mixed: also beta');
  await page.keyboard.press('Escape');

  // Beta: its own b.txt and the mixed shared.txt; Alpha's a.txt, written during Beta's turn, is set apart.
  const betaChanges = await openChanges(page, 'Beta');
  await expect(fileRows(betaChanges)).toHaveCount(2);
  await expect(fileRows(betaChanges).nth(0)).toContainText('b.txt');
  await expect(fileRows(betaChanges).nth(0)).toContainText('+1 −1');
  await expect(fileRows(betaChanges).nth(0)).not.toContainText('mixed');
  await expect(fileRows(betaChanges).nth(1)).toContainText('shared.txt');
  await expect(fileRows(betaChanges).nth(1)).toContainText('mixed: also alpha');
  await betaChanges.getByText('Changed by others meanwhile (1)').click();
  await expect(betaChanges.getByRole('list', { name: 'Changed by others' }).getByRole('button')).toHaveText([/a\.txt.*by others/]);
  await page.screenshot({ path: screenshotPath('changes-overlapping-turns.png') });
  await page.keyboard.press('Escape');

  // A shell command's effects are the agent's too: what changed in the tree while it ran.
  await turn(app, alpha, `printf 'c\\n' > "$TESSERA_PROJECT_ROOT/c.txt"`);
  const again = await openChanges(page, 'Alpha');
  await expect(again.getByLabel('Turn to show')).toHaveValue('2');
  await expect(fileRows(again)).toHaveCount(1);
  await expect(fileRows(again).first()).toContainText('c.txt');
  await expect(fileRows(again).first()).toContainText('added');
  await expect(fileRows(again).first()).not.toContainText('mixed');
});
