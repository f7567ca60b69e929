import type { Locator } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { rpc, screenOf } from './support/rpc';

const NAMES = ['Ada', 'Bea', 'Cal'];

/** The last `count` lines the pane's xterm draws that are not blank, trimmed. */
async function drawnTail(pane: Locator, count: number): Promise<string[]> {
  const rows = await pane.locator('.xterm-rows > div').allInnerTexts();
  return rows.map((row) => row.replace(/\u00a0/g, ' ').trimEnd()).filter((row) => row.trim() !== '').slice(-count);
}

/** The last `count` lines of the agent's screen as the host's mirror holds it, not blank, trimmed. */
async function hostTail(app: Parameters<typeof screenOf>[0], name: string, count: number): Promise<string[]> {
  return (await screenOf(app, name))
    .split('\n')
    .map((row) => row.trimEnd())
    .filter((row) => row.trim() !== '')
    .slice(-count);
}

test('panes working without the keyboard while the user types in another all settle on the screens their agents show', async ({ app }) => {
  test.slow();
  const page = app.page;
  for (const name of NAMES) await rpc(app, 'agents.create', { name, profile: 'fake', persona: `You are ${name}.` });
  const pane = (name: string) => page.getByRole('region', { name: `Terminal: ${name}` });
  for (const name of NAMES) {
    await page.getByRole('button', { name: `Launch ${name}`, exact: true }).click();
    await expect(pane(name).locator('.xterm-rows')).toContainText('fake-agent>');
  }

  // Bea and Cal work for about two seconds, a line every 50 ms, while the keyboard is in Ada.
  for (const name of ['Bea', 'Cal']) {
    await pane(name).locator('.xterm').click();
    await page.keyboard.type('!do true\r');
  }
  await pane('Ada').locator('.xterm').click();
  const typed: string[] = [];
  for (let i = 0; i < 6; i++) {
    const line = `typing ${i} ${'abcdefghij'.repeat(2)}`;
    typed.push(line);
    await page.keyboard.type(`${line}\r`, { delay: 15 });
  }
  for (const name of ['Bea', 'Cal']) await expect(pane(name).locator('.xterm-rows')).toContainText('did: true');
  for (const line of typed) await expect(pane('Ada').locator('.xterm-rows')).toContainText(`echo: ${line}`);
  // Each pane settles on the screen its agent shows.
  for (const name of NAMES) await expect.poll(async () => (await drawnTail(pane(name), 4)).join('\n')).toBe((await hostTail(app, name, 4)).join('\n'));
  await page.screenshot({ path: test.info().outputPath('background-panes.png') });

  // The keyboard moves to Bea, which echoes what is typed there.
  await pane('Bea').locator('.xterm').click();
  await page.keyboard.type('after\r');
  await expect(pane('Bea').locator('.xterm-rows')).toContainText('echo: after');
});
