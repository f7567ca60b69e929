import { join } from 'node:path';
import { ModelServer, lastUserText } from '../fixtures/model-server/model-server';
import { prepareAgentHome, type RealCli } from '../fixtures/real-agents/agent-homes';
import { expect, test } from '../support/fixtures';
import { rpc, screenOf } from '../support/rpc';
import { processesOf, writeAgent } from './support';

/**
 * Resume with each real agent CLI: a turn answered, the agent stopped, then Resume from its pane, and
 * the next request the model gets carries the earlier turn (the prompt and the answer), so the CLI
 * continued its conversation rather than starting a new one.
 */

const clis: ReadonlyArray<{ cli: RealCli; name: string; ready: RegExp }> = [
  { cli: 'claude', name: 'Claude Resumer', ready: /auto mode on|\? for shortcuts/ },
  { cli: 'codex', name: 'Codex Resumer', ready: /\? for shortcuts/ },
  { cli: 'gemini', name: 'Gemini Resumer', ready: /Type your message/ },
];

test.describe.configure({ mode: 'parallel' });

for (const { cli, name, ready } of clis) {
  test(`${cli}: Resume after Stop brings the earlier conversation back to the model`, async ({ app }) => {
    const server = await ModelServer.start({ title: 'Remembering' });
    try {
      const { world, page } = app;
      const slug = name.toLowerCase().replace(' ', '-');
      const runDir = join(world.projectDir, '.tessera', 'run', slug);
      const home = prepareAgentHome({ cli, dir: world.root, modelUrl: server.url, trusted: [world.projectDir, runDir] });
      writeAgent(world.projectDir, { slug, name, profile: cli, skills: [], home, persona: 'You answer briefly.' });
      await expect(page.getByRole('button', { name: `Launch ${name}`, exact: true })).toBeVisible();

      const { trusted } = await rpc<{ trusted: boolean }>(app, 'project.trustInfo');
      await page.getByRole('button', { name: `Launch ${name}`, exact: true }).click();
      if (!trusted) await page.getByRole('dialog', { name: 'Trust this project?' }).getByRole('button', { name: 'Trust and launch' }).click();
      const pane = page.getByRole('region', { name: `Terminal: ${name}` });
      const ask = async (prompt: string, answer: string) => {
        await expect.poll(() => screenOf(app, name), { timeout: 90_000 }).toMatch(ready);
        server.script({ kind: 'text', text: answer });
        await pane.locator('.xterm').click();
        await page.keyboard.type(prompt);
        await expect.poll(() => screenOf(app, name)).toContain(prompt);
        await page.keyboard.press('Enter');
        await expect(pane.locator('.xterm-rows')).toContainText(answer, { timeout: 60_000 });
      };

      await ask('FIRST-PROMPT: the word is teal', 'FIRST-ANSWER: noted, teal.');
      const first = server.mainRequests().length;

      await pane.getByRole('button', { name: 'Stop agent' }).click();
      await expect.poll(() => processesOf(runDir, home.home), { timeout: 30_000 }).toEqual([]);
      await pane.getByRole('button', { name: `Resume ${name}` }).click();

      await ask('SECOND-PROMPT: which word', 'SECOND-ANSWER: teal.');
      await page.screenshot({ path: test.info().outputPath(`${cli}-resumed.png`) });
      const resumed = server.mainRequests().slice(first).find((request) => lastUserText(request).includes('SECOND-PROMPT'));
      expect(resumed, 'the resumed turn reached the model').toBeDefined();
      const body = JSON.stringify(resumed?.body);
      // Booleans, not the body: a failure would print the whole request (tens of KB).
      expect(body.includes('FIRST-PROMPT: the word is teal'), 'the resumed request carries the first prompt').toBe(true);
      expect(body.includes('FIRST-ANSWER: noted, teal.'), 'the resumed request carries the first answer').toBe(true);
    } finally {
      await server.close();
    }
  });
}
