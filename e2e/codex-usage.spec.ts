import { CODEX_STAND_IN_PROFILE, installCodexStandIn } from './support/codex-stand-in';
import { expect, test } from './support/fixtures';

test("a Codex agent shows its tokens, its 5-hour and weekly limits, and a cost only once the user prices its model, marked estimated", async ({ app }) => {
  installCodexStandIn(app.world);
  const page = await app.restart();
  await page.getByRole('button', { name: 'New agent' }).click();
  const dialog = page.getByRole('dialog', { name: 'New agent' });
  await dialog.getByLabel('Name').fill('Coder');
  await dialog.getByLabel('Profile').selectOption(CODEX_STAND_IN_PROFILE);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Launch Coder', exact: true }).click();

  const pane = page.getByRole('region', { name: 'Terminal: Coder' });
  const report = pane.locator('.agent-report');
  await expect(report).toHaveText('gpt-5.1-codex · 25% context · 2M in / 100k out · 5h 43% · week 7%', { timeout: 20_000 });
  // Codex reports no cost, and the user has set no price: no cost anywhere.
  await expect(pane.locator('.pane-header')).not.toContainText('$');

  await page.keyboard.press('Alt+Shift+R');
  const resources = page.getByRole('dialog', { name: 'Resources' });
  await expect(resources.locator('td.col-limits')).toHaveText('5h 43% · week 7%');
  await expect(resources.locator('td.col-cost')).toHaveCount(0);
  await resources.getByRole('button', { name: 'Context warning and prices…' }).click();
  const form = page.getByRole('form', { name: 'Context warning and prices' });
  await form.getByRole('button', { name: 'Price gpt-5.1-codex' }).click();
  await form.getByLabel('Input price of gpt-5.1-codex').fill('1.25');
  await form.getByLabel('Output price of gpt-5.1-codex').fill('10');
  await form.getByRole('button', { name: 'Save' }).click();

  // 2M in at $1.25 and 100k out at $10 a million: $3.50, estimated.
  await expect(resources.locator('td.col-cost')).toHaveText('~$3.50', { timeout: 20_000 });
  await expect(resources.locator('td.col-cost')).toHaveAttribute('title', /Estimated from your prices/);
  await page.screenshot({ path: test.info().outputPath('codex-limits-and-estimated-cost-resources.png') });
  await resources.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('list', { name: 'Agents' })).toContainText('~$3.50');
  await page.screenshot({ path: test.info().outputPath('codex-limits-and-estimated-cost-pane.png') });
});
