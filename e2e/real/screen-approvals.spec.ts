import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ModelServer } from '../fixtures/model-server/model-server';
import { prepareAgentHome, type RealCli } from '../fixtures/real-agents/agent-homes';
import { expect, test } from '../support/fixtures';
import { rpc, screenOf } from '../support/rpc';
import { writeAgent } from './support';

/**
 * The real Codex and Gemini CLI asking to run a shell command, answered from the IDE with the keys
 * their verbatim approval prompt names: the agent shows needs-input in its row and pane with the
 * command outside the terminal; Approve sends the key the prompt names and the command runs; Deny
 * sends Escape and it does not. Both run Tessera's hooks (Codex's given per launch, trusted in the same
 * `-c` layer; Gemini's from its run dir's workspace settings): the request and the status come from
 * them, and the turn ends on their Stop (Gemini: AfterAgent) event. The model is the scripted server on loopback.
 */

interface SessionLike {
  agent: string;
  status: string;
  statusSource?: string;
  turnsEnded?: number;
  approval?: { tool: string; subject: string; answer: string };
}

// `hooks`: the tooltip's name for the CLI whose hooks report its status; `tool`: the tool as the request names it.
const clis: ReadonlyArray<{ cli: RealCli; name: string; ready: RegExp; asks: RegExp; tool: string; hooks?: string }> = [
  { cli: 'codex', name: 'Codex Runner', ready: /\? for shortcuts/, asks: /Would you like to run the following command\?/, tool: 'Bash', hooks: 'Codex' },
  { cli: 'gemini', name: 'Gemini Runner', ready: /Type your message/, asks: /Allow execution of \[Shell\]\?/, tool: 'Shell', hooks: 'Gemini' },
];

test.describe.configure({ mode: 'parallel' });

for (const { cli, name, ready, asks, tool, hooks } of clis) {
  test(`${cli}: a command approval shows outside the terminal, Approve sends the key its prompt names and the command runs, Deny does not${hooks ? ', and the turn ends on its Stop event' : ''}`, async ({ app }) => {
    const server = await ModelServer.start({ title: 'Writing files' });
    try {
      const { world, page } = app;
      const slug = name.toLowerCase().replace(' ', '-');
      const runDir = join(world.projectDir, '.tessera', 'run', slug);
      const home = prepareAgentHome({ cli, dir: world.root, modelUrl: server.url, trusted: [world.projectDir, runDir] });
      writeAgent(world.projectDir, { slug, name, profile: cli, skills: [], home, persona: 'You run commands when asked.' });
      await expect(page.getByRole('button', { name: `Launch ${name}`, exact: true })).toBeVisible();
      const { trusted } = await rpc<{ trusted: boolean }>(app, 'project.trustInfo');
      await page.getByRole('button', { name: `Launch ${name}`, exact: true }).click();
      if (!trusted) await page.getByRole('dialog', { name: 'Trust this project?' }).getByRole('button', { name: 'Trust and launch' }).click();
      const pane = page.getByRole('region', { name: `Terminal: ${name}` });
      await expect.poll(() => screenOf(app, name), { timeout: 90_000 }).toMatch(ready);
      const session = async () => (await rpc<SessionLike[]>(app, 'sessions.list')).find((s) => s.agent === slug);
      const ask = async (prompt: string) => {
        await expect.poll(() => screenOf(app, name), { timeout: 60_000 }).toMatch(ready);
        await pane.locator('.xterm').click();
        await page.keyboard.type(prompt);
        await expect.poll(() => screenOf(app, name)).toContain(prompt);
        // Gemini CLI now and then keeps the message in its input box after an Enter (its cause is not
        // known): as a person would, press it again while the model has not been asked. An Enter on an
        // empty input box does nothing.
        const asked = server.mainRequests().length;
        for (let press = 0; press < 3 && server.mainRequests().length === asked; press++) {
          await page.keyboard.press('Enter');
          await expect
            .poll(() => server.mainRequests().length, { timeout: 10_000 })
            .toBeGreaterThan(asked)
            .catch(() => undefined);
        }
        expect(server.mainRequests().length).toBeGreaterThan(asked);
      };
      const row = page.locator('.agent-row', { hasText: name });
      const request = pane.getByRole('group', { name: `Permission request of ${name}` });

      // Approve: the command shows in the pane and the agent's row, the agent needs input, and the key the prompt names runs it.
      server.script({ kind: 'shell', command: 'echo approved > approved.txt', description: 'Write approved.txt' }, { kind: 'text', text: 'APPROVED-MARKER: wrote it.' });
      await ask('write approved.txt');
      await expect(request).toContainText('echo approved > approved.txt', { timeout: 60_000 });
      await expect(request).toContainText(`${name} asks to use ${tool}`);
      // Set apart from the terminal: the request's own frame, not bare text above it.
      await expect(request).toHaveCSS('border-left-style', 'solid');
      await expect(row.getByRole('group', { name: `Permission request of ${name}` })).toContainText('echo approved > approved.txt');
      await expect(pane.locator('.pane-header .status')).toHaveAttribute('title', hooks ? `Status: needs input — from ${hooks}'s hooks` : /^Status: needs input/);
      await expect(row.locator('.status').first()).toHaveAttribute('title', /^Status: needs input/);
      await expect.poll(session).toMatchObject({ status: 'needs-input', approval: { tool, answer: 'keys' } });
      expect(await screenOf(app, name)).toMatch(asks);
      expect(existsSync(join(runDir, 'approved.txt'))).toBe(false);
      await page.screenshot({ path: test.info().outputPath(`${cli}-approval.png`) });
      await request.getByRole('button', { name: 'Approve' }).click();
      await expect.poll(() => existsSync(join(runDir, 'approved.txt')), { timeout: 30_000 }).toBe(true);
      await expect(request).toHaveCount(0);
      await expect(pane.locator('.xterm-rows')).toContainText('APPROVED-MARKER: wrote it.', { timeout: 60_000 });
      if (hooks) {
        // The turn's end, and so its "finished", comes from the agent's Stop (Gemini: AfterAgent) event.
        await expect.poll(async () => (await session())?.turnsEnded, { timeout: 30_000 }).toBe(1);
        // The screen's last read may still show the prompt's lines for a moment: the status settles on the hook's idle.
        await expect.poll(session).toMatchObject({ status: 'idle', statusSource: 'hooks' });
        await expect(pane.locator('.pane-header .status')).toHaveAttribute('title', `Status: idle — from ${hooks}'s hooks`);
      }

      // Deny: Escape declines, the command never runs, and the request goes away.
      server.script({ kind: 'shell', command: 'echo denied > denied.txt', description: 'Write denied.txt' });
      await ask('write denied.txt');
      await expect(request).toContainText('echo denied > denied.txt', { timeout: 60_000 });
      await request.getByRole('button', { name: 'Deny' }).click();
      await expect(request).toHaveCount(0);
      await expect.poll(() => screenOf(app, name), { timeout: 30_000 }).not.toMatch(asks);
      await expect.poll(async () => (await session())?.status, { timeout: 60_000 }).not.toBe('needs-input');
      await page.screenshot({ path: test.info().outputPath(`${cli}-after-deny.png`) });
      expect(existsSync(join(runDir, 'denied.txt'))).toBe(false);
    } finally {
      await server.close();
    }
  });
}
