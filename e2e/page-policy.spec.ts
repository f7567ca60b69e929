import { expect, test } from './support/fixtures';

/**
 * The page carries its Content-Security-Policy itself (a <meta>), so the policy holds however the
 * page is loaded: from a file in the desktop app, where no response header carries one, or served
 * by `tessera web`, where the header adds the WebSocket origin. The app must work under both.
 */
test('the built page carries its own policy, and the app runs under it without a violation', async ({ app }) => {
  const page = app.page;
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.reload();
  await expect(page.getByRole('heading', { name: 'sample-project' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'New agent' })).toBeVisible();
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain("script-src 'self'");
  expect(policy).toContain("object-src 'none'");
  expect(policy).not.toContain('unsafe-eval');
  expect(violations).toEqual([]);
});
