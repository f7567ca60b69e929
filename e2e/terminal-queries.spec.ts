import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { rpc, screenOf } from './support/rpc';

/**
 * A program that asks its terminal who it is (DA1) and where the cursor is (CPR) gets one answer to
 * each, however many views show it: two tabs, or none at all. The shell agent records what comes
 * back on its stdin (raw, no echo, until 2 s pass with nothing more).
 */

const DA1 = /\x1b\[\?[\d;]*c/g;
const CPR = /\x1b\[\d+;\d+R/g;

interface SessionLike {
  id: string;
  agentName: string;
  status: string;
}

async function shellSession(app: Parameters<typeof rpc>[0]): Promise<string> {
  const sessions = await rpc<SessionLike[]>(app, 'sessions.list');
  const session = sessions.find((s) => s.agentName === 'Asker' && s.status !== 'exited' && s.status !== 'failed');
  if (!session) throw new Error('the Asker agent is not running');
  return session.id;
}

/** Has the shell ask both queries and record what comes back in `file`; resolves with what came. */
async function ask(app: Parameters<typeof rpc>[0], file: string, marker: string): Promise<string> {
  const id = await shellSession(app);
  const command = `stty raw -echo min 0 time 20; printf '\\033[c\\033[6n'; cat > '${file}'; stty sane; echo ${marker}-done\r`;
  await rpc(app, 'sessions.write', { id, data: command });
  await expect.poll(() => screenOf(app, 'Asker'), { timeout: 20_000 }).toMatch(new RegExp(`^${marker}-done`, 'm'));
  return readFileSync(file, 'latin1');
}

async function openPane(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Launch Asker', exact: true }).click();
  const pane = page.getByRole('region', { name: 'Terminal: Asker' });
  await expect(pane.locator('.xterm-screen')).toBeVisible();
}

test('each terminal query gets exactly one answer, with two tabs showing the agent and with none', async ({ app }) => {
  const page = app.page;
  await rpc(app, 'agents.create', { name: 'Asker', profile: 'shell', persona: 'Asks its terminal.' });
  await page.reload();
  await openPane(page);

  // A second tab on the same agent: two views parse the same output.
  const second = await page.context().newPage();
  await second.goto(app.host?.url ?? page.url());
  await openPane(second);
  await expect(second.getByRole('region', { name: 'Terminal: Asker' }).locator('.xterm-rows')).toContainText(/[#$] *$/);

  const withTwo = await ask(app, join(app.world.root, 'answers-two-tabs'), 'two');
  expect(withTwo.match(DA1)).toHaveLength(1);
  expect(withTwo.match(CPR)).toHaveLength(1);
  expect(withTwo.replace(DA1, '').replace(CPR, '')).toBe('');
  // Both views showed what the queries were part of.
  for (const tab of [page, second]) await expect(tab.getByRole('region', { name: 'Terminal: Asker' }).locator('.xterm-rows')).toContainText('two-done');

  // No view at all: both tabs gone, the agent still running.
  await second.close();
  await page.goto('about:blank');
  const withNone = await ask(app, join(app.world.root, 'answers-no-view'), 'none');
  expect(withNone.match(DA1)).toHaveLength(1);
  expect(withNone.match(CPR)).toHaveLength(1);
  expect(withNone.replace(DA1, '').replace(CPR, '')).toBe('');
});
