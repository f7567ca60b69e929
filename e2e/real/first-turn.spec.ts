import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ModelServer, lastUserText } from '../fixtures/model-server/model-server';
import { prepareAgentHome, type RealCli } from '../fixtures/real-agents/agent-homes';
import { expect, test } from '../support/fixtures';
import { rpc, screenOf } from '../support/rpc';
import { processesOf, writeAgent, writeSkill } from './support';

/**
 * Each real agent CLI, launched from persona markdown and a skill in a pane as a user would: the
 * persona and the skill reach the model, a text turn's answer appears in the pane, Stop leaves no
 * process of the agent behind, and Resume from the pane continues the conversation (the next request
 * the model gets carries the first turn's prompt and answer, then Stop again leaves nothing). The model is the scripted server on
 * loopback; the run is inside a network namespace with loopback only. Gemini CLI's turn is read from
 * Tessera's hooks, while a hook of the user's own (in the user's settings) still runs at each event.
 */

const clis: ReadonlyArray<{ cli: RealCli; name: string; ready: RegExp }> = [
  { cli: 'claude', name: 'Claude Coder', ready: /auto mode on|\? for shortcuts/ },
  { cli: 'codex', name: 'Codex Coder', ready: /\? for shortcuts/ },
  { cli: 'gemini', name: 'Gemini Coder', ready: /Type your message/ },
];

test.describe.configure({ mode: 'parallel' });

for (const { cli, name, ready } of clis) {
  test(`${cli}: the persona and a skill reach the model, the answer shows in the pane, Stop leaves no process, and Resume brings the conversation back`, async ({ app }) => {
    const server = await ModelServer.start({ title: 'Kind greeting' });
    try {
      const { world, page } = app;
      const slug = name.toLowerCase().replace(' ', '-');
      const runDir = join(world.projectDir, '.tessera', 'run', slug);
      // The user's own hook, in the user's Gemini settings: it logs every event it gets.
      const userHooksLog = join(world.root, 'user-hooks.jsonl');
      const home = prepareAgentHome({ cli, dir: world.root, modelUrl: server.url, trusted: [world.projectDir, runDir], ...(cli === 'gemini' ? { hooksLog: userHooksLog } : {}) });
      writeSkill(world.projectDir, { name: 'kind-words', description: 'How to greet.', body: 'SKILL-MARKER: greet everyone kindly.' });
      writeAgent(world.projectDir, { slug, name, profile: cli, skills: ['kind-words'], home, persona: `PERSONA-MARKER: you are ${name}, a careful engineer.` });
      // The host picks up agents written while it runs, as it would a user's editor.
      await expect(page.getByRole('button', { name: `Launch ${name}`, exact: true })).toBeVisible();

      const { trusted } = await rpc<{ trusted: boolean }>(app, 'project.trustInfo');
      await page.getByRole('button', { name: `Launch ${name}`, exact: true }).click();
      if (!trusted) await page.getByRole('dialog', { name: 'Trust this project?' }).getByRole('button', { name: 'Trust and launch' }).click();
      const pane = page.getByRole('region', { name: `Terminal: ${name}` });
      await expect(pane).toBeVisible();
      const idle = async () => (await rpc<Array<{ agent: string; status: string }>>(app, 'sessions.list')).some((s) => s.agent === slug && s.status === 'idle');
      // `after`: what the screen must show first. A resumed CLI shows its prompt before it has loaded the
      // conversation, and drops what is typed meanwhile (Gemini CLI redraws the screen once it has).
      const ask = async (prompt: string, answer: string, after?: string, whileAnswering?: () => Promise<void>) => {
        const settled = (screen: string) => ready.test(screen) && (after === undefined || (screen.includes(after) && !/Resuming session/.test(screen)));
        await expect.poll(async () => settled(await screenOf(app, name)) && (await idle()), { timeout: 90_000 }).toBe(true);
        server.script({ kind: 'text', text: answer, ...(whileAnswering ? { pace: { tokensPerChunk: 1, delayMs: 400 } } : {}) });
        await pane.locator('.xterm').click();
        await expect(pane.locator('.xterm-helper-textarea')).toBeFocused();
        await page.keyboard.type(prompt);
        await expect.poll(() => screenOf(app, name)).toContain(prompt);
        // Keys typed a few ms apart read as a paste to Codex and Gemini CLI, and an Enter that follows within
        // their paste window (by their own clock, which runs late on a loaded machine) is kept as a newline in
        // the input box: Enter comes as a person's would, a moment later.
        await page.waitForTimeout(500);
        await page.keyboard.press('Enter');
        await whileAnswering?.();
        await expect(pane.locator('.xterm-rows')).toContainText(answer, { timeout: 60_000 });
      };

      const status = pane.locator('.pane-header .status');
      // Gemini's answer streams slowly enough to see the turn busy from its BeforeAgent hook.
      const busyFromHooks = cli === 'gemini' ? () => expect(status).toHaveAttribute('title', "Status: busy — from Gemini's hooks", { timeout: 30_000 }) : undefined;
      await ask('say hello', 'ANSWER-MARKER: hello from the scripted model.', undefined, busyFromHooks);
      if (cli === 'gemini') {
        // AfterAgent ends the turn: idle from the hooks, one turn counted (what announces "finished").
        await expect(status).toHaveAttribute('title', "Status: idle — from Gemini's hooks", { timeout: 30_000 });
        expect((await rpc<Array<{ agent: string; turnsEnded?: number }>>(app, 'sessions.list')).find((s) => s.agent === slug)?.turnsEnded).toBe(1);
        const userEvents = () => (existsSync(userHooksLog) ? readFileSync(userHooksLog, 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => (JSON.parse(line) as { hook_event_name: string }).hook_event_name) : []);
        await expect.poll(userEvents).toEqual(['SessionStart', 'BeforeAgent', 'AfterAgent']);
      }
      await page.screenshot({ path: test.info().outputPath(`${cli}-answered.png`) });

      const main = server.mainRequests()[0];
      expect(main, 'a main request reached the model').toBeDefined();
      const body = JSON.stringify(main?.body);
      expect(body).toContain('PERSONA-MARKER: you are');
      expect(body).toContain('SKILL-MARKER: greet everyone kindly.');
      expect(lastUserText(main!)).toContain('say hello');

      await pane.getByRole('button', { name: 'Stop agent' }).click();
      await expect.poll(() => processesOf(runDir, home.home), { timeout: 20_000 }).toEqual([]);

      const before = server.mainRequests().length;
      await pane.getByRole('button', { name: `Resume ${name}` }).click();
      await ask('RESUMED-PROMPT: what did you say', 'RESUMED-ANSWER: hello, again.', 'ANSWER-MARKER: hello from the scripted model.');
      await page.screenshot({ path: test.info().outputPath(`${cli}-resumed.png`) });
      const resumed = server.mainRequests().slice(before).find((request) => lastUserText(request).includes('RESUMED-PROMPT'));
      expect(resumed, 'the resumed turn reached the model').toBeDefined();
      const history = JSON.stringify(resumed?.body);
      // Booleans, not the body: a failure would print the whole request (tens of KB).
      expect(history.includes('say hello'), 'the resumed request carries the first prompt').toBe(true);
      expect(history.includes('ANSWER-MARKER: hello from the scripted model.'), 'the resumed request carries the first answer').toBe(true);

      await pane.getByRole('button', { name: 'Stop agent' }).click();
      await expect.poll(() => processesOf(runDir, home.home), { timeout: 20_000 }).toEqual([]);
    } finally {
      await server.close();
    }
  });
}
