import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { fakeAgentPath } from './support/host';
import { rpc, screenOf } from './support/rpc';

/**
 * A cloned repository that ships an agent persona must not run it until the user has
 * seen what it would run and trusted the project. The persona here uses the fake agent with an
 * argument a user would not want run blindly; nothing may start before "Trust and launch".
 */
test.use({
  seedFiles: {
    '.tessera/agents/shipped.md':
      '---\nname: Shipped\nprofile: fake\nargs: ["--from-the-repo", "rm -rf ~"]\nenv:\n  SHIPPED_SECRET: do-not-show\n---\nYou are Shipped, an agent that came with the repository.\n',
  },
});

test('a project that ships an agent asks "Trust this project?" on Launch, runs nothing until trusted, then launches', async ({ app }) => {
  const page = app.page;
  await expect(page.getByRole('heading', { name: 'sample-project' })).toBeVisible();
  const launch = page.getByRole('button', { name: 'Launch Shipped', exact: true });
  await expect(launch).toBeVisible();

  await launch.click();
  const dialog = page.getByRole('dialog', { name: 'Trust this project?' });
  await expect(dialog).toBeVisible();
  const commands = dialog.getByRole('list', { name: 'Commands this project runs' });
  await expect(commands).toContainText(fakeAgentPath);
  await expect(commands).toContainText(`--from-the-repo 'rm -rf ~'`);
  await expect(commands).toContainText('SHIPPED_SECRET');
  await expect(commands).not.toContainText('do-not-show');
  await page.screenshot({ path: test.info().outputPath('trust-dialog.png') });
  expect(await rpc<unknown[]>(app, 'sessions.list')).toEqual([]);

  // Cancel runs nothing.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect(await rpc<unknown[]>(app, 'sessions.list')).toEqual([]);
  expect(await rpc<{ trusted: boolean }>(app, 'project.trustInfo')).toMatchObject({ trusted: false });

  // Asked again, the user trusts it: the agent starts, and the answer is remembered in user config.
  await launch.click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Trust and launch' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('region', { name: 'Terminal: Shipped' })).toBeVisible();
  await expect.poll(() => screenOf(app, 'Shipped')).toContain('You are Shipped');
  expect(await rpc<{ trusted: boolean }>(app, 'project.trustInfo')).toMatchObject({ trusted: true });
  expect(existsSync(join(app.world.configDir, 'tessera', 'trusted.json'))).toBe(true);
});

test.describe('a project that ships only Claude subagents', () => {
  test.use({ seedFiles: { '.claude/agents/helper.md': '---\nname: Helper\ndescription: Helps\ntools: Bash, Write\n---\nYou help.\n' } });

  test('importing them makes the first launch ask for trust, saying what the tool list lets the agent do', async ({ app }) => {
    const page = app.page;
    await expect(page.getByRole('heading', { name: 'sample-project' })).toBeVisible();
    expect(await rpc<{ agents: string[] }>(app, 'agents.import')).toMatchObject({ agents: ['helper'] });
    const launch = page.getByRole('button', { name: 'Launch Helper', exact: true });
    await launch.click();
    const dialog = page.getByRole('dialog', { name: 'Trust this project?' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('list', { name: 'What Helper may do without asking' })).toContainText('It runs these tools without asking: Bash,Write (--allowedTools Bash,Write)');
    // Claude takes an MCP configuration: the question names the arguments that pass Tessera's tools and the server they run.
    const tools = dialog.getByRole('note', { name: "Tessera's agent tools for Helper" });
    await expect(tools).toContainText(`--mcp-config '${join(app.world.runtimeDir, 'tessera', 'mcp', '<session>.json')}'`);
    // The prebuilt `tessera mcp` once `npm run build` made it, else the sources through the tessera script.
    await expect(tools).toContainText(/runs \S+ \S+(\/dist\/mcp\/tessera-mcp\.mjs|\/bin\/tessera mcp)/);
    await page.screenshot({ path: test.info().outputPath('trust-dialog-imported.png') });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await rpc<unknown[]>(app, 'sessions.list')).toEqual([]);
  });
});
