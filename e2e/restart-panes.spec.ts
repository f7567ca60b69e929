import { expect, test } from './support/fixtures';
import { rpc, screenOf } from './support/rpc';

test('after a host restart the panes show their agents’ last screens under one Relaunch all that relaunches them all', async ({ app }) => {
  // Two launches, a host restart and two relaunches.
  test.slow();
  let page = app.page;
  for (const name of ['Reviewer', 'Builder']) await rpc(app, 'agents.create', { name, profile: 'fake', persona: `You are ${name}.` });
  for (const name of ['Reviewer', 'Builder']) {
    await page.getByRole('button', { name: `Launch ${name}`, exact: true }).click();
    await expect(page.getByRole('region', { name: `Terminal: ${name}` }).locator('.xterm-rows')).toContainText('fake-agent>');
  }
  await page.getByRole('region', { name: 'Terminal: Reviewer' }).locator('.xterm').click();
  await page.keyboard.type('last words of the reviewer\r');
  await expect.poll(() => screenOf(app, 'Reviewer')).toContain('echo: last words of the reviewer');
  // Nothing offers a relaunch while both run.
  await expect(page.getByRole('button', { name: 'Relaunch all' })).toHaveCount(0);

  page = await app.restart();
  const reviewer = page.getByRole('region', { name: 'Terminal: Reviewer' });
  const builder = page.getByRole('region', { name: 'Terminal: Builder' });
  // Each pane: its last screen, read-only, under a one-line bar with its own Relaunch.
  await expect(reviewer.getByLabel('Last screen of Reviewer')).toContainText('echo: last words of the reviewer');
  await expect(builder.getByLabel('Last screen of Builder')).toContainText('You are Builder.');
  await expect(reviewer.getByLabel('Last screen of Reviewer')).not.toContainText('You are Builder.');
  await expect(reviewer.getByRole('button', { name: 'Relaunch Reviewer' })).toBeVisible();
  // One Relaunch all and one relaunch-on-open choice for every pane.
  const stopped = page.getByRole('group', { name: 'Agents not running' });
  await expect(stopped).toContainText('2 agents not running');
  await expect(page.getByRole('button', { name: 'Relaunch all' })).toHaveCount(1);
  await expect(page.getByRole('checkbox', { name: 'Relaunch agents automatically on open' })).toHaveCount(1);
  await page.screenshot({ path: test.info().outputPath('restart-last-screens.png') });

  await page.getByRole('button', { name: 'Relaunch all' }).click();
  await expect.poll(() => screenOf(app, 'Reviewer')).toContain('You are Reviewer.');
  await expect.poll(() => screenOf(app, 'Builder')).toContain('You are Builder.');
  await expect(reviewer.locator('.xterm-rows')).toContainText('fake-agent>');
  await expect(builder.locator('.xterm-rows')).toContainText('fake-agent>');
  await expect(stopped).toHaveCount(0);
});
