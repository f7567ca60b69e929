import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { screenOf } from './support/rpc';

const persona = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', 'personas', `${name}.md`), 'utf8');

async function createAgent(page: Page, input: { name: string; persona: string; skills: string[] }) {
  await page.getByRole('button', { name: 'New agent' }).click();
  const dialog = page.getByRole('dialog', { name: 'New agent' });
  await dialog.getByLabel('Name').fill(input.name);
  await dialog.getByLabel('Profile').selectOption('fake');
  await dialog.getByLabel('Persona').fill(input.persona);
  for (const skill of input.skills) await dialog.getByRole('checkbox', { name: skill }).check();
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: `Launch ${input.name}`, exact: true })).toBeVisible();
}

/** What the pane's xterm shows (the DOM renderer keeps rows as text; the e2e world turns GPU rendering off). */
function terminalRows(pane: Locator): Locator {
  return pane.locator('.xterm-rows');
}

test('a user creates two agents, runs them side by side, and finds them again after a reload and a restart', async ({ app }) => {
  let page = app.page;
  await expect(page.getByRole('heading', { name: 'sample-project' })).toBeVisible();

  await createAgent(page, { name: 'Reviewer', persona: persona('reviewer'), skills: ['code-review', 'testing'] });
  await createAgent(page, { name: 'Builder', persona: persona('builder'), skills: ['testing'] });

  // Launch both: each gets its pane, and the fake agent prints the context it was handed.
  await page.getByRole('button', { name: 'Launch Reviewer', exact: true }).click();
  const reviewer = page.getByRole('region', { name: 'Terminal: Reviewer' });
  await expect(reviewer).toBeVisible();
  await expect.poll(() => screenOf(app, 'Reviewer')).toContain('You are Reviewer, a meticulous code reviewer');
  const reviewerScreen = await screenOf(app, 'Reviewer');
  expect(reviewerScreen).toContain(`Project root: ${app.world.projectDir}`);
  expect(reviewerScreen.indexOf('## code-review')).toBeLessThan(reviewerScreen.indexOf('## testing'));
  await expect(terminalRows(reviewer)).toContainText('You are Reviewer');

  await page.getByRole('button', { name: 'Launch Builder', exact: true }).click();
  const builder = page.getByRole('region', { name: 'Terminal: Builder' });
  await expect(builder).toBeVisible();
  await expect.poll(() => screenOf(app, 'Builder')).toContain('You are Builder');
  expect(await screenOf(app, 'Builder')).not.toContain('## code-review');

  // Type into one: the keystrokes reach that agent only.
  await reviewer.click();
  await page.keyboard.type('hello reviewer');
  await page.keyboard.press('Enter');
  await expect.poll(() => screenOf(app, 'Reviewer')).toContain('echo: hello reviewer');
  expect(await screenOf(app, 'Builder')).not.toContain('hello reviewer');
  await expect(terminalRows(reviewer)).toContainText('echo: hello reviewer');

  // Split and resize.
  await reviewer.getByRole('button', { name: 'Split down' }).click();
  const separators = page.getByRole('separator');
  const before = await reviewer.boundingBox();
  const divider = separators.last();
  const box = await divider.boundingBox();
  if (!before || !box) throw new Error('the pane and its divider must be on screen');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 + 120, { steps: 8 });
  await page.mouse.up();
  await expect.poll(async () => (await reviewer.boundingBox())?.height ?? 0).toBeGreaterThan(before.height + 60);

  // Close Builder's pane: the agent keeps running, and reopening shows its output intact.
  await builder.getByRole('button', { name: 'Close pane' }).click();
  await expect(builder).toBeHidden();
  expect(await screenOf(app, 'Builder')).toContain('You are Builder');
  await page.getByRole('button', { name: 'Launch Builder', exact: true }).click();
  await expect(builder).toBeVisible();
  await expect(terminalRows(builder)).toContainText('You are Builder');

  // Reload: everything re-attaches with its screen.
  await page.reload();
  await expect(reviewer).toBeVisible();
  await expect(builder).toBeVisible();
  await expect(terminalRows(reviewer)).toContainText('echo: hello reviewer');
  await expect(terminalRows(builder)).toContainText('You are Builder');

  // Restart the host: the layout comes back, with a one-click relaunch for the agents that were running.
  page = await app.restart();
  const reviewerAgain = page.getByRole('region', { name: 'Terminal: Reviewer' });
  await expect(reviewerAgain).toBeVisible();
  await expect(page.getByRole('region', { name: 'Terminal: Builder' })).toBeVisible();
  await reviewerAgain.getByRole('button', { name: 'Relaunch Reviewer' }).click();
  await expect.poll(() => screenOf(app, 'Reviewer')).toContain('You are Reviewer');
  await expect(terminalRows(reviewerAgain)).toContainText('You are Reviewer');
});

test('bad input gets a clear inline error and loses nothing', async ({ app }) => {
  const page = app.page;
  await createAgent(page, { name: 'Reviewer', persona: persona('reviewer'), skills: [] });

  await page.getByRole('button', { name: 'New agent' }).click();
  const dialog = page.getByRole('dialog', { name: 'New agent' });
  await dialog.getByLabel('Name').fill('Reviewer');
  await dialog.getByLabel('Persona').fill('A second persona that must not be lost.');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.getByText(/already exists/)).toBeVisible();
  await expect(dialog.getByLabel('Persona')).toHaveValue('A second persona that must not be lost.');

  await dialog.getByLabel('Name').fill('../escape');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.getByText(/separator|outside/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'Open folder' }).click();
  const folder = page.getByLabel('Project folder');
  await folder.fill(join(app.world.root, 'does-not-exist'));
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText(/does not exist|not found/i);
});
