import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../adapters/contracts/eventually';
import { InMemoryEventBus } from '../adapters/events/in-memory-event-bus';
import { CliGitWorktrees } from '../adapters/git/cli-git-worktrees';
import { ShellCommandRunner } from '../adapters/shell/shell-command-runner';
import { InMemoryAgentStore } from '../adapters/memory/in-memory-agent-store';
import { InMemorySkillStore } from '../adapters/memory/in-memory-skill-store';
import { XtermHeadlessMirrorFactory } from '../adapters/mirror/xterm-headless-mirror';
import { NodeFileSystem } from '../adapters/node-fs/node-file-system';
import { NodePtyAdapter } from '../adapters/pty/node-pty-adapter';
import { RandomIdGenerator } from '../adapters/system/random-id-generator';
import { SystemClock } from '../adapters/system/system-clock';
import type { ProfileStore } from '../domain/ports/profile-store.port';
import type { Profile } from '../domain/profile';
import { ok } from '../domain/result';
import { KillSession } from './kill-session';
import { LaunchAgent } from './launch-agent';
import { OpenProject } from './open-project';
import { SessionRegistry } from './session-registry';
import { PrepareAgentWorktree, ReadProjectSettings } from './worktree-setup';

// Real git, real node-pty, real files and the fake agent CLI: a worktree agent end to end.
const FAKE_AGENT = resolve(__dirname, '..', 'e2e', 'fixtures', 'fake-agent');
const dirs: string[] = [];
const registries: SessionRegistry[] = [];
afterEach(() => registries.splice(0).forEach((r) => r.killAll()));
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const git = (dir: string, ...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' });

/** A user's project: a git repository with a commit, opened by Tessera once, its .tessera/ committed too. */
async function userProject(): Promise<{ root: string; dataDir: string }> {
  // realpath: the agent reports process.cwd(), which resolves symlinks such as macOS's /var.
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'tessera-worktree-')));
  dirs.push(base);
  const root = join(base, 'shop');
  execFileSync('git', ['init', '-q', '-b', 'main', root]);
  git(root, 'config', 'user.name', 'Test');
  git(root, 'config', 'user.email', 'test@example.com');
  writeFileSync(join(root, 'README.md'), '# Shop\n');
  const opened = await new OpenProject({ fs: new NodeFileSystem() }).execute({ path: root });
  if (!opened.ok) throw new Error(JSON.stringify(opened.error));
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'initial');
  return { root, dataDir: join(base, 'config', 'tessera') };
}

async function services(root: string, dataDir: string, options: { readonly withSetup?: boolean } = {}) {
  const agents = new InMemoryAgentStore();
  await agents.save({ slug: 'reviewer', name: 'Reviewer', profile: 'fake', skills: [], workspace: 'worktree', args: [], env: {}, persona: 'PERSONA-MARKER: review every change.' });
  const profile: Profile = { id: 'fake', name: 'Fake', command: FAKE_AGENT, args: [], env: {}, inject: { kind: 'convention-file', target: 'CLAUDE.md' }, status: { needsInput: [], busy: [] }, builtin: false };
  const profiles: ProfileStore = { list: async () => [profile], get: async (id) => (id === 'fake' ? profile : undefined), broken: async () => [], save: async () => ok(undefined) };
  const events = new InMemoryEventBus();
  const registry = new SessionRegistry({ mirrors: new XtermHeadlessMirrorFactory(), events });
  registries.push(registry);
  const fs = new NodeFileSystem();
  const baseEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: root, TERM: 'xterm-256color' };
  const prepare = new PrepareAgentWorktree({ fs, projectRoot: root, runner: new ShellCommandRunner(), baseEnv, settings: new ReadProjectSettings({ fs, projectRoot: root }) });
  const launch = new LaunchAgent({
    projectRoot: root, agents, profiles, skills: new InMemorySkillStore(), fs, pty: new NodePtyAdapter({ killGraceMs: 500 }), registry, events,
    clock: new SystemClock(), ids: new RandomIdGenerator(),
    baseEnv,
    worktrees: { git: new CliGitWorktrees(), dataDir, ...(options.withSetup ? { prepare } : {}) },
  });
  const start = async () => {
    const result = await launch.execute({ slug: 'reviewer', size: { cols: 200, rows: 60 } });
    if (!result.ok) throw new Error(`launch failed: ${JSON.stringify(result.error)}`);
    const session = result.value;
    const screen = async () => (await registry.screenText(session.id)) ?? '';
    await eventually(async () => (await screen()).includes('== end of context =='), 'the context on the screen');
    return { session, screen };
  };
  return { registry, start, launch };
}

