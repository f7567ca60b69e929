import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ModelServer } from '../fixtures/model-server/model-server';
import { prepareAgentHome } from '../fixtures/real-agents/agent-homes';
import { expect, test, type AppDriver } from '../support/fixtures';
import { rpc, screenOf } from '../support/rpc';
import { writeAgent } from './support';

/**
 * The real Claude Code asking for permission, answered from the IDE: its hooks (Tessera's hook program,
 * through a settings file passed at launch) make the pane needs-input with the whole command shown
 * outside the terminal; Approve runs the command, Deny does not, answering in the terminal takes the
 * request away; a text turn goes busy -> idle and the "finished" notification comes from its Stop event. The model is the scripted server on loopback.
 */

const NAME = 'Claude Coder';
const SLUG = 'claude-coder';

interface SessionLike {
  id: string;
  agent: string;
  status: string;
  statusSource?: string;
  turnsEnded?: number;
  approval?: { id: string; tool: string; subject: string };
}

/** Claude Code launched as an agent, in manual permission mode, at its prompt; `settings` go into the user's own settings file. */
async function launchClaude(app: AppDriver, server: ModelServer, settings?: Readonly<Record<string, unknown>>) {
  const { world, page } = app;
  const runDir = join(world.projectDir, '.tessera', 'run', SLUG);
  const home = prepareAgentHome({ cli: 'claude', dir: world.root, modelUrl: server.url, trusted: [world.projectDir, runDir], ...(settings ? { settings } : {}) });
  // The classic prompt for every tool call (the default mode lets a classifier decide).
  writeAgent(world.projectDir, { slug: SLUG, name: NAME, profile: 'claude', skills: [], home, args: ['--permission-mode', 'manual'], persona: 'You write files when asked.' });
  await expect(page.getByRole('button', { name: `Launch ${NAME}`, exact: true })).toBeVisible();
  const { trusted } = await rpc<{ trusted: boolean }>(app, 'project.trustInfo');
  await page.getByRole('button', { name: `Launch ${NAME}`, exact: true }).click();
  if (!trusted) await page.getByRole('dialog', { name: 'Trust this project?' }).getByRole('button', { name: 'Trust and launch' }).click();
  const pane = page.getByRole('region', { name: `Terminal: ${NAME}` });
  await expect(pane).toBeVisible();
  await expect.poll(() => screenOf(app, NAME), { timeout: 60_000 }).toMatch(/manual mode on|\? for shortcuts/);
  const session = async () => (await rpc<SessionLike[]>(app, 'sessions.list')).find((s) => s.agent === SLUG);
  const id = (await session())?.id ?? '';
  const type = async (text: string) => {
    await rpc(app, 'sessions.write', { id, data: text });
    await expect.poll(() => screenOf(app, NAME)).toContain(text);
    await rpc(app, 'sessions.write', { id, data: '\r' });
  };
  return { runDir, pane, session, id, type, request: pane.getByRole('group', { name: `Permission request of ${NAME}` }) };
}

