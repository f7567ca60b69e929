import { expect, test } from './support/fixtures';
import { tessera } from './support/host';

test.use({ viewport: { width: 1000, height: 700 } });

test('narrow panes keep Close in view and put their other buttons in a More actions menu; a launch says which skills it went without', async ({ app, world }) => {
  const created = await tessera(world, ['agents', 'create', '--name', 'Reviewer', '--profile', 'fake', '--skill', 'code-review', '--skill', 'nosuch-skill', '--project', world.projectDir]);
  expect(created.code, created.stderr).toBe(0);
  expect(created.stderr).toContain('warning: skill "nosuch-skill" does not exist');
  const page = app.page;
  await page.reload();
  const row = page.getByRole('list', { name: 'Agents' }).getByRole('listitem').filter({ hasText: 'Reviewer' });
  await expect(row).toContainText('Skill “nosuch-skill” does not exist');

  await page.getByRole('button', { name: 'Launch Reviewer', exact: true }).click();
  const reviewer = page.getByRole('region', { name: 'Terminal: Reviewer' });
  await expect(reviewer.getByRole('note')).toHaveText('Skill “nosuch-skill” does not exist in .tessera/skills or the global skills, so the agent launched without it.');
  await expect(reviewer.locator('.xterm-rows')).toContainText('fake-agent>');

  // Wide enough: every button in the row, no menu.
  await expect(reviewer.getByRole('button', { name: 'Split right' })).toBeVisible();
  await expect(reviewer.getByRole('button', { name: 'More actions' })).toHaveCount(0);

  await reviewer.getByRole('button', { name: 'Split right' }).click();
  await page.getByRole('region', { name: 'Terminal: Reviewer' }).getByRole('button', { name: /Split right|More actions/ }).first().click();
  const split = page.getByRole('group', { name: 'Pane actions' });
  if (await split.isVisible()) await split.getByRole('button', { name: 'Split right' }).click();
  await expect(page.locator('.pane')).toHaveCount(3);

  for (const pane of await page.locator('.pane').all()) {
    const close = pane.getByRole('button', { name: 'Close pane' });
    await expect(close).toBeVisible();
    const paneBox = (await pane.boundingBox())!;
    const closeBox = (await close.boundingBox())!;
    expect(closeBox.x + closeBox.width).toBeLessThanOrEqual(paneBox.x + paneBox.width);
  }
  await expect(reviewer.getByRole('button', { name: 'Split right' })).toHaveCount(0);
  await reviewer.getByRole('button', { name: 'More actions' }).click();
  const menu = reviewer.getByRole('group', { name: 'Pane actions' });
  await expect(menu.getByRole('button', { name: 'Show transcript' })).toBeVisible();
  await expect(menu.getByRole('button', { name: 'Maximize pane' })).toBeVisible();
  const paneBox = (await reviewer.boundingBox())!;
  const menuBox = (await menu.boundingBox())!;
  expect(menuBox.x).toBeGreaterThanOrEqual(paneBox.x);
  await page.screenshot({ path: test.info().outputPath('narrow-panes.png') });

  await menu.getByRole('button', { name: 'Maximize pane' }).click();
  await expect(menu).toHaveCount(0);
  // Maximized, the pane is wide again: its buttons are back in the row.
  await expect(reviewer.getByRole('button', { name: 'Split right' })).toBeVisible();
});
