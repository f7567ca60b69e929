import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { startHost } from './support/host';
import { hostRpc } from './support/rpc';
import { typeUnsavedPersonaLine } from './support/editor';
import { twoTabs } from './support/tabs';

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
  const tabs = await twoTabs(browser, host.url);
  try {
    const { first, second } = tabs;
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
    await tabs.close();
    await host.stop();
  }
});

/**
 * A tab never lets another tab's layout take away an editor with text it has not saved: it keeps the
 * editor, with the text, and saves the layout with it, so the other tab shows it again.
 */
test('an editor with unsaved text stays open in its tab when another tab closes it, and comes back in that tab', async ({ world, browser }) => {
  const host = await startHost(world);
  await hostRpc(host, 'agents.create', { name: 'Ada', profile: 'fake', persona: 'You are Ada.' });
  await hostRpc(host, 'agents.create', { name: 'Claude Coder', profile: 'fake', persona: 'You write code.' });
  const tabs = await twoTabs(browser, host.url);
  try {
    const { first, second } = tabs;
    const editor = (page: Page) => page.getByRole('region', { name: 'Editor: claude-coder.md' });

    // The first tab shows Ada beside Claude Coder's persona, and types into it without saving.
    await first.bringToFront();
    await first.getByRole('button', { name: 'Launch Ada', exact: true }).click();
    await expect(ada(first).locator('.xterm-rows')).toContainText('fake-agent>');
    await typeUnsavedPersonaLine(first, 'Never lose this line.');

    // The second tab, where the editor holds nothing unsaved, closes it.
    await second.bringToFront();
    await expect(editor(second).locator('.cm-content')).toContainText('You write code.');
    await editor(second).getByRole('button', { name: 'Close pane' }).click();

    // The first tab kept it, text and all, and says so; the second shows it again, as the file on disk.
    await first.bringToFront();
    await expect(first.getByRole('region', { name: 'Notifications' })).toContainText('Kept claude-coder.md open here: it has unsaved changes.');
    await expect(editor(first).locator('.cm-content')).toContainText('Never lose this line.');
    await expect(editor(first).getByLabel('Unsaved changes')).toBeVisible();
    await expect(ada(first)).toBeVisible();
    await second.bringToFront();
    await expect(editor(second).locator('.cm-content')).toContainText('You write code.');
    await expect(ada(second).locator('.xterm-rows')).toContainText('fake-agent>');
    await first.screenshot({ path: test.info().outputPath('first-tab-kept-unsaved-editor.png') });
    await second.screenshot({ path: test.info().outputPath('second-tab-editor-back.png') });

    // The project keeps the editor in its layout, and the text is still only the first tab's to save.
    const saved = await hostRpc<{ root: unknown }>(host, 'layout.get');
    expect(JSON.stringify(saved.root)).toContain('"slug":"claude-coder"');
    await first.bringToFront();
    await first.keyboard.press('Control+S');
    await expect(editor(first).getByLabel('Unsaved changes')).toHaveCount(0);
  } finally {
    await tabs.close();
    await host.stop();
  }
});
