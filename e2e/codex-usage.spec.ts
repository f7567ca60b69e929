import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';

/**
 * A stand-in for Codex: a program named `codex` that writes a rollout file as Codex 0.171.0 does
 * (session_meta, turn_context, a token_count with the account's rate_limits) and then waits. It
 * reports tokens and usage-limit windows but no cost.
 */
const ROLLOUT_WRITER = `#!/bin/sh
day="$CODEX_HOME/sessions/$(date -u +%Y/%m/%d)"
mkdir -p "$day"
now="$(date -u +%Y-%m-%dT%H:%M:%S.000Z)"
file="$day/rollout-$(date -u +%Y-%m-%dT%H-%M-%S)-stand-in.jsonl"
printf '{"timestamp":"%s","type":"session_meta","payload":{"session_id":"stand-in","timestamp":"%s","cwd":"%s","cli_version":"0.171.0"}}\\n' "$now" "$now" "$PWD" > "$file"
printf '{"type":"turn_context","payload":{"model":"gpt-5.1-codex"}}\\n' >> "$file"
printf '{"type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":2000000,"output_tokens":100000,"total_tokens":2100000},"last_token_usage":{"total_tokens":64600},"model_context_window":258400},"rate_limits":{"limit_id":"codex","primary":{"used_percent":42.5,"window_minutes":300,"resets_at":%s},"secondary":{"used_percent":7.0,"window_minutes":10080,"resets_at":%s}}}}\\n' "$(($(date +%s) + 3600))" "$(($(date +%s) + 432000))" >> "$file"
echo "codex stand-in ready"
exec sleep 600
`;

test("a Codex agent shows its tokens, its 5-hour and weekly limits, and a cost only once the user prices its model, marked estimated", async ({ app }) => {
  const bin = join(app.world.root, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'codex'), ROLLOUT_WRITER);
  chmodSync(join(bin, 'codex'), 0o755);
  writeFileSync(
    join(app.world.configDir, 'tessera', 'profiles', 'codex-stand-in.json'),
    JSON.stringify({ id: 'codex-stand-in', name: 'Codex (stand-in)', command: join(bin, 'codex'), args: [], env: { CODEX_HOME: join(app.world.root, 'codex-home') }, inject: { kind: 'convention-file', target: 'AGENTS.md' }, status: { needsInput: [], busy: [] } }),
  );
  const page = await app.restart();
  await page.getByRole('button', { name: 'New agent' }).click();
  const dialog = page.getByRole('dialog', { name: 'New agent' });
  await dialog.getByLabel('Name').fill('Coder');
  await dialog.getByLabel('Profile').selectOption('codex-stand-in');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Launch Coder', exact: true }).click();

  const pane = page.getByRole('region', { name: 'Terminal: Coder' });
  const report = pane.locator('.agent-report');
  await expect(report).toHaveText('gpt-5.1-codex · 25% context · 2M in / 100k out · 5h 43% · week 7%', { timeout: 20_000 });
  // Codex reports no cost, and the user has set no price: no cost anywhere.
  await expect(pane.locator('.pane-header')).not.toContainText('$');

  await page.keyboard.press('Alt+Shift+R');
  const resources = page.getByRole('dialog', { name: 'Resources' });
  await expect(resources.locator('td.col-limits')).toHaveText('5h 43% · week 7%');
  await expect(resources.locator('td.col-cost')).toHaveCount(0);
  await resources.getByRole('button', { name: 'Context warning and prices…' }).click();
  const form = page.getByRole('form', { name: 'Context warning and prices' });
  await form.getByRole('button', { name: 'Price gpt-5.1-codex' }).click();
  await form.getByLabel('Input price of gpt-5.1-codex').fill('1.25');
  await form.getByLabel('Output price of gpt-5.1-codex').fill('10');
  await form.getByRole('button', { name: 'Save' }).click();

  // 2M in at $1.25 and 100k out at $10 a million: $3.50, estimated.
  await expect(resources.locator('td.col-cost')).toHaveText('~$3.50', { timeout: 20_000 });
  await expect(resources.locator('td.col-cost')).toHaveAttribute('title', /Estimated from your prices/);
  await page.screenshot({ path: test.info().outputPath('codex-limits-and-estimated-cost-resources.png') });
  await resources.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('list', { name: 'Agents' })).toContainText('~$3.50');
  await page.screenshot({ path: test.info().outputPath('codex-limits-and-estimated-cost-pane.png') });
});