test('claude: a permission request shows outside the terminal, Approve runs it, Deny does not, an answer in the terminal takes it away, and a finished turn is announced from Stop', async ({ app }) => {
  const server = await ModelServer.start({ title: 'Writing files' });
  try {
    const { page } = app;
    const { runDir, pane, session, id, type, request } = await launchClaude(app, server);
    const row = page.locator('.agent-row', { hasText: NAME });

    // A text turn, with the pane out of focus (an editor focused instead): busy, then idle and "finished" from Stop.
    await row.getByRole('button', { name: 'Edit persona' }).click();
    server.script({ kind: 'text', text: 'Hello from the scripted model, slowly.', pace: { tokensPerChunk: 1, delayMs: 400 } });
    await type('say hello');
    await expect(pane.locator('.pane-header .status')).toHaveAttribute('title', "Status: busy — from Claude's hooks", { timeout: 30_000 });
    await expect(page.getByRole('region', { name: 'Notifications' })).toContainText(`${NAME} finished`, { timeout: 60_000 });
    expect(await session()).toMatchObject({ status: 'idle', statusSource: 'hooks', turnsEnded: 1 });

    // A tool turn: the command shows in the pane, the agent's row and a notification; Approve runs it.
    server.script({ kind: 'shell', command: 'echo approved > approved.txt', description: 'Write approved.txt' }, { kind: 'text', text: 'Wrote approved.txt.' });
    await type('write approved.txt');
    await expect(request).toContainText('echo approved > approved.txt', { timeout: 60_000 });
    await expect(request).toContainText(`${NAME} asks to use Bash`);
    await expect(row.getByRole('group', { name: `Permission request of ${NAME}` })).toContainText('echo approved > approved.txt');
    await expect(page.getByRole('region', { name: 'Notifications' }).getByRole('group', { name: `Permission request of ${NAME}` })).toContainText('echo approved > approved.txt');
    await expect(pane.locator('.pane-header .status')).toHaveAttribute('title', "Status: needs input — from Claude's hooks");
    expect(await screenOf(app, NAME)).toContain('Do you want to proceed?');
    await page.screenshot({ path: test.info().outputPath('claude-approval.png') });
    await request.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => existsSync(join(runDir, 'approved.txt')), { timeout: 30_000 }).toBe(true);
    await expect(request).toHaveCount(0);
    await expect(pane.locator('.xterm-rows')).toContainText('Wrote approved.txt.', { timeout: 60_000 });
    await expect.poll(async () => (await session())?.turnsEnded, { timeout: 30_000 }).toBe(2);

    // Another: Deny, and the command never runs; the agent is told and carries on.
    server.script({ kind: 'shell', command: 'echo denied > denied.txt', description: 'Write denied.txt' }, { kind: 'text', text: 'I will not write it.' });
    await type('write denied.txt');
    await expect(request).toContainText('echo denied > denied.txt', { timeout: 60_000 });
    await page.screenshot({ path: test.info().outputPath('claude-deny.png') });
    await request.getByRole('button', { name: 'Deny' }).click();
    await expect(request).toHaveCount(0);
    await expect(pane.locator('.xterm-rows')).toContainText('I will not write it.', { timeout: 60_000 });
    await expect.poll(async () => (await session())?.turnsEnded, { timeout: 30_000 }).toBe(3);
    expect(existsSync(join(runDir, 'denied.txt'))).toBe(false);
    await page.screenshot({ path: test.info().outputPath('claude-after-deny.png') });

    // Answered in the terminal first: the request goes away from the IDE, and nothing more is sent.
    server.script({ kind: 'shell', command: 'echo typed > typed.txt', description: 'Write typed.txt' }, { kind: 'text', text: 'Wrote typed.txt.' });
    await type('write typed.txt');
    await expect(request).toContainText('echo typed > typed.txt', { timeout: 60_000 });
    await expect.poll(() => screenOf(app, NAME), { timeout: 30_000 }).toContain('Do you want to proceed?');
    await rpc(app, 'sessions.write', { id, data: '1' });
    // Claude can drop a key that reaches its dialog as it is drawn (seen once on a loaded machine, the
    // dialog still up 30 s later); a person would press it again, and so does this, while it is up.
    let pressedAt = Date.now();
    await expect
      .poll(
        async () => {
          if (existsSync(join(runDir, 'typed.txt'))) return true;
          if (Date.now() - pressedAt >= 5000 && (await screenOf(app, NAME)).includes('Do you want to proceed?')) {
            await rpc(app, 'sessions.write', { id, data: '1' });
            pressedAt = Date.now();
          }
          return false;
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    await expect(request).toHaveCount(0, { timeout: 30_000 });
    await expect.poll(async () => (await session())?.turnsEnded, { timeout: 30_000 }).toBe(4);
    expect((await session())?.approval).toBeUndefined();
  } finally {
    await server.close();
  }
});

test("claude with hooks turned off in the user's settings: its dialog, read off the screen, shows outside the terminal and its own keys answer it", async ({ app }) => {
  const server = await ModelServer.start({ title: 'Writing files' });
  try {
    const { page } = app;
    const { runDir, pane, type, request } = await launchClaude(app, server, { disableAllHooks: true });

    server.script({ kind: 'shell', command: 'echo approved > approved.txt', description: 'Write approved.txt' }, { kind: 'text', text: 'Wrote approved.txt.' });
    await type('write approved.txt');
    await expect(request).toContainText('echo approved > approved.txt', { timeout: 60_000 });
    await expect(request).toContainText(`${NAME} asks to use Bash`);
    await expect(request).toContainText('As the terminal shows it');
    await page.screenshot({ path: test.info().outputPath('claude-dialog-from-screen.png') });
    await request.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => existsSync(join(runDir, 'approved.txt')), { timeout: 30_000 }).toBe(true);
    await expect(request).toHaveCount(0);
    await expect(pane.locator('.xterm-rows')).toContainText('Wrote approved.txt.', { timeout: 60_000 });

    // Its No interrupts the turn: the model is not asked again.
    server.script({ kind: 'shell', command: 'echo denied > denied.txt', description: 'Write denied.txt' });
    await type('write denied.txt');
    await expect(request).toContainText('echo denied > denied.txt', { timeout: 60_000 });
    await request.getByRole('button', { name: 'Deny' }).click();
    await expect(request).toHaveCount(0);
    await expect.poll(() => screenOf(app, NAME), { timeout: 30_000 }).not.toContain('Do you want to proceed?');
    expect(existsSync(join(runDir, 'denied.txt'))).toBe(false);
    await page.screenshot({ path: test.info().outputPath('claude-dialog-denied.png') });

    // A new file's dialog: the file as the dialog names it, and Deny sends its own No (3 there, not 4).
    server.script({ kind: 'tool', name: 'Write', input: { file_path: join(runDir, 'notes.txt'), content: 'one\ntwo\n' } });
    await type('write the notes');
    await expect(request).toContainText(`${NAME} asks to use Write`, { timeout: 60_000 });
    await expect(request).toContainText('notes.txt');
    expect(await screenOf(app, NAME)).toContain('Do you want to create notes.txt?');
    await page.screenshot({ path: test.info().outputPath('claude-file-dialog-from-screen.png') });
    await request.getByRole('button', { name: 'Deny' }).click();
    await expect(request).toHaveCount(0);
    await expect.poll(() => screenOf(app, NAME), { timeout: 30_000 }).not.toContain('Do you want to create notes.txt?');
    expect(existsSync(join(runDir, 'notes.txt'))).toBe(false);
  } finally {
    await server.close();
  }
});
