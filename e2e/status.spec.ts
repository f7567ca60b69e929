import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './support/fixtures';
import { watchEvents } from './support/rpc';

/**
 * Status and restarts as a user meets them: an agent that works, asks "(y/n)", then fails on `y`. Its status goes
 * starting -> busy -> needs-input -> failed, its restart policy brings it back, and while its pane
 * is not focused the app raises a notification and marks the pane; Alt+Shift+N goes to it.
 */

interface SessionEvent {
  id: string;
  agent: string;
  status: string;
}

test('an agent that asks and fails: status, notification, badge and restart policy', async ({ app }) => {
  const page = app.page;
  // Grant notifications and count every Notification the page creates, still calling through.
  // In the desktop app the main process grants notifications itself; a browser needs the permission.
  if (app.host) await page.context().grantPermissions(['notifications'], { origin: app.host.origin });
  await page.addInitScript(() => {
    const Real = window.Notification;
    const seen: Array<{ title: string; body?: string }> = [];
    (window as unknown as { __notifications: typeof seen }).__notifications = seen;
    class Spy extends Real {
      constructor(title: string, options?: NotificationOptions) {
        seen.push({ title, ...(options?.body !== undefined ? { body: options.body } : {}) });
        super(title, options);
      }
    }
    window.Notification = Spy as typeof Notification;
  });
  await page.reload();
  const notifications = () => page.evaluate(() => (window as unknown as { __notifications: Array<{ title: string }> }).__notifications.map((n) => n.title));

  // An agent on the scripted profile, created in the UI.
  await page.getByRole('button', { name: 'New agent' }).click();
  const dialog = page.getByRole('dialog', { name: 'New agent' });
  await dialog.getByLabel('Name').fill('Flaky');
  await dialog.getByLabel('Profile').selectOption('fake-script');
  await dialog.getByLabel('Persona').fill('You try, ask, and fail.');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('button', { name: 'Launch Flaky', exact: true })).toBeVisible();

  // Its restart policy, written into the persona's frontmatter in the editor.
  await page.getByRole('button', { name: 'Edit persona' }).click();
  const editor = page.getByRole('region', { name: 'Editor: flaky.md' });
  await expect(editor.locator('.cm-content')).toContainText('profile: fake-script');
  await editor.locator('.cm-line').first().click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('restart: on-failure');
  await page.keyboard.press('Control+S');
  const personaFile = join(app.world.projectDir, '.tessera', 'agents', 'flaky.md');
  await expect.poll(() => readFileSync(personaFile, 'utf8')).toMatch(/^---\nrestart: on-failure\n/);

  const watcher = await watchEvents(app);
  const sessionEvents = () => watcher.events.filter((e) => e.method === 'sessions.changed').map((e) => e.params as SessionEvent);

  await page.getByRole('button', { name: 'Launch Flaky', exact: true }).click();
  const flaky = page.getByRole('region', { name: 'Terminal: Flaky' });
  const badge = flaky.locator('.pane-header .status');
  await expect(flaky.locator('.xterm-rows')).toContainText('Do you want to proceed? (y/n)', { timeout: 15_000 });
  await expect(badge).toContainText('needs input');
  // Its pane has focus: no notification for this prompt.
  expect(await notifications()).toEqual([]);

  // Answer `y` in the terminal, then look at another pane.
  await flaky.locator('.xterm').click();
  await page.keyboard.type('y');
  await page.keyboard.press('Enter');
  await editor.locator('.pane-header').click();
  await expect(editor).toHaveClass(/pane-focused/);

  const first = sessionEvents()[0]!;
  await expect.poll(() => sessionEvents().filter((e) => e.id === first.id).map((e) => e.status).at(-1), { timeout: 15_000 }).toBe('failed');
  const firstStatuses = sessionEvents().filter((e) => e.id === first.id).map((e) => e.status);
  expect(firstStatuses.filter((s, i) => s !== firstStatuses[i - 1])).toEqual(['starting', 'busy', 'needs-input', 'failed']);

  // The restart policy launches it again: a new session of the same agent.
  await expect.poll(() => sessionEvents().some((e) => e.agent === 'flaky' && e.id !== first.id), { timeout: 15_000 }).toBe(true);
  const second = sessionEvents().find((e) => e.agent === 'flaky' && e.id !== first.id)!;
  expect(['starting', 'busy']).toContain(second.status);
  await expect(page.getByRole('region', { name: 'Notifications' })).toContainText('Restarting Flaky');

  // It asks again while its pane is not focused: notification, toast, and a badge on the pane.
  await expect(badge).toContainText('needs input', { timeout: 15_000 });
  await expect.poll(notifications).toContain('Flaky needs input');
  await expect(page.getByRole('region', { name: 'Notifications' })).toContainText('Flaky needs input');
  const attention = flaky.getByRole('status', { name: 'Attention: needs input' });
  await expect(attention).toBeVisible();
  await expect(page.getByRole('list', { name: 'Agents' }).getByRole('status', { name: 'Attention: needs input' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('status-needs-input.png') });

  // Go to next agent needing input: the pane takes focus and the badge, having been seen, goes.
  await page.keyboard.press('Alt+Shift+N');
  await expect(flaky).toHaveClass(/pane-focused/);
  await expect(attention).toHaveCount(0);

  watcher.close();
});

test('a message typed once reaches the running agents, and their transcript reads it back', async ({ app }) => {
  const page = app.page;
  await page.getByRole('button', { name: 'New agent' }).click();
  const dialog = page.getByRole('dialog', { name: 'New agent' });
  await dialog.getByLabel('Name').fill('Echo');
  await dialog.getByLabel('Profile').selectOption('fake');
  await dialog.getByLabel('Persona').fill('You echo.');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('button', { name: 'Launch Echo', exact: true }).click();
  const echo = page.getByRole('region', { name: 'Terminal: Echo' });
  await expect(echo.locator('.pane-header .status')).toContainText('idle', { timeout: 15_000 });

  await page.getByRole('button', { name: 'Send to agents' }).click();
  const send = page.getByRole('dialog', { name: 'Send to agents' });
  await expect(send.getByRole('checkbox', { name: /Echo/ })).toBeChecked();
  await send.getByLabel('Message').fill('hello all');
  await send.getByRole('button', { name: 'Send' }).click();
  await expect(send.getByRole('list', { name: 'Delivery' })).toContainText('sent');
  await page.screenshot({ path: test.info().outputPath('send-to-agents.png') });
  await send.getByRole('button', { name: 'Close' }).click();
  await expect(echo.locator('.xterm-rows')).toContainText('echo: hello all');

  await echo.getByRole('button', { name: 'Show transcript' }).click();
  const transcript = page.getByRole('dialog', { name: 'Transcript: Echo' });
  await expect(async () => {
    await transcript.getByRole('button', { name: 'Refresh' }).click();
    await expect(transcript.getByLabel('Transcript of Echo')).toContainText('echo: hello all', { timeout: 1000 });
  }).toPass({ timeout: 10_000 });
  await transcript.getByRole('searchbox', { name: 'Find in transcript' }).fill('hello');
  await expect(transcript.getByRole('status', { name: 'Matches' })).toHaveText(/^1 of \d+$/);
  await expect(transcript.locator('mark.current')).toHaveText('hello');
  await page.screenshot({ path: test.info().outputPath('transcript.png') });
});
