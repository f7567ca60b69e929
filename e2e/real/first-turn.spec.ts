import { join } from 'node:path';
import { ModelServer, lastUserText } from '../fixtures/model-server/model-server';
import { prepareAgentHome, type RealCli } from '../fixtures/real-agents/agent-homes';
import { expect, test } from '../support/fixtures';
import { rpc, screenOf } from '../support/rpc';
import { processesOf, writeAgent, writeSkill } from './support';

/**
 * Each real agent CLI, launched from persona markdown and a skill in a pane as a user would: the
 * persona and the skill reach the model, a text turn's answer appears in the pane, and Stop leaves
 * no process of the agent behind. The model is the scripted server on loopback; the run is inside a
 * network namespace with loopback only.
 */

const clis: ReadonlyArray<{ cli: RealCli; name: string; ready: RegExp }> = [
  { cli: 'claude', name: 'Claude Coder', ready: /auto mode on|\? for shortcuts/ },
  { cli: 'codex', name: 'Codex Coder', ready: /\? for shortcuts/ },
  { cli: 'gemini', name: 'Gemini Coder', ready: /Type your message/ },
];

test.describe.configure({ mode: 'parallel' });

for (const { cli, name, ready } of clis) {
  test(`${cli}: the persona and a skill reach the model, the answer shows in the pane, and Stop leaves no process`, async ({ app }) => {
    const server = await ModelServer.start({ title: 'Kind greeting' });
    try {
      const { world, page } = app;
      const slug = name.toLowerCase().replace(' ', '-');
      const runDir = join(world.projectDir, '.tessera', 'run', slug);
      const home = prepareAgentHome({ cli, dir: world.root, modelUrl: server.url, trusted: [world.projectDir, runDir] });
      writeSkill(world.projectDir, { name: 'kind-words', description: 'How to greet.', body: 'SKILL-MARKER: greet everyone kindly.' });
      writeAgent(world.projectDir, { slug, name, profile: cli, skills: ['kind-words'], home, persona: `PERSONA-MARKER: you are ${name}, a careful engineer.` });
      // The host picks up agents written while it runs, as it would a user's editor.
      await expect(page.getByRole('button', { name: `Launch ${name}`, exact: true })).toBeVisible();

      const { trusted } = await rpc<{ trusted: boolean }>(app, 'project.trustInfo');
      await page.getByRole('button', { name: `Launch ${name}`, exact: true }).click();
      if (!trusted) await page.getByRole('dialog', { name: 'Trust this project?' }).getByRole('button', { name: 'Trust and launch' }).click();
      const pane = page.getByRole('region', { name: `Terminal: ${name}` });
      await expect(pane).toBeVisible();
      await expect.poll(() => screenOf(app, name), { timeout: 60_000 }).toMatch(ready);

      server.script({ kind: 'text', text: 'ANSWER-MARKER: hello from the scripted model.' });
      await pane.locator('.xterm').click();
      await page.keyboard.type('say hello');
      await expect.poll(() => screenOf(app, name)).toContain('say hello');
      await page.keyboard.press('Enter');
      await expect(pane.locator('.xterm-rows')).toContainText('ANSWER-MARKER: hello from the scripted model.', { timeout: 60_000 });
      await page.screenshot({ path: test.info().outputPath(`${cli}-answered.png`) });

      const main = server.mainRequests()[0];
      expect(main, 'a main request reached the model').toBeDefined();
      const body = JSON.stringify(main?.body);
      expect(body).toContain('PERSONA-MARKER: you are');
      expect(body).toContain('SKILL-MARKER: greet everyone kindly.');
      expect(lastUserText(main!)).toContain('say hello');

      await pane.getByRole('button', { name: 'Stop agent' }).click();
      await expect.poll(() => processesOf(runDir, home.home), { timeout: 20_000 }).toEqual([]);
    } finally {
      await server.close();
    }
  });
}
