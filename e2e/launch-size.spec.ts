import type { Page } from '@playwright/test';
import { expect, test, type AppDriver } from './support/fixtures';
import { rpc, screenOf } from './support/rpc';

/**
 * Every launch carries the size of the pane the agent shows in, so a CLI draws its first screen once,
 * at the right size. The fake agent prints `size=<cols>x<rows>` as it starts; the pane's own size is
 * what the host holds once the pane has attached and fitted (it always tells the host its size).
 */

interface SessionSize {
  id: string;
  agentName: string;
  status: string;
  cols: number;
  rows: number;
}

async function createAgent(page: Page, name: string) {
  await page.getByRole('button', { name: 'New agent' }).click();
  const dialog = page.getByRole('dialog', { name: 'New agent' });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('Profile').selectOption('fake');
  await dialog.getByLabel('Persona').fill(`You are ${name}.`);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog).toBeHidden();
}

/**
 * The size the agent first saw, and the pane's size as the host holds it after the pane attached. A
 * line typed in the pane travels behind the pane's resize on the same stream, so once its echo is on
 * the screen the host has applied whatever size the pane asked for.
 */
async function firstAndPaneSize(app: AppDriver, name: string): Promise<{ first: string; pane: string }> {
  const pane = app.page.getByRole('region', { name: `Terminal: ${name}` });
  await expect(pane.locator('.xterm-rows')).toContainText('fake-agent>');
  await pane.locator('.xterm').click();
  const sentinel = `ping-${name}`;
  await app.page.keyboard.type(`${sentinel}\r`);
  await expect.poll(() => screenOf(app, name)).toContain(`echo: ${sentinel}`);
  const screen = await screenOf(app, name);
  const first = /size=(\d+x\d+)/.exec(screen)?.[1] ?? 'none';
  const sessions = await rpc<SessionSize[]>(app, 'sessions.list');
  const live = sessions.find((s) => s.agentName === name && s.status !== 'exited' && s.status !== 'failed');
  return { first, pane: live ? `${live.cols}x${live.rows}` : 'none' };
}

test('an agent launched from the sidebar, beside another, or relaunched from its pane starts at its pane’s size', async ({ app }) => {
  const page = app.page;
  await page.setViewportSize({ width: 1300, height: 820 });
  await createAgent(page, 'Solo');
  await createAgent(page, 'Beside');

  // The first pane takes the whole area.
  await page.getByRole('button', { name: 'Launch Solo', exact: true }).click();
  const solo = await firstAndPaneSize(app, 'Solo');
  expect(solo.first).toBe(solo.pane);

  // The second splits it: the launch measured the half it opens in, not the whole area.
  await page.getByRole('button', { name: 'Launch Beside', exact: true }).click();
  const beside = await firstAndPaneSize(app, 'Beside');
  expect(beside.first).toBe(beside.pane);
  expect(Number(beside.pane.split('x')[0])).toBeLessThan(Number(solo.pane.split('x')[0]));

  // Ended and relaunched from the pane's exit bar.
  const idOf = async (name: string) => (await rpc<SessionSize[]>(app, 'sessions.list')).find((s) => s.agentName === name && s.status !== 'exited')?.id;
  const ended = await idOf('Beside');
  const pane = page.getByRole('region', { name: 'Terminal: Beside' });
  await pane.locator('.xterm').click();
  await page.keyboard.type('exit\r');
  await pane.getByRole('button', { name: 'Relaunch Beside' }).click();
  await expect.poll(async () => [undefined, ended].includes(await idOf('Beside'))).toBe(false);
  const relaunched = await firstAndPaneSize(app, 'Beside');
  expect(relaunched.first).toBe(relaunched.pane);
});

test('agents relaunched when the project opens start at the size of their panes, a pane hidden behind a maximized one too', async ({ app }) => {
  // Two launches, a host restart and two relaunches: on a shared, loaded machine that passes a minute.
  test.slow();
  let page = app.page;
  await createAgent(page, 'Left');
  await createAgent(page, 'Right');
  await page.getByRole('button', { name: 'Launch Left', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Terminal: Left' })).toBeVisible();
  await page.getByRole('button', { name: 'Launch Right', exact: true }).click();
  const right = page.getByRole('region', { name: 'Terminal: Right' });
  await expect(right).toBeVisible();
  await right.getByRole('button', { name: 'Maximize pane' }).click();
  await expect(page.getByRole('region', { name: 'Terminal: Left' })).toBeHidden();
  await rpc(app, 'project.setRelaunchOnOpen', { enabled: true });
  // The layout is saved a moment after it changes: wait for the save that holds the maximized pane.
  await expect.poll(async () => (await rpc<{ maximized?: string }>(app, 'layout.get')).maximized).toBeTruthy();

  page = await app.restart();
  await expect.poll(async () => (await rpc<SessionSize[]>(app, 'sessions.list')).filter((s) => s.status !== 'exited' && s.status !== 'failed')).toHaveLength(2);

  const maximized = await firstAndPaneSize(app, 'Right');
  expect(maximized.first).toBe(maximized.pane);

  await page.getByRole('region', { name: 'Terminal: Right' }).getByRole('button', { name: 'Maximize pane' }).click();
  const hidden = await firstAndPaneSize(app, 'Left');
  expect(hidden.first).toBe(hidden.pane);
});
