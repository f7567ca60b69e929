import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODEX_STAND_IN_PROFILE, installCodexStandIn } from './support/codex-stand-in';
import { expect, test } from './support/fixtures';

/** A persona on the Codex stand-in with a daily budget below what its one turn costs at the user's price. */
test.use({
  seedFiles: { '.tessera/agents/coder.md': `---\nname: Coder\nprofile: ${CODEX_STAND_IN_PROFILE}\nbudget: 3\n---\nYou are Coder.\n` },
});

const usageLines = (projectDir: string): unknown[] => {
  try {
    return readFileSync(join(projectDir, '.tessera', 'logs', 'usage.jsonl'), 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as unknown);
  } catch {
    return [];
  }
};

test("a turn of a CLI that reports tokens but no cost is logged at the user's price, marked estimated, counts against the budget, and keeps its cost once the price is gone", async ({ app }) => {
  installCodexStandIn(app.world);
  writeFileSync(
    join(app.world.configDir, 'tessera', 'usage.json'),
    JSON.stringify({ version: 1, contextWarningPercent: 80, prices: { 'gpt-5.1-codex': { inputPerMillionUsd: 1.25, outputPerMillionUsd: 10 } } }),
  );
  const page = await app.restart();
  await page.getByRole('button', { name: 'Launch Coder', exact: true }).click();
  const trust = page.getByRole('dialog', { name: 'Trust this project?' });
  await trust.getByRole('button', { name: 'Trust and launch' }).click();
  await expect(page.getByRole('region', { name: 'Terminal: Coder' }).locator('.xterm-rows')).toContainText('codex stand-in ready');

  // 2M in at $1.25 and 100k out at $10 a million: $3.50, estimated, in the line the turn left.
  await expect.poll(() => usageLines(app.world.projectDir), { timeout: 30_000 }).toEqual([
    expect.objectContaining({ agent: 'coder', model: 'gpt-5.1-codex', inputTokens: 2_000_000, outputTokens: 100_000, costUsd: 3.5, totalCostUsd: 3.5, costEstimated: true }),
  ]);
  const toasts = page.getByRole('region', { name: 'Notifications' });
  await expect(toasts).toContainText('Coder is over its budget');
  await expect(toasts).toContainText('~$3.50 today (partly estimated from your prices) against a budget of $3.00 a day');
  await page.screenshot({ path: test.info().outputPath('over-budget-estimated.png') });

  // With the price removed, the turn keeps the cost it was logged with, still marked estimated.
  await page.keyboard.press('Alt+Shift+R');
  const resources = page.getByRole('dialog', { name: 'Resources' });
  await resources.getByRole('button', { name: 'Context warning and prices…' }).click();
  const form = page.getByRole('form', { name: 'Context warning and prices' });
  await form.getByRole('button', { name: 'Remove the price of gpt-5.1-codex' }).click();
  await form.getByRole('button', { name: 'Save' }).click();
  await resources.getByRole('button', { name: 'Cost over time…' }).click();
  const table = page.getByRole('dialog', { name: 'Cost by agent over time' }).getByRole('table', { name: 'Use per agent, last 30 days' });
  await expect(table.getByRole('row').nth(1)).toContainText('Coder~$3.50');
  await expect(table.getByRole('row').nth(1).getByRole('img')).toHaveAttribute('aria-label', /partly estimated from your prices/);
  await page.screenshot({ path: test.info().outputPath('cost-over-time-estimated.png') });
});
