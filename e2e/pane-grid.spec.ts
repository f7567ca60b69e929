import type { Locator } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { rpc, screenOf } from './support/rpc';

const NAMES = ['Ada', 'Bea', 'Cal', 'Dot', 'Eve', 'Fay', 'Gus', 'Hal'];

async function box(pane: Locator): Promise<{ width: number; height: number }> {
  const b = await pane.boundingBox();
  if (!b) throw new Error('the pane must be on screen');
  return b;
}

test('eight agents launched one after another share the area evenly, and an empty pane picks an agent to launch in it', async ({ app }) => {
  // Eight launches on a shared machine.
  test.slow();
  const page = app.page;
  for (const name of [...NAMES, 'Ivy', 'Joe']) await rpc(app, 'agents.create', { name, profile: 'fake', persona: `You are ${name}.` });
  for (const name of NAMES) {
    await page.getByRole('button', { name: `Launch ${name}`, exact: true }).click();
    await expect(page.getByRole('region', { name: `Terminal: ${name}` }).locator('.xterm-rows')).toContainText('fake-agent>');
  }

  // Every pane gets a fair share: rows of one height, the narrowest pane at least three fifths the width of the widest.
  const boxes = await Promise.all(NAMES.map((name) => box(page.getByRole('region', { name: `Terminal: ${name}` }))));
  const heights = boxes.map((b) => b.height);
  const widths = boxes.map((b) => b.width);
  expect(Math.min(...heights)).toBeGreaterThan(Math.max(...heights) * 0.9);
  expect(Math.min(...widths)).toBeGreaterThan(Math.max(...widths) * 0.6);
  const area = await box(page.locator('[data-layout-area]'));
  expect(Math.min(...heights)).toBeGreaterThan(area.height / 4);
  // The last one launched still shows its answer.
  await expect(page.getByRole('region', { name: 'Terminal: Hal' }).locator('.xterm-rows')).toContainText('You are Hal');
  await page.screenshot({ path: test.info().outputPath('eight-agents-grid.png') });

  // Where new panes go is the user's choice: here a new row below the focused pane, in its column.
  await page.getByRole('combobox', { name: 'Where new panes open' }).selectOption('row');
  const halPane = page.getByRole('region', { name: 'Terminal: Hal' });
  await halPane.locator('.xterm').click();
  const halBefore = await box(halPane);
  await page.getByRole('button', { name: 'Launch Ivy', exact: true }).click();
  const ivy = page.getByRole('region', { name: 'Terminal: Ivy' });
  await expect(ivy.locator('.xterm-rows')).toContainText('You are Ivy');
  const [hal, ivyBox] = [await halPane.boundingBox(), await ivy.boundingBox()];
  expect(Math.abs(ivyBox!.x - hal!.x)).toBeLessThan(2);
  expect(ivyBox!.y).toBeGreaterThan(hal!.y);
  expect(hal!.height).toBeLessThan(halBefore.height * 0.75);

  // An empty pane from the keyboard (Split right) offers the project's agents, the first one focused.
  await ivy.locator('.xterm').click();
  await page.keyboard.press('Control+Shift+Backslash');
  const picker = page.getByRole('region', { name: 'Empty pane' }).getByRole('list', { name: 'Agents to open here' });
  await expect(picker.getByRole('button', { name: 'Open Ada here' })).toBeFocused();
  await page.screenshot({ path: test.info().outputPath('empty-pane-picker.png') });
  await picker.getByRole('button', { name: 'Open Joe here' }).click();
  const joe = page.getByRole('region', { name: 'Terminal: Joe' });
  await expect(joe.locator('.xterm-rows')).toContainText('You are Joe');
  await expect.poll(() => screenOf(app, 'Joe')).toContain('You are Joe');
  await expect(page.getByRole('region', { name: 'Empty pane' })).toHaveCount(0);

  // Even out: ten panes in rows of four, three and three, of one height.
  await page.getByRole('button', { name: 'Even out panes' }).click();
  const ten = await Promise.all([...NAMES, 'Ivy', 'Joe'].map((name) => box(page.getByRole('region', { name: `Terminal: ${name}` }))));
  expect(Math.min(...ten.map((b) => b.height))).toBeGreaterThan(Math.max(...ten.map((b) => b.height)) * 0.9);
  expect(Math.min(...ten.map((b) => b.width))).toBeGreaterThan(Math.max(...ten.map((b) => b.width)) * 0.7);
});
