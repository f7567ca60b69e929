import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ModelServer, offeredTools, toolResults } from '../fixtures/model-server/model-server';
import { prepareAgentHome } from '../fixtures/real-agents/agent-homes';
import { expect, test } from '../support/fixtures';
import { rpc, screenOf } from '../support/rpc';
import { writeAgent } from './support';

/**
 * The real Claude Code using Tessera's agent tools: the model (the scripted server) calls
 * `send_message` through the MCP configuration Tessera passed at launch. With the project's agent
 * messaging off, the call fails with the reason and nothing reaches the other agent; turned on, the
 * message arrives at the other agent's prompt, in its pane header and in the messages log.
 */

const LEAD = 'Claude Lead';
const LEAD_SLUG = 'claude-lead';
const SEND = 'mcp__tessera__send_message';

interface SessionLike {
  id: string;
  agent: string;
  status: string;
}

test('claude: send_message through tessera mcp is refused with the reason while agent messaging is off, and reaches the other agent once it is on', async ({ app }) => {
  const server = await ModelServer.start({ title: 'Handing work over' });
  try {
    const { world, page } = app;
    const runDir = join(world.projectDir, '.tessera', 'run', LEAD_SLUG);
    const home = prepareAgentHome({ cli: 'claude', dir: world.root, modelUrl: server.url, trusted: [world.projectDir, runDir] });
    // The tool runs without a permission prompt: the user's messaging setting is the gate under test. Tool
    // search off: Claude then offers MCP tools to the model directly, so the script can call one at once.
    const env = { ...home, env: { ...home.env, ENABLE_TOOL_SEARCH: 'false' } };
    writeAgent(world.projectDir, { slug: LEAD_SLUG, name: LEAD, profile: 'claude', skills: [], home: env, args: ['--allowedTools', SEND], persona: 'You hand work to the other agents.' });
    // The other agent is the fake agent: it echoes what reaches its prompt.
    writeFileSync(join(world.projectDir, '.tessera', 'agents', 'worker.md'), '---\nname: Worker\nprofile: fake\n---\nYou take work.\n');
    await rpc(app, 'project.trust');

    for (const name of ['Worker', LEAD]) {
      await expect(page.getByRole('button', { name: `Launch ${name}`, exact: true })).toBeVisible();
      await page.getByRole('button', { name: `Launch ${name}`, exact: true }).click();
      await expect(page.getByRole('region', { name: `Terminal: ${name}` })).toBeVisible();
    }
    const worker = page.getByRole('region', { name: 'Terminal: Worker' });
    await expect(worker.locator('.xterm-rows')).toContainText('fake-agent>', { timeout: 30_000 });
    await expect.poll(() => screenOf(app, LEAD), { timeout: 60_000 }).toMatch(/auto mode on|\? for shortcuts/);
    const lead = (await rpc<SessionLike[]>(app, 'sessions.list')).find((s) => s.agent === LEAD_SLUG);
    const type = async (text: string) => {
      await rpc(app, 'sessions.write', { id: lead?.id, data: text });
      await expect.poll(() => screenOf(app, LEAD)).toContain(text);
      await rpc(app, 'sessions.write', { id: lead?.id, data: '\r' });
    };
    const logPath = join(world.projectDir, '.tessera', 'logs', 'messages.jsonl');

    // Claude connects its MCP servers in the background (`tessera mcp` may take seconds to start on a busy
    // machine): short turns until it offers Tessera's tool to the model.
    let pings = 0;
    await expect
      .poll(
        async () => {
          const seen = server.mainRequests().length;
          await type(`ping ${++pings}`);
          const request = await server.waitFor((r) => r.role === 'main' && server.mainRequests().indexOf(r) >= seen, 60_000);
          await expect.poll(async () => (await rpc<SessionLike[]>(app, 'sessions.list')).find((s) => s.agent === LEAD_SLUG)?.status, { timeout: 30_000 }).toBe('idle');
          return offeredTools(request).includes(SEND);
        },
        { timeout: 120_000, intervals: [2_000] },
      )
      .toBe(true);

    // Off (nothing chosen yet): the tool call fails, the model is told why, and nothing is sent.
    server.script({ kind: 'tool', name: SEND, input: { agent: 'worker', text: 'OFF-MARKER take the parser' } }, { kind: 'text', text: 'I may not message the worker.' });
    await type('hand the parser to worker');
    const refused = await server.waitFor((r) => r.role === 'main' && toolResults(r).length > 0, 60_000);
    expect(toolResults(refused)).toEqual([{ text: expect.stringContaining('may not message worker: the user has not allowed it'), isError: true }]);
    await expect(page.getByRole('region', { name: `Terminal: ${LEAD}` }).locator('.xterm-rows')).toContainText('I may not message the worker.', { timeout: 60_000 });
    expect(await screenOf(app, 'Worker')).not.toContain('OFF-MARKER');
    expect(existsSync(logPath)).toBe(false);

    // On: the same call reaches the worker's prompt, its pane header and the log.
    expect(await rpc(app, 'agentMessaging.set', { setting: 'on' })).toEqual({ setting: 'on' });
    server.script({ kind: 'tool', name: SEND, input: { agent: 'worker', text: 'ON-MARKER take the parser' } }, { kind: 'text', text: 'Handed the parser to the worker.' });
    await type('now hand it over');
    const sent = await server.waitFor((r) => r.role === 'main' && toolResults(r).some((result) => result.text === 'Sent to worker.' || result.text.startsWith('Queued for worker')), 60_000);
    expect(toolResults(sent)[0]?.isError).toBe(false);
    await expect(worker.locator('.xterm-rows')).toContainText('echo: [message from agent claude-lead] ON-MARKER take the parser', { timeout: 30_000 });
    await expect(worker.getByLabel(`Message from ${LEAD_SLUG}`)).toHaveText(`✉ ${LEAD_SLUG}: ON-MARKER take the parser`);
    await expect(page.getByRole('region', { name: `Terminal: ${LEAD}` }).locator('.xterm-rows')).toContainText('Handed the parser to the worker.', { timeout: 60_000 });
    const log = readFileSync(logPath, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, string>);
    expect(log).toMatchObject([{ from: LEAD_SLUG, to: 'worker', text: 'ON-MARKER take the parser' }]);
    await page.screenshot({ path: test.info().outputPath('claude-agent-message.png') });
  } finally {
    await server.close();
  }
});
