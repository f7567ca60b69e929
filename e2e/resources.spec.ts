import { expect, test } from './support/fixtures';

/**
 * What an agent costs the machine, as a user meets it: the pane header and the agent's row show the
 * CPU and memory of its whole process tree; a process it starts counts until it ends; the Resources
 * view lists every running agent and stops one.
 */
test('an agent shows what its process tree uses, a process it starts counts until it ends, and Resources stops it', async ({ app }) => {
  const page = app.page;
  await page.getByRole('button', { name: 'New agent' }).click();
  const dialog = page.getByRole('dialog', { name: 'New agent' });
  await dialog.getByLabel('Name').fill('Worker');
  await dialog.getByLabel('Profile').selectOption('shell');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole('button', { name: 'Launch Worker', exact: true }).click();
  const pane = page.getByRole('region', { name: 'Terminal: Worker' });
  const meter = pane.locator('.pane-header .usage-meter');
  await expect(meter).toHaveText(/\d+% · \d+(\.\d)? (KB|MB)$/, { timeout: 20_000 });
  const processes = async () => Number(/(\d+) process/.exec((await meter.getAttribute('aria-label')) ?? '')?.[1] ?? 0);
  const cpu = async () => Number(/^([\d.]+)%/.exec((await meter.textContent()) ?? '')?.[1] ?? -1);
  const alone = await processes();
  expect(alone).toBeGreaterThan(0);

  // A busy loop started in the background: one more process, and the agent's CPU climbs.
  await pane.locator('.xterm').click();
  await page.keyboard.type("sh -c 'while :; do :; done' &");
  await page.keyboard.press('Enter');
  await expect.poll(processes, { timeout: 20_000 }).toBe(alone + 1);
  // An idle shell reads 0-1 %; the loop's share of a core falls with the machine's load, never to that.
  await expect.poll(cpu, { timeout: 20_000 }).toBeGreaterThan(5);
  await expect(page.getByRole('list', { name: 'Agents' })).toContainText('%');
  await page.screenshot({ path: test.info().outputPath('usage-in-pane-and-row.png') });

  // Ended: it no longer counts.
  await page.keyboard.type('kill %1');
  await page.keyboard.press('Enter');
  await expect.poll(processes, { timeout: 20_000 }).toBe(alone);

  // The Resources view, by its shortcut: the agent with its figures, then Stop.
  await page.keyboard.press('Alt+Shift+R');
  const resources = page.getByRole('dialog', { name: 'Resources' });
  const table = resources.getByRole('table', { name: 'Running agents' });
  await expect(table.getByRole('row').nth(1)).toContainText('Worker');
  await expect(table.getByRole('row').nth(1)).toContainText(/MB|KB/);
  await page.screenshot({ path: test.info().outputPath('resources-view.png') });
  await resources.getByRole('button', { name: 'Stop Worker' }).click();
  await expect(resources).toContainText('No agent is running.');
  await expect(pane.locator('.pane-header .status')).toContainText(/exited|failed|stopped/);
  await expect(meter).toHaveCount(0);
});
