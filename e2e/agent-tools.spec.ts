import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './support/fixtures';
import { fakeAgentPath, startHost, tessera, type World } from './support/host';

/**
 * `tessera mcp` as an agent's CLI runs it: started over stdio from the MCP configuration Tessera
 * handed the agent at launch, with that agent's capability. A message it sends reaches the other
 * agent, the messages log and the other agent's pane header.
 */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

async function run(world: World, args: string[], cwd?: string): Promise<string> {
  const out = await tessera(world, args, cwd);
  expect(out.code, `tessera ${args.join(' ')}: ${out.stderr}`).toBe(0);
  return out.stdout;
}

test.setTimeout(180_000);

/** A profile of the fake agent that takes an MCP configuration, as Claude Code does. */
function fakeMcpProfile(world: World): void {
  writeFileSync(
    join(world.configDir, 'tessera', 'profiles', 'fake-mcp.json'),
    JSON.stringify({
      id: 'fake-mcp',
      name: 'Fake agent with MCP',
      command: fakeAgentPath,
      args: [],
      env: {},
      inject: { kind: 'convention-file', target: 'AGENTS.md' },
      mcpConfigArgs: ['--mcp-config', '{mcpConfig}'],
      status: { needsInput: [], busy: [] },
    }),
  );
}

type McpServerEntry = { command: string; args: string[]; env: Record<string, string> };

/** The `tessera mcp` entry of the MCP configuration the agent's launch was handed (its argv is on its screen). */
async function mcpServerOf(world: World, slug: string): Promise<McpServerEntry> {
  const screen = (await tessera(world, ['read', slug, '--lines', '100'], world.projectDir)).stdout.replaceAll('\n', '');
  const argvPath = /argv=\["--mcp-config","([^"]+)"\]/.exec(screen)?.[1];
  expect(argvPath).toBeDefined();
  return (JSON.parse(readFileSync(argvPath as string, 'utf8')) as { mcpServers: { tessera: McpServerEntry } }).mcpServers.tessera;
}

/** `tessera mcp` started as the agent's CLI starts it, with an MCP client on its stdio. */
async function mcpClientOf(world: World, server: McpServerEntry): Promise<Client> {
  const mcp = new Client({ name: 'fake-lead', version: '1.0.0' });
  await mcp.connect(new StdioClientTransport({ command: server.command, args: server.args, env: { ...(world.env as Record<string, string>), ...server.env } }));
  return mcp;
}

type ToolAnswer = { content: Array<{ text: string }>; isError?: boolean };

