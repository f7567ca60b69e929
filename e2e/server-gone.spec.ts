import { expect, test } from './support/fixtures';
import { startHost, stopServer, tessera, type World } from './support/host';

/**
 * A tab whose server is gone says so and what to do, and never that the agents keep running: they
 * ran in that server. It retries only while the same address can come back.
 */

async function run(world: World, args: string[], cwd?: string): Promise<string> {
  const out = await tessera(world, args, cwd);
  expect(out.code, `tessera ${args.join(' ')}: ${out.stderr}`).toBe(0);
  return out.stdout;
}

test.setTimeout(180_000);

test('a tab whose server stopped says its agents stopped with it, retries at the same address, and says the server restarted once it is back', async ({ world, browser }) => {
  const host = await startHost(world);
  const page = await (await browser.newContext()).newPage();
  try {
    await run(world, ['agents', 'create', '--name', 'Reviewer', '--profile', 'fake', '--project', world.projectDir]);
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Launch Reviewer', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Terminal: Reviewer' }).locator('.xterm-rows')).toContainText('fake-agent>');

    await stopServer(world);
    const banner = page.locator('.connection-banner');
    await expect(banner).toContainText('The Tessera server is not answering at this address');
    await expect(banner).toContainText('if it stopped, they stopped with it');
    await expect(banner).toContainText('`tessera web` starts it again at this same address');
    await expect(banner).not.toContainText('keep running');
    await page.screenshot({ path: test.info().outputPath('server-gone.png') });

    expect(await run(world, ['web', world.projectDir])).toBe(`Tessera web: ${host.url}\n`);
    await expect(banner).toContainText('The Tessera server restarted', { timeout: 30_000 });
    await expect(page.getByRole('button', { name: 'Launch Reviewer', exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await expect(banner).toHaveCount(0);
  } finally {
    await page.context().close();
    await host.stop();
  }
});

test('a tab whose token was replaced stops retrying and says to open the new address', async ({ world, browser }) => {
  const host = await startHost(world);
  const page = await (await browser.newContext()).newPage();
  try {
    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: 'sample-project' })).toBeVisible();
    const rotated = await run(world, ['web', '--new-token']);
    expect(rotated).not.toBe(`Tessera web: ${host.url}\n`);
    const banner = page.locator('.connection-banner');
    await expect(banner).toContainText('no longer accepts this page', { timeout: 30_000 });
    await expect(banner).toContainText('this page stops retrying');
    await page.screenshot({ path: test.info().outputPath('token-replaced.png') });
  } finally {
    await page.context().close();
    await host.stop();
  }
});

test('a client of another version is refused with the offer to restart, and the restart relaunches the agents that declare a resume', async ({ world, browser }) => {
  const old = { ...world, env: { ...world.env, TESSERA_APP_VERSION: '0.0.1-old' } };
  const host = await startHost(old);
  const page = await (await browser.newContext()).newPage();
  try {
    await run(old, ['agents', 'create', '--name', 'Resumer', '--profile', 'fake-script'], world.projectDir);
    await run(old, ['launch', 'resumer', '--trust'], world.projectDir);
    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: 'sample-project' })).toBeVisible();

    const refused = await tessera(world, ['ls']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/the running Tessera server is version 0\.0\.1-old .* and this client is \S+ .*: run `tessera server restart` to replace it/);

    expect(await run(world, ['server', 'restart', '--yes'])).toMatch(/restarted .*; 1 agent resumed/);
    expect(await run(world, ['web'])).toBe(`Tessera web: ${host.url}\n`);
    const banner = page.locator('.connection-banner');
    await expect(banner).toContainText('The Tessera server now runs version', { timeout: 30_000 });
    await expect(banner).toContainText('this page was made for 0.0.1-old. Reload the page to go on.');
    await page.screenshot({ path: test.info().outputPath('version-changed.png') });
    await page.getByRole('button', { name: 'Reload' }).click();
    await expect(page.getByRole('heading', { name: 'sample-project' })).toBeVisible();
    await expect(banner).toHaveCount(0);
    await expect.poll(async () => (await tessera(world, ['read', 'resumer'], world.projectDir)).stdout).toContain('resumed');
  } finally {
    await page.context().close();
    await host.stop();
  }
});
