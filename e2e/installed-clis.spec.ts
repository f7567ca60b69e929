import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { startHost } from './support/host';

/**
 * The New agent dialog says which agent CLIs are installed: the host runs each profile's detect
 * command with the user's PATH. Here a `claude` answers its `--version` and no `codex` exists.
 */
test('the New agent dialog marks a CLI that is not installed, starts with one that is, and a launch of it says so in one line', async ({ world, browser }) => {
  const bin = join(world.root, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'claude'), '#!/bin/sh\necho "2.0.0 (Claude Code)"\n');
  chmodSync(join(bin, 'claude'), 0o755);
  world.env.PATH = `${bin}:${world.env.PATH ?? '/usr/bin:/bin'}`;
  const host = await startHost(world);
  const context = await browser.newContext({ viewport: { width: 1300, height: 820 } });
  try {
    const page = await context.newPage();
    await page.goto(host.url);
    await page.getByRole('button', { name: 'New agent' }).click();
    const dialog = page.getByRole('dialog', { name: 'New agent' });
    const profile = dialog.getByLabel('Profile');
    await expect(profile.locator('option', { hasText: 'Codex CLI' })).toHaveText('Codex CLI (not installed)');
    await expect(profile.locator('option', { hasText: 'Claude Code' })).toHaveText('Claude Code');
    await expect(profile).toHaveValue('claude');

    await dialog.getByLabel('Name').fill('Coder');
    await profile.selectOption('codex');
    await expect(dialog.getByText('Codex CLI is not installed: "codex" was not found on your PATH. Install it, or the agent will not launch.')).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('new-agent-not-installed.png') });
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect(dialog).toBeHidden();

    await page.getByRole('button', { name: 'Launch Coder', exact: true }).click();
    const row = page.locator('.agent-row', { hasText: 'Coder' });
    await expect(row.locator('.row-error')).toHaveText('Codex CLI is not installed: "codex" was not found on the PATH Tessera gives agents. Install it, or give this agent another profile.');
    await page.screenshot({ path: test.info().outputPath('launch-not-installed.png') });
  } finally {
    await context.close().catch(() => undefined);
    await host.stop();
  }
});
