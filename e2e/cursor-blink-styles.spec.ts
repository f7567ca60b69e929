import { expectNoCursorAnimation, seesBothHalves } from './support/cursor-blink';
import { expect, test } from './support/fixtures';
import { rpc } from './support/rpc';

/**
 * The DOM renderer's cursor blinks by a class in every cursor style a program may ask for (DECSCUSR):
 * xterm's own endless animation stays off, and the cursor is seen both drawn and hidden.
 */

test('the cursor blinks without xterm’s animation as a bar and as an underline, and stops blinking, shown, when the pane loses the keyboard', async ({ app }) => {
  const page = app.page;
  await rpc(app, 'agents.create', { name: 'Cursor', profile: 'shell', persona: 'A plain shell.' });
  await page.reload();
  await page.getByRole('button', { name: 'Launch Cursor', exact: true }).click();
  const pane = page.getByRole('region', { name: 'Terminal: Cursor' });
  await expect(pane.locator('.xterm-rows')).toContainText(/[#$] *$/);
  await pane.locator('.xterm').click();

  // A blinking bar (DECSCUSR 5).
  await page.keyboard.type("printf '\\033[5 q'");
  await page.keyboard.press('Enter');
  const bar = pane.locator('.xterm-rows.xterm-focus .xterm-cursor.xterm-cursor-blink.xterm-cursor-bar');
  await expect(bar).toHaveCount(1);
  await expectNoCursorAnimation(bar);
  const shadows = await seesBothHalves(bar, (el) => getComputedStyle(el).boxShadow);
  expect(shadows).toContain('none');

  // A blinking underline (DECSCUSR 3).
  await page.keyboard.type("printf '\\033[3 q'");
  await page.keyboard.press('Enter');
  const underline = pane.locator('.xterm-rows.xterm-focus .xterm-cursor.xterm-cursor-blink.xterm-cursor-underline');
  await expect(underline).toHaveCount(1);
  await expectNoCursorAnimation(underline);
  const borders = await seesBothHalves(underline, (el) => getComputedStyle(el).borderBottomStyle);
  expect([...borders].sort()).toEqual(['hidden', 'solid']);

  // Losing the keyboard while the cursor is in its hidden half leaves it drawn, not blinking.
  const host = pane.locator('.terminal-host');
  await expect(host).toHaveClass(/tessera-cursor-hidden/);
  await page.getByRole('button', { name: 'New agent' }).focus();
  await expect(host).not.toHaveClass(/tessera-cursor-hidden/);
  await expect(pane.locator('.xterm-rows .xterm-cursor.xterm-cursor-blink')).toHaveCount(0);
  await expect(pane.locator('.xterm-rows .xterm-cursor')).toHaveCount(1);
});