describe('launching a worktree agent for real', () => {
  it('runs the agent in its own worktree on branch tessera/<slug>, leaves the user’s checkout clean, and reuses the worktree next time', async () => {
    const { root, dataDir } = await userProject();
    const { registry, start } = await services(root, dataDir);

    const first = await start();
    const worktree = first.session.cwd;
    expect(worktree.startsWith(join(dataDir, 'worktrees', 'shop-'))).toBe(true);
    expect(worktree.endsWith(join('', 'reviewer'))).toBe(true);
    const text = await first.screen();
    expect(text).toContain(`cwd=${worktree}\n`);
    expect(text).toContain('== context (CLAUDE.md) ==');
    expect(text).toContain(`Project root: ${root}`);
    expect(text).toContain(`Your worktree: ${worktree} (branch tessera/reviewer)`);
    expect(text).toContain('PERSONA-MARKER');
    expect(git(worktree, 'branch', '--show-current').trim()).toBe('tessera/reviewer');
    expect(readFileSync(join(worktree, 'README.md'), 'utf8')).toBe('# Shop\n');
    // Neither the user's checkout nor the agent's shows the generated files.
    expect(git(root, 'status', '--porcelain', '--untracked-files=all')).toBe('');
    expect(git(worktree, 'status', '--porcelain', '--untracked-files=all')).toBe('');
    expect(git(root, 'branch', '--show-current').trim()).toBe('main');
    expect(existsSync(join(root, 'CLAUDE.md'))).toBe(false);

    // The agent leaves work uncommitted and ends; the next launch goes back to the same worktree.
    writeFileSync(join(worktree, 'half-done.ts'), 'export {};\n');
    await new KillSession({ registry }).execute({ id: first.session.id });
    await eventually(() => registry.get(first.session.id)?.status === 'exited', 'the first session to end');
    const second = await start();
    expect(second.session.id).not.toBe(first.session.id);
    expect(second.session.cwd).toBe(worktree);
    expect(await second.screen()).toContain(`cwd=${worktree}\n`);
    expect(readFileSync(join(worktree, 'half-done.ts'), 'utf8')).toBe('export {};\n');
    expect(git(root, 'worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(2);
    expect(git(root, 'status', '--porcelain', '--untracked-files=all')).toBe('');
  });
});

describe('the project’s worktree set-up command, for real', () => {
  it('runs in the new worktree before the agent starts: the agent finds what it copied and installed', async () => {
    const { root, dataDir } = await userProject();
    writeFileSync(join(root, '.gitignore'), '.env\nnode_modules/\n');
    git(root, 'add', '.gitignore');
    git(root, 'commit', '-q', '-m', 'ignore secrets and dependencies');
    writeFileSync(join(root, '.env'), 'SECRET=shh\n');
    const setup = 'cp "$TESSERA_PROJECT_ROOT/.env" . && mkdir -p node_modules && echo installed > node_modules/marker';
    writeFileSync(join(root, '.tessera', 'settings.json'), JSON.stringify({ worktree: { setup } }));
    const { start } = await services(root, dataDir, { withSetup: true });

    const { session } = await start();
    expect(readFileSync(join(session.cwd, '.env'), 'utf8')).toBe('SECRET=shh\n');
    expect(readFileSync(join(session.cwd, 'node_modules', 'marker'), 'utf8')).toBe('installed\n');
    expect(git(session.cwd, 'status', '--porcelain', '--untracked-files=all')).toBe('');
  });

  it('stops the launch when it fails, answering its output, and starts no agent', async () => {
    const { root, dataDir } = await userProject();
    writeFileSync(join(root, '.tessera', 'settings.json'), JSON.stringify({ worktree: { setup: 'echo "cannot reach the registry" >&2; exit 7' } }));
    const { launch, registry } = await services(root, dataDir, { withSetup: true });
    const result = await launch.execute({ slug: 'reviewer', size: { cols: 100, rows: 30 } });
    expect(result).toEqual({
      ok: false,
      error: { kind: 'worktree-setup-failed', slug: 'reviewer', command: 'echo "cannot reach the registry" >&2; exit 7', exitCode: 7, timedOut: false, output: 'cannot reach the registry\n' },
    });
    expect(registry.list()).toEqual([]);
  });
});
