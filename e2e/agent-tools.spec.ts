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

test('an agent messages another through tessera mcp: it arrives at the prompt, in the messages log and in the pane header', async ({ world, browser }) => {
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
    const lead = (await tessera(world, ['read', 'lead', '--lines', '100'], world.projectDir)).stdout.replaceAll('\n', '');
    const argvPath = /argv=\["--mcp-config","([^"]+)"\]/.exec(lead)?.[1];
    expect(argvPath).toBeDefined();
    const server = (JSON.parse(readFileSync(argvPath as string, 'utf8')) as { mcpServers: { tessera: { command: string; args: string[]; env: Record<string, string> } } }).mcpServers.tessera;
    expect(server.args).toEqual([join(repoRoot, 'bin', 'tessera'), 'mcp']);

    const mcp = new Client({ name: 'fake-lead', version: '1.0.0' });
    await mcp.connect(new StdioClientTransport({ command: server.command, args: server.args, env: { ...(world.env as Record<string, string>), ...server.env } }));
    try {
      const listed = (await mcp.callTool({ name: 'list_agents', arguments: {} })) as { content: Array<{ text: string }> };
      expect(listed.content[0]?.text).toMatch(/^you: lead\n/);
      const sent = (await mcp.callTool({ name: 'send_message', arguments: { agent: 'worker', text: 'please take the parser' } })) as { content: Array<{ text: string }>; isError?: boolean };
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
