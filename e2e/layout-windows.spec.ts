import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { startHost } from './support/host';
import { hostRpc } from './support/rpc';

const ada = (page: Page) => page.getByRole('region', { name: 'Terminal: Ada' });
const emptyPane = (page: Page) => page.getByRole('region', { name: 'Empty pane' });
const divider = (page: Page) => page.getByRole('separator', { name: 'Resize panes left and right' });

/**
 * Two tabs on one project show one layout: what either changes (a pane opened, split, resized or
 * closed) shows in the other without a reload, and neither writes the other's change away.
 */
test('a layout changed in one tab shows in another tab of the same project, and a change there shows back in the first', async ({ world, browser }) => {
  const host = await startHost(world);
  await hostRpc(host, 'agents.create', { name: 'Ada', profile: 'fake', persona: 'You are Ada.' });
  const context = await browser.newContext();
  try {
    const first = await context.newPage();
    await first.goto(host.url);
    const second = await context.newPage();
    await second.goto(host.url);
    for (const page of [first, second]) await expect(page.getByRole('heading', { name: 'sample-project' })).toBeVisible();
    await expect(second.getByRole('button', { name: 'Open an empty pane' })).toBeVisible();

    // The first tab launches Ada and splits her pane: the second shows both panes, Ada's terminal live.
    await first.bringToFront();
    await first.getByRole('button', { name: 'Launch Ada', exact: true }).click();
    await expect(ada(first).locator('.xterm-rows')).toContainText('fake-agent>');
    await ada(first).getByRole('button', { name: 'Split right' }).click();
    await expect(emptyPane(first)).toBeVisible();
    await second.bringToFront();
    await expect(ada(second).locator('.xterm-rows')).toContainText('fake-agent>');
    await expect(emptyPane(second)).toBeVisible();
    await expect(divider(second)).toHaveAttribute('aria-valuenow', '50');

    // The second tab moves the divider: the first follows, to the same share.
    await divider(second).focus();
    await second.keyboard.press('Shift+ArrowRight');
    await second.keyboard.press('Shift+ArrowRight');
    await expect(divider(second)).toHaveAttribute('aria-valuenow', '70');
    await first.bringToFront();
    await expect(divider(first)).toHaveAttribute('aria-valuenow', '70');
    const [adaBox, emptyBox] = [await ada(first).boundingBox(), await emptyPane(first).boundingBox()];
    expect(adaBox!.width).toBeGreaterThan(emptyBox!.width * 2);
    await first.screenshot({ path: test.info().outputPath('first-tab-after-second-resized.png') });
    await second.screenshot({ path: test.info().outputPath('second-tab-resized.png') });

    // The second tab closes the empty pane: the first shows Ada alone.
    await second.bringToFront();
    await emptyPane(second).getByRole('button', { name: 'Close pane' }).click();
    await expect(emptyPane(second)).toHaveCount(0);
    await first.bringToFront();
    await expect(emptyPane(first)).toHaveCount(0);
    await expect(divider(first)).toHaveCount(0);
    await expect(ada(first).locator('.xterm-rows')).toContainText('fake-agent>');

    // The first tab, which never reloaded, splits again: its save lands on the second's, and both show it.
    await ada(first).getByRole('button', { name: 'Split down' }).click();
    await expect(emptyPane(first)).toBeVisible();
    await second.bringToFront();
    await expect(emptyPane(second)).toBeVisible();
    await expect(second.getByRole('separator', { name: 'Resize panes above and below' })).toBeVisible();
    await first.screenshot({ path: test.info().outputPath('first-tab-split-down.png') });
    await second.screenshot({ path: test.info().outputPath('second-tab-after-first-split-down.png') });

    // What both show is what the project keeps.
    const saved = await hostRpc<{ root: { type: string; direction?: string }; revision: number }>(host, 'layout.get');
    expect(saved.root).toMatchObject({ type: 'split', direction: 'column' });
    expect(saved.revision).toBeGreaterThanOrEqual(4);
  } finally {
    await context.close().catch(() => undefined);
    await host.stop();
  }
});
