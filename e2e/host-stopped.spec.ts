import { expect, test } from './support/fixtures';
import { startHost, stopServer, tessera } from './support/host';

test.setTimeout(120_000);

test('when the host stops, the page says its agents stopped with it and how to start it again, then reconnects when it is back', async ({ world, browser }) => {
  const host = await startHost(world);
  const context = await browser.newContext();
  try {
    const created = await tessera(world, ['agents', 'create', '--name', 'Reviewer', '--profile', 'fake', '--project', world.projectDir]);
    expect(created.code, created.stderr).toBe(0);
    const page = await context.newPage();
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Launch Reviewer', exact: true }).click();
    const pane = page.getByRole('region', { name: 'Terminal: Reviewer' });
    await expect(pane.locator('.xterm-rows')).toContainText('fake-agent>');
    const sidebarStatus = page.getByRole('list', { name: 'Agents' }).locator('.status');
    await expect(sidebarStatus).toContainText('idle');

    await stopServer(world);
    const banner = page.locator('.connection-banner');
    await expect(banner).toContainText('Tessera stopped, and every agent it ran stopped with it.');
    await expect(banner).toContainText('this page reconnects by itself when it is back at this address');
    await expect(sidebarStatus).not.toContainText('idle');
    await expect(pane.locator('.pane-header .status')).not.toContainText('idle');
    await page.screenshot({ path: test.info().outputPath('host-stopped.png') });

    const again = await tessera(world, ['web', world.projectDir]);
    expect(again.stdout).toBe(`Tessera web: ${host.url}\n`);
    await expect(banner).toHaveCount(0, { timeout: 30_000 });
  } finally {
    await context.close();
    await host.stop();
  }
});
