import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { startHost, stopServer, tessera } from './support/host';
import { hostRpc } from './support/rpc';
import { typeUnsavedPersonaLine } from './support/editor';
import { twoTabs } from './support/tabs';

const editor = (page: Page) => page.getByRole('region', { name: 'Editor: claude-coder.md' });

test.setTimeout(180_000);

/**
 * A project switched under a tab (another tab opened it, and the tab took it up when it reconnected to
 * a server the CLI started on it) never takes the tab's unsaved editor text with it: the tab keeps the
 * text as a draft, says so, and offers it again when the project is open there again.
 */
test('unsaved editor text survives another tab opening another project, and is offered again as a draft', async ({ world, browser }) => {
  const host = await startHost(world);
  await hostRpc(host, 'agents.create', { name: 'Claude Coder', profile: 'fake', persona: 'You write code.' });
  const otherProject = join(world.root, 'other-project');
  mkdirSync(otherProject);
  const tabs = await twoTabs(browser, host.url);
  try {
    const { first, second } = tabs;

    // The first tab types into Claude Coder's persona without saving.
    await first.bringToFront();
    await typeUnsavedPersonaLine(first, 'Never lose this line.');

    // The second tab opens another project; the first stays on its own, the text unsaved.
    await second.bringToFront();
    await second.getByRole('button', { name: 'Open folder' }).click();
    await second.locator('#project-folder').fill(otherProject);
    await second.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(second.getByRole('heading', { name: 'other-project' })).toBeVisible();
    await first.bringToFront();
    await expect(first.getByRole('heading', { name: 'sample-project' })).toBeVisible();
    await expect(editor(first).getByLabel('Unsaved changes')).toBeVisible();

    // The server restarts from the CLI on the other project: the first tab reconnects to it, and says where the text went.
    await stopServer(world);
    const started = await tessera(world, ['web', otherProject]);
    expect(started.code, started.stderr).toBe(0);
    await expect(first.getByRole('heading', { name: 'other-project' })).toBeVisible({ timeout: 30_000 });
    await expect(first.getByRole('region', { name: 'Notifications' })).toContainText(
      'Unsaved changes to claude-coder.md kept as a draft: reopen sample-project to restore them.',
    );
    await first.screenshot({ path: test.info().outputPath('first-tab-draft-kept.png') });

    // Back on sample-project, the editor shows the file as on disk and offers the draft.
    await first.getByRole('button', { name: 'Open folder' }).click();
    await first.locator(`button.recent-item[title="${world.projectDir}"]`).click();
    await expect(first.getByRole('heading', { name: 'sample-project' })).toBeVisible();
    await expect(editor(first).locator('.cm-content')).toContainText('You write code.');
    await expect(editor(first).locator('.cm-content')).not.toContainText('Never lose this line.');
    await expect(editor(first).getByRole('button', { name: 'Restore draft' })).toBeVisible();
    await first.screenshot({ path: test.info().outputPath('first-tab-draft-offered.png') });
    await editor(first).getByRole('button', { name: 'Restore draft' }).click();
    await expect(editor(first).locator('.cm-content')).toContainText('Never lose this line.');
    await expect(editor(first).getByLabel('Unsaved changes')).toBeVisible();
    await expect(editor(first).getByRole('button', { name: 'Restore draft' })).toHaveCount(0);
    await first.screenshot({ path: test.info().outputPath('first-tab-draft-restored.png') });

    // Restoring never wrote the file: it is still only the editor's to save.
    const persona = await hostRpc<{ source: string }>(host, 'agents.get', { slug: 'claude-coder' });
    expect(persona.source).not.toContain('Never lose this line.');
  } finally {
    await tabs.close();
    await host.stop();
  }
});
