import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';

/**
 * The user's meter settings, as a user meets them: from the Resources view, the context warning's
 * threshold and a model's prices are set, kept in the user's config (not the project), and still
 * there after the app restarts.
 */
test('the context warning and a price per model are set from Resources, kept in the user config, and survive a restart', async ({ app }) => {
  let page = app.page;
  // The shortcut is heard once the app has drawn its project.
  await expect(page.getByRole('heading', { name: 'sample-project' })).toBeVisible();
  await page.keyboard.press('Alt+Shift+R');
  await page.getByRole('dialog', { name: 'Resources' }).getByRole('button', { name: 'Context warning and prices…' }).click();
  const form = page.getByRole('form', { name: 'Context warning and prices' });
  await form.getByLabel(/much of its context/).fill('65');
  await form.getByRole('button', { name: 'Add a model' }).click();
  await form.getByLabel('Model', { exact: true }).fill('gpt-5.1-codex');
  await form.getByLabel('Input price of gpt-5.1-codex').fill('1.25');
  await form.getByLabel('Output price of gpt-5.1-codex').fill('10');
  await page.screenshot({ path: test.info().outputPath('usage-settings.png') });
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('dialog', { name: 'Resources' })).toBeVisible();

  const kept = JSON.parse(readFileSync(join(app.world.configDir, 'tessera', 'usage.json'), 'utf8'));
  expect(kept).toEqual({ version: 1, contextWarningPercent: 65, prices: { 'gpt-5.1-codex': { inputPerMillionUsd: 1.25, outputPerMillionUsd: 10 } } });

  page = await app.restart();
  await expect(page.getByRole('heading', { name: 'sample-project' })).toBeVisible();
  await page.keyboard.press('Alt+Shift+R');
  await page.getByRole('dialog', { name: 'Resources' }).getByRole('button', { name: 'Context warning and prices…' }).click();
  const again = page.getByRole('form', { name: 'Context warning and prices' });
  await expect(again.getByLabel(/much of its context/)).toHaveValue('65');
  await expect(again.getByLabel('Input price of gpt-5.1-codex')).toHaveValue('1.25');
  await expect(again.getByLabel('Output price of gpt-5.1-codex')).toHaveValue('10');
});
