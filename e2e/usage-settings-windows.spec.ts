import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { startHost } from './support/host';
import { twoTabs } from './support/tabs';

/** Opens the Resources view's settings form, as a user does from the keyboard. */
async function openSettings(page: Page) {
  await expect(page.getByRole('heading', { name: 'sample-project' })).toBeVisible();
  await page.keyboard.press('Alt+Shift+R');
  await page.getByRole('dialog', { name: 'Resources' }).getByRole('button', { name: 'Context warning and prices…' }).click();
  return page.getByRole('form', { name: 'Context warning and prices' });
}

/**
 * The user's meter settings are the user's, not a tab's: what one tab of a host saves shows in every
 * other tab of it at once, without a reload.
 */
test('the context warning and a price saved in one tab show in another tab of the same host without a reload', async ({ world, browser }) => {
  const host = await startHost(world);
  const tabs = await twoTabs(browser, host.url);
  try {
    const { first, second } = tabs;

    // The second tab has the form open, untouched, on the defaults.
    const waiting = await openSettings(second);
    await expect(waiting.getByLabel(/much of its context/)).toHaveValue('80');
    await expect(waiting.getByLabel('Input price of gpt-5.1-codex')).toHaveCount(0);

    await first.bringToFront();
    const form = await openSettings(first);
    await form.getByLabel(/much of its context/).fill('65');
    await form.getByRole('button', { name: 'Add a model' }).click();
    await form.getByLabel('Model', { exact: true }).fill('gpt-5.1-codex');
    await form.getByLabel('Input price of gpt-5.1-codex').fill('1.25');
    await form.getByLabel('Output price of gpt-5.1-codex').fill('10');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(first.getByRole('dialog', { name: 'Resources' }).getByRole('button', { name: 'Context warning and prices…' })).toBeVisible();

    await second.bringToFront();
    await expect(waiting.getByLabel(/much of its context/)).toHaveValue('65');
    await expect(waiting.getByLabel('Input price of gpt-5.1-codex')).toHaveValue('1.25');
    await expect(waiting.getByLabel('Output price of gpt-5.1-codex')).toHaveValue('10');
    await second.screenshot({ path: test.info().outputPath('settings-from-another-tab.png') });

    // Opened afresh in that tab, the form starts from what the other tab saved.
    await waiting.getByRole('button', { name: 'Cancel' }).click();
    await second.getByRole('dialog', { name: 'Resources' }).getByRole('button', { name: 'Context warning and prices…' }).click();
    const again = second.getByRole('form', { name: 'Context warning and prices' });
    await expect(again.getByLabel(/much of its context/)).toHaveValue('65');
    await expect(again.getByLabel('Output price of gpt-5.1-codex')).toHaveValue('10');
  } finally {
    await tabs.close();
    await host.stop();
  }
});
