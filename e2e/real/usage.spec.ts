import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ModelServer } from '../fixtures/model-server/model-server';
import { prepareAgentHome } from '../fixtures/real-agents/agent-homes';
import { expect, test } from '../support/fixtures';
import { rpc, screenOf } from '../support/rpc';
import { writeAgent } from './support';

/**
 * The real Claude Code reports its usage through Tessera's status line while its status comes from
 * Tessera's hooks, both passed in one settings file: with large usage numbers from the scripted model,
 * the context percent and the cost Tessera shows are what Claude's own status-line JSON says in the same
 * run; the turn's status comes from the hooks; the user's own status line still draws in the terminal;
 * crossing the context threshold badges the agent and raises one notification; the usage file gets one
 * line per turn.
 */
test("claude: context and cost from its own status line beside status from its hooks, the user status line kept, one warning, one usage line per turn", async ({ app }) => {
  // 850k of the model's 1M window: past the 80 % warning.
  const server = await ModelServer.start({ title: 'Usage', usage: { inputTokens: 850_000, outputTokens: 3_000 } });
  try {
    const { world, page } = app;
    const name = 'Claude Meter';
    const slug = 'claude-meter';
    const runDir = join(world.projectDir, '.tessera', 'run', slug);
    const home = prepareAgentHome({ cli: 'claude', dir: world.root, modelUrl: server.url, trusted: [world.projectDir, runDir] });
    // The user's own status line: it keeps the JSON Claude gave it, and prints a line of its own.
    const seen = join(world.root, 'user-status-line.json');
    writeFileSync(join(home.env.CLAUDE_CONFIG_DIR!, 'settings.json'), JSON.stringify({ statusLine: { type: 'command', command: `cat > '${seen}'; echo USER-STATUS-LINE` } }));
    writeAgent(world.projectDir, { slug, name, profile: 'claude', skills: [], home, persona: 'You answer briefly.' });
    await expect(page.getByRole('button', { name: `Launch ${name}`, exact: true })).toBeVisible();
    // Every toast that appears, counted as it appears (a toast goes again after a few seconds).
    await page.evaluate(() => {
      const seenToasts: string[] = [];
      (window as unknown as { __toasts: string[] }).__toasts = seenToasts;
      new MutationObserver((records) => {
        for (const record of records) for (const node of record.addedNodes) if (node instanceof HTMLElement && node.classList.contains('toast')) seenToasts.push(node.textContent ?? '');
      }).observe(document.body, { childList: true, subtree: true });
    });
    const contextToasts = () => page.evaluate(() => (window as unknown as { __toasts: string[] }).__toasts.filter((text) => text.includes('of its context')).length);

    const { trusted } = await rpc<{ trusted: boolean }>(app, 'project.trustInfo');
    await page.getByRole('button', { name: `Launch ${name}`, exact: true }).click();
    if (!trusted) await page.getByRole('dialog', { name: 'Trust this project?' }).getByRole('button', { name: 'Trust and launch' }).click();
    const pane = page.getByRole('region', { name: `Terminal: ${name}` });
    await expect(pane.locator('.xterm-rows')).toContainText('USER-STATUS-LINE', { timeout: 60_000 });

    server.script({ kind: 'text', text: 'ANSWER-MARKER: counted.' });
    await pane.locator('.xterm').click();
    await page.keyboard.type('count this');
    await page.keyboard.press('Enter');
    await expect(pane.locator('.xterm-rows')).toContainText('ANSWER-MARKER: counted.', { timeout: 60_000 });
    // The turn ended on the hooks' Stop event, so the hooks ran beside the status line.
    const session = async () => (await rpc<Array<{ agent: string; status: string; statusSource?: string; turnsEnded?: number }>>(app, 'sessions.list')).find((s) => s.agent === slug);
    await expect.poll(session, { timeout: 30_000 }).toMatchObject({ status: 'idle', statusSource: 'hooks', turnsEnded: 1 });
    await expect(pane.locator('.pane-header .status')).toHaveAttribute('title', "Status: idle — from Claude's hooks");

    // What Claude itself reported, through the user's status line, once it has a context.
    const reported = await expect
      .poll(() => {
        if (!existsSync(seen)) return undefined;
        try {
          const json = JSON.parse(readFileSync(seen, 'utf8')) as { context_window?: { used_percentage?: number } | null; cost?: { total_cost_usd?: number } };
          return json.context_window?.used_percentage !== undefined && (json.cost?.total_cost_usd ?? 0) > 0 ? json : undefined;
        } catch {
          return undefined;
        }
      }, { timeout: 30_000 })
      .not.toBeUndefined()
      .then(() => JSON.parse(readFileSync(seen, 'utf8')) as { context_window: { used_percentage: number }; cost: { total_cost_usd: number } });
    const percent = Math.round(reported.context_window.used_percentage);
    expect(percent).toBeGreaterThanOrEqual(80);

    const report = pane.locator('.pane-header .agent-report');
    await expect(report).toContainText(`${percent}% context`, { timeout: 20_000 });
    await expect(report).toHaveClass(/context-warning/);
    await expect.poll(contextToasts, { timeout: 20_000 }).toBe(1);
    await page.screenshot({ path: test.info().outputPath('claude-usage.png') });

    await page.keyboard.press('Alt+Shift+R');
    const resources = page.getByRole('dialog', { name: 'Resources' });
    await expect(resources.locator('.col-cost').last()).toHaveText(`$${reported.cost.total_cost_usd.toFixed(2)}`, { timeout: 20_000 });
    await page.keyboard.press('Escape');

    // One usage line for the one turn, with the tokens Claude counted.
    const usageFile = join(world.projectDir, '.tessera', 'logs', 'usage.jsonl');
    await expect.poll(() => (existsSync(usageFile) ? readFileSync(usageFile, 'utf8').trim().split('\n').length : 0), { timeout: 30_000 }).toBe(1);
    const line = JSON.parse(readFileSync(usageFile, 'utf8').trim()) as { agent: string; costUsd?: number };
    expect(line.agent).toBe(slug);
    expect(line.costUsd).toBeGreaterThan(0);
    expect(await contextToasts()).toBe(1);
  } finally {
    await server.close();
  }
});

const others = [
  { cli: 'codex' as const, name: 'Codex Meter', ready: /\? for shortcuts/ },
  { cli: 'gemini' as const, name: 'Gemini Meter', ready: /Type your message/ },
];

for (const { cli, name, ready } of others) {
  test(`${cli}: the tokens it records in its own session files show in its pane, and no cost`, async ({ app }) => {
    const server = await ModelServer.start({ title: 'Usage', usage: { inputTokens: 52_000, outputTokens: 700 } });
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
      await expect.poll(() => screenOf(app, name), { timeout: 60_000 }).toMatch(ready);

      server.script({ kind: 'text', text: 'ANSWER-MARKER: counted.' });
      await pane.locator('.xterm').click();
      await page.keyboard.type('count this');
      await expect.poll(() => screenOf(app, name)).toContain('count this');
      await page.keyboard.press('Enter');
      await expect(pane.locator('.xterm-rows')).toContainText('ANSWER-MARKER: counted.', { timeout: 60_000 });

      const report = pane.locator('.pane-header .agent-report');
      await expect(report).toContainText('52k in / 700 out', { timeout: 20_000 });
      await expect(pane.locator('.pane-header')).not.toContainText('$');
      await page.screenshot({ path: test.info().outputPath(`${cli}-usage.png`) });
    } finally {
      await server.close();
    }
  });
}