test('an agent messages another through tessera mcp: it arrives at the prompt, in the messages log and in the pane header', async ({ world, browser }) => {
  fakeMcpProfile(world);
  writeFileSync(join(world.configDir, 'tessera', 'agent-messaging.json'), JSON.stringify({ projects: { [world.projectDir]: 'on' } }));
  const host = await startHost(world);
  const page = await (await browser.newContext()).newPage();
  try {
    for (const name of ['Lead', 'Worker']) await run(world, ['agents', 'create', '--name', name, '--profile', 'fake-mcp', '--project', world.projectDir]);
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Launch Worker', exact: true }).click();
    const worker = page.getByRole('region', { name: 'Terminal: Worker' });
    await expect(worker.locator('.xterm-rows')).toContainText('fake-agent>');
    await run(world, ['launch', 'lead'], world.projectDir);

    // One configuration per running agent, each with a capability of its own.
    expect(readdirSync(join(world.runtimeDir, 'tessera', 'mcp'))).toHaveLength(2);
    const server = await mcpServerOf(world, 'lead');
    // The prebuilt `tessera mcp` (the suite runs after `npm run build`, which makes it from these sources).
    expect(server.args, 'the host hands agents the prebuilt tessera mcp: run npm run build first').toEqual([join(repoRoot, 'dist', 'mcp', 'tessera-mcp.mjs')]);

    const mcp = await mcpClientOf(world, server);
    try {
      const listed = (await mcp.callTool({ name: 'list_agents', arguments: {} })) as ToolAnswer;
      expect(listed.content[0]?.text).toMatch(/^you: lead\n/);
      const sent = (await mcp.callTool({ name: 'send_message', arguments: { agent: 'worker', text: 'please take the parser' } })) as ToolAnswer;
      expect(sent.isError ?? false).toBe(false);
    } finally {
      await mcp.close();
    }
    await expect(worker.locator('.xterm-rows')).toContainText('echo: [message from agent lead] please take the parser');
    await expect(worker.getByLabel('Message from lead')).toHaveText('✉ lead: please take the parser');
    const log = readFileSync(join(world.projectDir, '.tessera', 'logs', 'messages.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, string>);
    expect(log).toMatchObject([{ from: 'lead', to: 'worker', text: 'please take the parser' }]);
    await page.screenshot({ path: test.info().outputPath('agent-message.png') });
  } finally {
    await page.context().close();
    await host.stop();
  }
});

test('with agent messaging set to "ask" in the app, a request is shown with the agents and the message, and the answer decides', async ({ world, browser }) => {
  fakeMcpProfile(world);
  const host = await startHost(world);
  const page = await (await browser.newContext()).newPage();
  try {
    for (const name of ['Lead', 'Worker']) await run(world, ['agents', 'create', '--name', name, '--profile', 'fake-mcp', '--project', world.projectDir]);
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Launch Worker', exact: true }).click();
    const worker = page.getByRole('region', { name: 'Terminal: Worker' });
    await expect(worker.locator('.xterm-rows')).toContainText('fake-agent>');
    await run(world, ['launch', 'lead'], world.projectDir);

    // The setting, chosen in the app, lands in the user's config and nowhere in the project.
    await page.keyboard.press('F1');
    await page.getByRole('combobox', { name: 'Type a command' }).fill('agent messaging');
    await page.keyboard.press('Enter');
    const settings = page.getByRole('dialog', { name: 'Agent messaging' });
    await expect(settings.getByRole('radio', { name: /^Off/ })).toBeChecked();
    await settings.getByRole('radio', { name: /^Ask me/ }).click();
    await expect(settings.getByRole('radio', { name: /^Ask me/ })).toBeChecked();
    await page.screenshot({ path: test.info().outputPath('agent-messaging-setting.png') });
    await settings.getByRole('button', { name: 'Done' }).click();
    const saved = JSON.parse(readFileSync(join(world.configDir, 'tessera', 'agent-messaging.json'), 'utf8')) as { projects: Record<string, string> };
    expect(saved.projects[world.projectDir]).toBe('ask');

    const mcp = await mcpClientOf(world, await mcpServerOf(world, 'lead'));
    try {
      const allowed = mcp.callTool({ name: 'send_message', arguments: { agent: 'worker', text: 'please take the parser' } }) as Promise<ToolAnswer>;
      const request = page.getByRole('alertdialog', { name: 'Lead asks to message Worker' });
      await expect(request.getByLabel('Message')).toHaveText('please take the parser');
      await expect(request).toContainText(/Refused in \d+ s unless you answer/);
      await page.screenshot({ path: test.info().outputPath('agent-request.png') });
      await request.getByRole('button', { name: 'Allow' }).click();
      expect(((await allowed).isError ?? false)).toBe(false);
      await expect(request).toHaveCount(0);
      await expect(worker.locator('.xterm-rows')).toContainText('echo: [message from agent lead] please take the parser');

      const denied = mcp.callTool({ name: 'send_message', arguments: { agent: 'worker', text: 'and drop the tests' } }) as Promise<ToolAnswer>;
      await page.getByRole('alertdialog', { name: 'Lead asks to message Worker' }).getByRole('button', { name: 'Deny' }).click();
      const refusal = await denied;
      expect(refusal.isError).toBe(true);
      expect(refusal.content[0]?.text).toMatch(/^The user denied this request/);
    } finally {
      await mcp.close();
    }
    await expect(worker.locator('.xterm-rows')).not.toContainText('and drop the tests');
    const log = readFileSync(join(world.projectDir, '.tessera', 'logs', 'messages.jsonl'), 'utf8');
    expect(log).toContain('please take the parser');
    expect(log).not.toContain('and drop the tests');
  } finally {
    await page.context().close();
    await host.stop();
  }
});
