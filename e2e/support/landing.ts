import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, type AppDriver } from './fixtures';
import { rpc, screenOf } from './rpc';

/**
 * What the specs of reviewing and landing agents' work share: a project in real git, agents (the
 * fake agent CLI, whose `!do <command>` is a turn that edits files) launched and taken through
 * turns, and their Changes views.
 */

export const git = (dir: string, ...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' });

export interface Session {
  id: string;
  agent: string;
  agentName: string;
  cwd: string;
  status: string;
}

export interface AgentSpec {
  readonly name: string;
  readonly workspace: 'worktree' | 'run-dir';
  /** The fake agent's profile by default. */
  readonly profile?: string;
}

/** The project in git on main, with `files` committed, and agents made as the New agent dialog makes them. */
export async function project(app: AppDriver, files: Record<string, string>, agents: readonly AgentSpec[]) {
  const dir = app.world.projectDir;
  await expect(app.page.getByRole('heading', { name: 'sample-project' })).toBeVisible();
  for (const agent of agents) await rpc(app, 'agents.create', { name: agent.name, profile: agent.profile ?? 'fake', workspace: agent.workspace });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'Test');
  git(dir, 'config', 'user.email', 'test@example.com');
  // Tessera's own layout file is the user's business; keep it out of the status the specs compare.
  writeFileSync(join(dir, '.git', 'info', 'exclude'), '.tessera/layout.json\n');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'the project');
  return dir;
}

const sessionOf = async (app: AppDriver, id: string) => (await rpc<Session[]>(app, 'sessions.list')).find((s) => s.id === id);

export async function launch(app: AppDriver, name: string): Promise<Session> {
  await app.page.getByRole('button', { name: `Launch ${name}`, exact: true }).click();
  await expect(app.page.getByRole('region', { name: `Terminal: ${name}` })).toBeVisible();
  await expect.poll(() => screenOf(app, name), { timeout: 20_000 }).toContain('fake-agent>');
  const session = (await rpc<Session[]>(app, 'sessions.list')).find((s) => s.agentName === name);
  if (!session) throw new Error(`no session for ${name}`);
  // Settled at its prompt, so the turn below starts from idle.
  await expect.poll(async () => (await sessionOf(app, session.id))?.status, { timeout: 20_000 }).toBe('idle');
  return session;
}

/** Text without its white space: a terminal wraps long lines, and drops a space where it wraps. */
export const squeezed = (text: string) => text.replace(/\s+/g, '');
export const unwrapped = async (app: AppDriver, name: string) => squeezed(await screenOf(app, name));

type TurnRecord = { number: number; endedAt?: number };
const turnsOf = (app: AppDriver, session: Session) => rpc<TurnRecord[]>(app, 'turns.list', { slug: session.agent });

/** Starts a turn of the agent (`line` typed at its prompt) and resolves once Tessera recorded its start. */
export async function startTurn(app: AppDriver, session: Session, line: string) {
  const before = (await turnsOf(app, session)).length;
  await rpc(app, 'sessions.write', { id: session.id, data: `${line}\r` });
  await expect.poll(async () => (await turnsOf(app, session)).length, { timeout: 20_000 }).toBeGreaterThan(before);
  return before;
}

/** Resolves once the agent printed `done` and the turn after `before` turns is recorded as ended. */
export async function endOfTurn(app: AppDriver, session: Session, before: number, done: string) {
  await expect.poll(() => unwrapped(app, session.agentName), { timeout: 20_000 }).toContain(squeezed(done));
  await expect
    .poll(async () => {
      const turns = await turnsOf(app, session);
      return turns.length > before && turns[turns.length - 1]?.endedAt !== undefined;
    }, { timeout: 20_000 })
    .toBe(true);
}

/** One turn of the agent: `!do command`, until it has done it and settled back at its prompt. */
export async function turn(app: AppDriver, session: Session, command: string) {
  const before = (await turnsOf(app, session)).length;
  await rpc(app, 'sessions.write', { id: session.id, data: `!do ${command}\r` });
  await endOfTurn(app, session, before, `did: ${command}`);
}

export async function openChanges(page: Page, name: string) {
  await page.getByRole('region', { name: `Terminal: ${name}` }).getByRole('button', { name: `Show changes of ${name}` }).click();
  const dialog = page.getByRole('dialog', { name: `Changes: ${name}` });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** The test's output folder; with TESSERA_SCREENSHOT_DIR=docs/screenshots, the pictures the repository keeps. */
export const screenshotPath = (name: string) => (process.env.TESSERA_SCREENSHOT_DIR ? join(process.env.TESSERA_SCREENSHOT_DIR, name) : test.info().outputPath(name));

export const fileRows = (dialog: ReturnType<Page['getByRole']>) => dialog.getByRole('list', { name: 'Changed files' }).getByRole('button');
