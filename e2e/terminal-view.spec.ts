import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { expectNoCursorAnimation, seesBothHalves } from './support/cursor-blink';
import { rpc } from './support/rpc';

async function createAgent(page: Page, name: string) {
  await page.getByRole('button', { name: 'New agent' }).click();
  const dialog = page.getByRole('dialog', { name: 'New agent' });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('Profile').selectOption('fake');
  await dialog.getByLabel('Persona').fill(`You are ${name}.`);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog).toBeHidden();
}

/** How far xterm's drawn screen sticks out of the pane's terminal area (px; <= 0 when it fits). */
async function overflow(pane: Locator): Promise<{ overflow: number; spare: number }> {
  return pane.locator('.terminal-host').evaluate((host) => {
    const screen = host.querySelector('.xterm-screen');
    const hostWidth = host.getBoundingClientRect().width;
    const screenWidth = screen ? screen.getBoundingClientRect().width : Infinity;
    return { overflow: screenWidth - hostWidth, spare: hostWidth - screenWidth };
  });
}

async function sessionCols(app: Parameters<typeof rpc>[0]): Promise<number> {
  const sessions = await rpc<Array<{ agentName: string; cols: number; status: string }>>(app, 'sessions.list');
  return sessions.find((s) => s.agentName === 'Fitter' && s.status !== 'exited')?.cols ?? -1;
}

test('a terminal fits its pane on launch and after the window shrinks, echoes typing, and Ctrl+F opens its find bar', async ({ app }) => {
  const page = app.page;
  const warnings: string[] = [];
  page.on('console', (message) => warnings.push(message.text()));
  await page.setViewportSize({ width: 1300, height: 800 });
  await createAgent(page, 'Fitter');
  await page.getByRole('button', { name: 'Launch Fitter', exact: true }).click();
  const pane = page.getByRole('region', { name: 'Terminal: Fitter' });
  await expect(pane).toBeVisible();
  await expect(pane.locator('.xterm-screen')).toBeVisible();

  // The first fit is applied at once: xterm and the agent's PTY get the pane's width, not xterm's 80.
  await expect.poll(async () => (await overflow(pane)).overflow).toBeLessThanOrEqual(0);
  await expect.poll(async () => (await overflow(pane)).spare).toBeLessThan(40);
  const wide = await sessionCols(app);
  expect(wide).toBeGreaterThan(80);

  // A narrower window: after the column debounce the terminal and the PTY follow.
  await page.setViewportSize({ width: 900, height: 700 });
  await expect.poll(async () => (await overflow(pane)).overflow).toBeLessThanOrEqual(0);
  await expect.poll(async () => (await overflow(pane)).spare).toBeLessThan(40);
  await expect.poll(() => sessionCols(app)).toBeLessThan(wide);

  // Typing reaches the agent and its answer is painted (the pane that was typed in is fed first).
  await pane.locator('.xterm').click();
  await page.keyboard.type('hello tessera\r');
  await expect(pane.locator('.xterm-rows')).toContainText('echo: hello tessera');

  // Ctrl+F in a focused terminal opens find (VS Code's key); Escape closes it.
  await page.keyboard.press('Control+f');
  const find = pane.getByRole('textbox', { name: 'Find in terminal' });
  await expect(find).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(find).toBeHidden();
  await page.keyboard.press('Control+Shift+f');
  await expect(find).toBeFocused();

  // One name for restarting while it runs, as once it stopped.
  await expect(pane.getByRole('button', { name: 'Restart Fitter', exact: true })).toHaveCount(1);

  // The flood tuning found the xterm internals it patches (an xterm upgrade that renames them says so).
  expect(warnings.filter((w) => w.includes('flood tuning unavailable'))).toEqual([]);
});

test('a terminal with the keyboard blinks its cursor without the page drawing every frame', async ({ app }) => {
  const page = app.page;
  await createAgent(page, 'Blinker');
  await page.getByRole('button', { name: 'Launch Blinker', exact: true }).click();
  const pane = page.getByRole('region', { name: 'Terminal: Blinker' });
  await pane.locator('.xterm').click();
  const cursor = pane.locator('.xterm-rows.xterm-focus .xterm-cursor.xterm-cursor-blink');
  await expect(cursor).toHaveCount(1);

  // xterm's own blink is an endless animation that keeps the page drawing sixty frames a second.
  await expectNoCursorAnimation(cursor);
  // The cursor still blinks: its cell is seen both in the cursor's colour and without it.
  await seesBothHalves(cursor, (el) => getComputedStyle(el).backgroundColor);

  // Counted, not timed: styles recalculated while the idle page shows the blinking cursor for two seconds
  // (about 4 with the blink by class, about 120 with xterm's animation).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const recalcs = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'RecalcStyleCount')?.value ?? NaN;
  const before = await recalcs();
  await page.waitForTimeout(2000);
  const during = (await recalcs()) - before;
  expect(during).toBeGreaterThan(0);
  expect(during).toBeLessThan(30);
});
