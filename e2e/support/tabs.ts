import { expect, type Browser, type Page } from '@playwright/test';

/**
 * Two tabs of one browser on the host's page, each showing the project, as a user who opened the app
 * twice has them; `close` closes both (and is safe to call whatever happened).
 */
export async function twoTabs(browser: Browser, url: string): Promise<{ first: Page; second: Page; close: () => Promise<void> }> {
  const context = await browser.newContext();
  const close = () => context.close().catch(() => undefined);
  try {
    const first = await context.newPage();
    await first.goto(url);
    const second = await context.newPage();
    await second.goto(url);
    for (const page of [first, second]) await expect(page.getByRole('heading', { name: 'sample-project' })).toBeVisible();
    return { first, second, close };
  } catch (error) {
    await close();
    throw error;
  }
}
