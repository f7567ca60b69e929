import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { processGone, serverPid, startHost, stopServer, tessera, type World } from './support/host';

/**
 * Agents live in the session server, not in the window: closing the browser, restarting the server
 * or opening another project elsewhere never loses one, and scripts see them all through the CLI.
 */

interface Listed {
  project: string;
  agent: string;
  status: string;
  pid: number;
}

async function ls(world: World): Promise<Listed[]> {
  const out = await tessera(world, ['ls', '--json']);
  expect(out.code, out.stderr).toBe(0);
  return JSON.parse(out.stdout) as Listed[];
}

async function run(world: World, args: string[], cwd?: string): Promise<string> {
  const out = await tessera(world, args, cwd);
  expect(out.code, `tessera ${args.join(' ')}: ${out.stderr}`).toBe(0);
  return out.stdout;
}

test.setTimeout(180_000);

test('agents keep running when the browser goes, and a new browser finds them with their screens and transcripts intact', async ({ world, browser }) => {
  const host = await startHost(world);
  try {
    await run(world, ['agents', 'create', '--name', 'Reviewer', '--profile', 'fake', '--project', world.projectDir]);
    await run(world, ['agents', 'create', '--name', 'Builder', '--profile', 'fake', '--project', world.projectDir]);
    const first = await browser.newContext();
    const page = await first.newPage();
    await page.goto(host.url);
    for (const name of ['Reviewer', 'Builder']) {
      await page.getByRole('button', { name: `Launch ${name}`, exact: true }).click();
      await expect(page.getByRole('region', { name: `Terminal: ${name}` }).locator('.xterm-rows')).toContainText('fake-agent>');
    }
    await page.getByRole('region', { name: 'Terminal: Reviewer' }).click();
    await page.keyboard.type('before the browser closed');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: 'Terminal: Reviewer' }).locator('.xterm-rows')).toContainText('echo: before the browser closed');
    await first.close();

    expect((await ls(world)).map((a) => `${a.agent}:${a.status}`).sort()).toEqual(['builder:idle', 'reviewer:idle']);
    const second = await browser.newContext();
    const again = await second.newPage();
    await again.goto(host.url);
    await expect(again.getByRole('region', { name: 'Terminal: Reviewer' }).locator('.xterm-rows')).toContainText('echo: before the browser closed');
    await expect(again.getByRole('region', { name: 'Terminal: Builder' }).locator('.xterm-rows')).toContainText('fake-agent>');
    await again.getByRole('region', { name: 'Terminal: Builder' }).click();
    await again.keyboard.type('after it came back');
    await again.keyboard.press('Enter');
    await expect(again.getByRole('region', { name: 'Terminal: Builder' }).locator('.xterm-rows')).toContainText('echo: after it came back');
    await second.close();
  } finally {
    await host.stop();
  }
  // The transcripts were written to the end when the server stopped the agents.
  const reviewerLog = readFileSync(join(world.projectDir, '.tessera', 'logs', 'reviewer.log'), 'utf8');
  expect(reviewerLog).toContain('== fake-agent ==');
  expect(reviewerLog).toContain('echo: before the browser closed');
  expect(readFileSync(join(world.projectDir, '.tessera', 'logs', 'builder.log'), 'utf8')).toContain('echo: after it came back');
});

test('two browsers show two projects at once, and tessera ls lists the agents of both', async ({ world, browser }) => {
  const other = join(world.root, 'other-project');
  cpSync(world.projectDir, other, { recursive: true });
  const host = await startHost(world);
  try {
    const a = await (await browser.newContext()).newPage();
    await a.goto(host.url);
    await expect(a.getByRole('heading', { name: 'sample-project' })).toBeVisible();
    // `tessera web DIR` opens DIR for the next browser; the one already open keeps its project.
    expect(await run(world, ['web', other])).toBe(`Tessera web: ${host.url}\n`);
    const b = await (await browser.newContext()).newPage();
    await b.goto(host.url);
    await expect(b.getByRole('heading', { name: 'other-project' })).toBeVisible();
    await expect(a.getByRole('heading', { name: 'sample-project' })).toBeVisible();

    await run(world, ['agents', 'create', '--name', 'Bot', '--profile', 'fake'], world.projectDir);
    await run(world, ['agents', 'create', '--name', 'Bot', '--profile', 'fake'], other);
    await run(world, ['launch', 'bot', '--trust'], world.projectDir);
    await run(world, ['launch', 'other-project/bot', '--trust']);
    await expect(a.getByRole('region', { name: 'Terminal: Bot' })).toHaveCount(0);
    expect((await ls(world)).map((x) => `${x.project}/${x.agent}`)).toEqual(['other-project/bot', 'sample-project/bot']);
    await expect(b.getByRole('button', { name: 'Launch Bot', exact: true })).toBeVisible();
  } finally {
    await host.stop();
  }
});

test('the address stays the same across a server restart, which resumes the agents that can resume', async ({ world, browser }) => {
  const host = await startHost(world);
  const page = await (await browser.newContext()).newPage();
  try {
    await run(world, ['agents', 'create', '--name', 'Resumer', '--profile', 'fake-script'], world.projectDir);
    await run(world, ['launch', 'resumer', '--trust'], world.projectDir);
    const before = serverPid(world);
    expect(await run(world, ['server', 'restart', '--yes'])).toMatch(/restarted .*; 1 agent resumed/);
    expect(serverPid(world)).not.toBe(before);
    expect(await run(world, ['web'])).toBe(`Tessera web: ${host.url}\n`);
    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: 'sample-project' })).toBeVisible();
    await expect.poll(async () => (await tessera(world, ['read', 'resumer'], world.projectDir)).stdout).toContain('resumed');
  } finally {
    await page.context().close();
    await host.stop();
  }
});

test('tessera server stop leaves no agent process, and an idle server exits by itself', async ({ world }) => {
  await run(world, ['agents', 'create', '--name', 'One', '--profile', 'fake'], world.projectDir);
  await run(world, ['agents', 'create', '--name', 'Two', '--profile', 'fake'], world.projectDir);
  await run(world, ['launch', 'one', '--trust'], world.projectDir);
  await run(world, ['launch', 'two'], world.projectDir);
  const pids = (await ls(world)).map((a) => a.pid);
  expect(pids).toHaveLength(2);
  await stopServer(world);
  for (const pid of pids) await processGone(pid);
  expect(await ls(world)).toEqual([]);

  const idle = { ...world, env: { ...world.env, TESSERA_SERVER_IDLE_SECONDS: '1' } };
  expect(await run(idle, ['server', 'run'])).toMatch(/^Tessera server running \(pid \d+/);
  const pid = serverPid(world);
  expect(pid).toBeDefined();
  await processGone(pid as number);
  expect((await tessera(world, ['server', 'status'])).stdout).toBe('No Tessera server is running.\n');
});
