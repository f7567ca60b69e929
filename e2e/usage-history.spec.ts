import { expect, test } from './support/fixtures';

const DAY = 86_400_000;
const now = Date.now();
const persona = (name: string) => `---\nname: ${name}\nprofile: shell\n---\nYou are ${name}.\n`;
const turn = (daysAgo: number, agent: string, session: string, usage: object) => JSON.stringify({ at: now - daysAgo * DAY, agent, session, ...usage });

/** The project's usage log as earlier sessions left it: a reviewer reporting cost, a coder whose CLI reports tokens only. */
test.use({
  seedFiles: {
    '.tessera/agents/reviewer.md': persona('Reviewer'),
    '.tessera/agents/coder.md': persona('Coder'),
    '.tessera/logs/usage.jsonl': [
      turn(12, 'reviewer', 'r1', { model: 'Opus', inputTokens: 40_000, outputTokens: 2_000, costUsd: 0.9 }),
      turn(9, 'coder', 'c1', { model: 'gpt-5.1-codex', inputTokens: 3_000_000, outputTokens: 120_000 }),
      turn(6, 'reviewer', 'r2', { model: 'Opus', inputTokens: 60_000, outputTokens: 3_000, costUsd: 1.4 }),
      turn(6, 'coder', 'c2', { model: 'gpt-5.1-codex', inputTokens: 1_500_000, outputTokens: 60_000 }),
      turn(2, 'coder', 'c3', { model: 'gpt-5.1-codex', inputTokens: 4_000_000, outputTokens: 200_000 }),
      turn(0, 'reviewer', 'r3', { model: 'Opus', inputTokens: 20_000, outputTokens: 1_000, costUsd: 0.4 }),
      '',
    ].join('\n'),
  },
});

test('the Resources view shows each agent’s use over the past days from the usage log, and the coder’s cost once its model is priced', async ({ app }) => {
  const page = app.page;
  // A key pressed before the app has drawn its project is lost.
  await expect(page.getByRole('heading', { name: 'sample-project' })).toBeVisible();
  await page.keyboard.press('Alt+Shift+R');
  const resources = page.getByRole('dialog', { name: 'Resources' });
  await resources.getByRole('button', { name: 'Cost over time…' }).click();
  const history = page.getByRole('dialog', { name: 'Cost by agent over time' });
  const table = history.getByRole('table', { name: 'Use per agent, last 30 days' });
  // No price for the coder's model: the reviewer's reported cost ranks first, the coder shows tokens only.
  await expect(table.getByRole('row').nth(1)).toContainText('Reviewer$2.70');
  await expect(table.getByRole('row').nth(2)).toContainText('Coder');
  await expect(table.getByRole('row').nth(2)).not.toContainText('$');

  await history.getByRole('button', { name: 'Back to running agents' }).click();
  await resources.getByRole('button', { name: 'Context warning and prices…' }).click();
  const form = page.getByRole('form', { name: 'Context warning and prices' });
  await form.getByRole('button', { name: 'Add a model' }).click();
  await form.getByLabel('Model', { exact: true }).fill('gpt-5.1-codex');
  await form.getByLabel('Input price of gpt-5.1-codex').fill('1.25');
  await form.getByLabel('Output price of gpt-5.1-codex').fill('10');
  await form.getByRole('button', { name: 'Save' }).click();
  await resources.getByRole('button', { name: 'Cost over time…' }).click();
  // 8.5M in at $1.25 and 380k out at $10 a million: $14.43, from the user's prices.
  await expect(table.getByRole('row').nth(1)).toContainText('Coder~$14');
  await expect(table.getByRole('row').nth(1).getByRole('img')).toHaveAttribute('aria-label', /partly estimated from your prices/);
  await page.screenshot({ path: test.info().outputPath('cost-by-agent-over-time.png') });
});
