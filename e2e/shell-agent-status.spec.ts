import { expect, test } from './support/fixtures';
import { rpc, screenOf, watchEvents } from './support/rpc';

/**
 * A shell agent as a user meets it: `top` running in it is work (busy through its quiet redraws,
 * never "finished" until it quits), a `(y/n)` question is needs-input, and Send to agents refuses
 * to type into that question.
 */

interface SessionLike {
  id: string;
  agentName: string;
  status: string;
}

test('a shell agent running top is busy until top quits; a (y/n) question needs input and Send to agents leaves it alone', async ({ app }) => {
  const page = app.page;
  await rpc(app, 'agents.create', { name: 'Console', profile: 'shell', persona: 'A plain shell.' });
  await page.reload();
  await page.getByRole('button', { name: 'Launch Console', exact: true }).click();
  const pane = page.getByRole('region', { name: 'Terminal: Console' });
  const badge = pane.locator('.pane-header .status');
  await expect(pane.locator('.xterm-rows')).toContainText(/[#$] *$/);
  const session = (await rpc<SessionLike[]>(app, 'sessions.list')).find((s) => s.agentName === 'Console')!;
  await expect(badge).toContainText('idle');
  const watcher = await watchEvents(app);
  const statuses = () => watcher.events.filter((e) => e.method === 'sessions.changed').map((e) => (e.params as SessionLike).status);

  // top redraws every second, with quiet in between: each quiet point still reads as busy.
  await rpc(app, 'sessions.write', { id: session.id, data: 'top -d 1\r' });
  await expect.poll(() => screenOf(app, 'Console')).toMatch(/^top - /m);
  const firstClock = (await screenOf(app, 'Console')).split('\n')[0];
  await expect.poll(async () => (await screenOf(app, 'Console')).split('\n')[0], { timeout: 10_000 }).not.toBe(firstClock);
  const secondClock = (await screenOf(app, 'Console')).split('\n')[0];
  await expect.poll(async () => (await screenOf(app, 'Console')).split('\n')[0], { timeout: 10_000 }).not.toBe(secondClock);
  await expect(badge).toContainText('busy');
  expect(statuses()).not.toContain('idle');

  await rpc(app, 'sessions.write', { id: session.id, data: 'q' });
  await expect(badge).toContainText('idle');
  await page.screenshot({ path: test.info().outputPath('top-quit.png') });

  // A shell script's question.
  await rpc(app, 'sessions.write', { id: session.id, data: 'read -p "Do you want to proceed? (y/n) " answer\r' });
  await expect(badge).toContainText('needs input');
  const sent = await rpc<Array<{ outcome: string; reason?: string }>>(app, 'sessions.send', { message: 'SEND-MARKER', to: [session.id] });
  expect(sent).toEqual([expect.objectContaining({ outcome: 'skipped', reason: 'asking-a-question' })]);
  await page.getByRole('button', { name: 'Send to agents' }).click();
  const dialog = page.getByRole('dialog', { name: 'Send to agents' });
  await dialog.getByRole('textbox', { name: 'Message' }).fill('SEND-MARKER');
  await dialog.getByRole('button', { name: 'Send' }).click();
  await expect(dialog.getByRole('list', { name: 'Delivery' })).toContainText('not sent: it is asking a question in its terminal');
  await page.screenshot({ path: test.info().outputPath('send-refused.png') });
  expect(await screenOf(app, 'Console')).not.toContain('SEND-MARKER');
  watcher.close();
});
