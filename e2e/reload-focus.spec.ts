import { expect, test } from './support/fixtures';
import { rpc, screenOf } from './support/rpc';

test('after a reload the focused pane takes the keys without a click', async ({ app }) => {
  const page = app.page;
  for (const name of ['Left', 'Right']) await rpc(app, 'agents.create', { name, profile: 'fake', persona: `You are ${name}.` });
  for (const name of ['Left', 'Right']) {
    await page.getByRole('button', { name: `Launch ${name}`, exact: true }).click();
    await expect(page.getByRole('region', { name: `Terminal: ${name}` }).locator('.xterm-rows')).toContainText('fake-agent>');
  }
  // Left is the focused pane when the page goes: the layout is saved a moment after focus moves.
  await page.getByRole('region', { name: 'Terminal: Left' }).locator('.xterm').click();
  await expect.poll(async () => {
    const layout = await rpc<{ focused?: string }>(app, 'layout.get');
    return layout.focused === (await page.getByRole('region', { name: 'Terminal: Left' }).getAttribute('data-pane-id'));
  }).toBe(true);

  await page.reload();
  const left = page.getByRole('region', { name: 'Terminal: Left' });
  await expect(left).toHaveClass(/pane-focused/);
  await expect(left.locator('.xterm-rows')).toContainText('fake-agent>');
  await expect(left.locator('textarea.xterm-helper-textarea')).toBeFocused();
  await page.keyboard.type('typed after reload\r');
  await expect.poll(() => screenOf(app, 'Left')).toContain('echo: typed after reload');
  expect(await screenOf(app, 'Right')).not.toContain('typed after reload');
});
