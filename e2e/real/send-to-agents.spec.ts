import { join } from 'node:path';
import { ModelServer, lastUserText, type ModelApi } from '../fixtures/model-server/model-server';
import { prepareAgentHome, type RealCli } from '../fixtures/real-agents/agent-homes';
import { expect, test } from '../support/fixtures';
import { rpc, screenOf } from '../support/rpc';
import { writeAgent } from './support';

/**
 * Send to agents as a user meets it with the real CLIs: one message from the dialog reaches the
 * model from Claude Code, Codex and Gemini CLI alike. Each CLI gets the text first and Enter once it
 * has taken it; written together, Codex and Gemini keep the Enter as a newline in their input box.
 */

const clis: ReadonlyArray<{ cli: RealCli; name: string; api: ModelApi; ready: RegExp }> = [
  { cli: 'claude', name: 'Claude Sender', api: 'anthropic', ready: /auto mode on|\? for shortcuts/ },
  { cli: 'codex', name: 'Codex Sender', api: 'openai', ready: /\? for shortcuts/ },
  { cli: 'gemini', name: 'Gemini Sender', api: 'gemini', ready: /Type your message/ },
];

const MESSAGE = 'SEND-MARKER: report your status';

interface SessionLike {
  agentName: string;
  status: string;
}

test('Send to agents submits one message to Claude Code, Codex and Gemini CLI: the model receives it from each', async ({ app }) => {
  const server = await ModelServer.start({ title: 'Status report' });
  try {
    const { world, page } = app;
    for (const { cli, name } of clis) {
      const slug = name.toLowerCase().replace(' ', '-');
      const home = prepareAgentHome({ cli, dir: world.root, modelUrl: server.url, trusted: [world.projectDir, join(world.projectDir, '.tessera', 'run', slug)] });
      writeAgent(world.projectDir, { slug, name, profile: cli, skills: [], home, persona: `You are ${name}.` });
    }
    server.script(...clis.map(() => ({ kind: 'text' as const, text: 'STATUS-MARKER: all is well.' })));

    await rpc(app, 'project.trust');
    for (const { name } of clis) {
      await expect(page.getByRole('button', { name: `Launch ${name}`, exact: true })).toBeVisible();
      await page.getByRole('button', { name: `Launch ${name}`, exact: true }).click();
      await expect(page.getByRole('region', { name: `Terminal: ${name}` })).toBeVisible();
    }
    for (const { name, ready } of clis) await expect.poll(() => screenOf(app, name), { timeout: 60_000 }).toMatch(ready);
    // Each at its prompt, so the message goes to all three now or at their next idle.
    const statuses = async () => (await rpc<SessionLike[]>(app, 'sessions.list')).map((s) => `${s.agentName}: ${s.status}`).sort();
    try {
      await expect.poll(statuses, { timeout: 30_000 }).toEqual(clis.map((c) => `${c.name}: idle`).sort());
    } catch (error) {
      // What each CLI showed, so a run that fails here says why its agent was not at its prompt.
      for (const { name } of clis) console.log(`Screen of ${name}:\n${await screenOf(app, name)}`);
      throw error;
    }

    await page.getByRole('button', { name: 'Send to agents' }).click();
    const dialog = page.getByRole('dialog', { name: 'Send to agents' });
    await dialog.getByRole('textbox', { name: 'Message' }).fill(MESSAGE);
    await dialog.getByRole('button', { name: 'Send' }).click();
    const delivery = dialog.getByRole('list', { name: 'Delivery' });
    // Sent now, or queued behind a redraw that read as busy and sent at its next idle: never refused.
    await expect(delivery.getByRole('listitem')).toHaveText(clis.map((c) => new RegExp(`^${c.name}(sent|queued)`)), { timeout: 30_000 });
    await page.screenshot({ path: test.info().outputPath('send-dialog.png') });

    for (const { api } of clis) {
      const request = await server.waitFor((r) => r.role === 'main' && r.api === api && lastUserText(r).includes(MESSAGE), 60_000);
      // One message, submitted once: the text is not doubled and carries no stray newline from an Enter kept as text.
      const text = lastUserText(request);
      expect(text.split(MESSAGE)).toHaveLength(2);
      expect(text).not.toContain(`${MESSAGE}\n`);
    }
    await dialog.getByRole('button', { name: 'Close' }).click();
    for (const { name } of clis) {
      await expect(page.getByRole('region', { name: `Terminal: ${name}` }).locator('.xterm-rows')).toContainText('STATUS-MARKER: all is well.', { timeout: 60_000 });
    }
    // Submitted once each: an Enter pressed again for a CLI that took the first meets an empty input box.
    for (const { api } of clis) expect(server.mainRequests().filter((r) => r.api === api && lastUserText(r).includes(MESSAGE))).toHaveLength(1);
  } finally {
    await server.close();
  }
});
