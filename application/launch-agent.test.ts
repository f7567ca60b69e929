import { describe, expect, it } from 'vitest';
import { RecordingEventBus } from '../adapters/events/recording-event-bus';
import { FakeCommandRunner } from '../adapters/memory/fake-command-runner';
import { FakePtyPort } from '../adapters/memory/fake-pty';
import { FixedClock } from '../adapters/memory/fixed-clock';
import { InMemoryAgentStore } from '../adapters/memory/in-memory-agent-store';
import { InMemoryFileSystem } from '../adapters/memory/in-memory-file-system';
import { InMemoryGitWorktrees } from '../adapters/memory/in-memory-git-worktrees';
import { InMemorySkillStore } from '../adapters/memory/in-memory-skill-store';
import { PlainTextMirrorFactory } from '../adapters/memory/plain-text-mirror';
import { SequentialIds } from '../adapters/memory/sequential-ids';
import type { Agent } from '../domain/agent';
import type { ProfileStore } from '../domain/ports/profile-store.port';
import type { Profile } from '../domain/profile';
import { ok } from '../domain/result';
import { shortHash } from '../domain/worktree';
import { launchPreview } from '../domain/launch-preview';
import { LaunchAgent } from './launch-agent';
import { SessionRegistry } from './session-registry';
import { PrepareAgentWorktree, ReadProjectSettings } from './worktree-setup';

const ROOT = '/home/u/proj';

const profile = (over: Partial<Profile> = {}): Profile => ({
  id: 'fake',
  name: 'Fake',
  command: 'fake-agent',
  args: ['--model', 'x'],
  env: { FROM_PROFILE: 'p', SHARED: 'profile' },
  inject: { kind: 'convention-file', target: 'CLAUDE.md' },
  projectAccessArgs: ['--add-dir', '{projectRoot}'],
  status: { needsInput: [], busy: [] },
  resume: { args: ['--continue'] },
  builtin: false,
  ...over,
});

const agent = (over: Partial<Agent> = {}): Agent => ({
  slug: 'reviewer',
  name: 'Reviewer',
  profile: 'fake',
  skills: [],
  workspace: 'run-dir',
  args: ['--agent-arg'],
  env: { SHARED: 'agent' },
  persona: 'You review code.',
  ...over,
});

/** Profiles by id; the in-memory profile store of the profiles helper may replace this. */
class ProfilesFake implements ProfileStore {
  constructor(private readonly profiles: Profile[]) {}
  async list() {
    return this.profiles;
  }
  async get(id: string) {
    return this.profiles.find((p) => p.id === id);
  }
  async broken() {
    return [];
  }
  async save() {
    return ok(undefined);
  }
}

const DATA = '/home/u/.config/tessera';
const WORKTREE = `${DATA}/worktrees/proj-${shortHash(ROOT)}/reviewer`;

async function world(opts: { agents?: Agent[]; profiles?: Profile[] } = {}) {
  const agents = new InMemoryAgentStore();
  for (const a of opts.agents ?? [agent()]) await agents.save(a);
  const skills = new InMemorySkillStore();
  const profiles = new ProfilesFake(opts.profiles ?? [profile()]);
  const fs = new InMemoryFileSystem();
  await fs.mkdirp(ROOT);
  const pty = new FakePtyPort().define('fake-agent');
  const events = new RecordingEventBus();
  const mirrors = new PlainTextMirrorFactory();
  const registry = new SessionRegistry({ mirrors, events });
  const deps = {
    projectRoot: ROOT,
    agents,
    profiles,
    skills,
    fs,
    pty,
    registry,
    events,
    clock: new FixedClock(5000),
    ids: new SequentialIds('s'),
    baseEnv: { PATH: '/usr/bin', SHARED: 'base', HOME: '/home/u' },
    worktrees: { git: new InMemoryGitWorktrees(), dataDir: DATA },
  };
  return { ...deps, git: deps.worktrees.git, launch: new LaunchAgent(deps) };
}

/** Wraps an object so each method call is logged as `<label>.<method>` into `log`. */
function recorded<T extends object>(target: T, label: string, log: string[]): T {
  return new Proxy(target, {
    get(obj, key, receiver) {
      const value = Reflect.get(obj, key, receiver);
      // Path arithmetic is not a step worth ordering.
      if (typeof value !== 'function' || (label === 'fs' && (key === 'join' || key === 'resolve'))) return value;
      return (...args: unknown[]) => {
        log.push(`${label}.${String(key)}`);
        return (value as (...a: unknown[]) => unknown).apply(obj, args);
      };
    },
  });
}

const size = { cols: 100, rows: 30 };

describe('LaunchAgent', () => {
  it('resolves, composes, prepares, injects, spawns, registers and announces, in that order', async () => {
    const w = await world({ agents: [agent({ skills: ['testing', 'gone'] })], profiles: [profile({ inject: { kind: 'stdin' } })] });
    await w.skills.save({ name: 'testing', description: 'Write tests', scope: 'project', body: 'Test it.' });
    const log: string[] = [];
    const launch = new LaunchAgent({
      ...w,
      agents: recorded(w.agents, 'agents', log),
      profiles: recorded(w.profiles, 'profiles', log),
      skills: recorded(w.skills, 'skills', log),
      fs: recorded(w.fs, 'fs', log),
      pty: recorded(w.pty, 'pty', log),
      registry: recorded(w.registry, 'registry', log),
      events: recorded(w.events, 'events', log),
    });
    const result = await launch.execute({ slug: 'reviewer', size });
    expect(result.ok).toBe(true);
    expect(log.filter((l) => !l.startsWith('fs.kind'))).toEqual([
      'registry.liveForAgent',
      'agents.get',
      'profiles.get',
      'skills.resolve',
      'skills.resolve',
      'fs.mkdirp',
      'fs.writeTextAtomic', // .tessera/.gitignore
      'fs.writeTextAtomic', // context.md
      'pty.spawn',
      'registry.add',
      'events.publish',
    ]);
    // stdin injection is typed right after spawn, before anything else sees the session.
    expect(w.pty.last().written).toHaveLength(1);
  });

  it('spawns in the run directory with the convention file and context written there', async () => {
    const w = await world();
    const result = await w.launch.execute({ slug: 'reviewer', size });
    const runDir = `${ROOT}/.tessera/run/reviewer`;
    expect(result).toMatchObject({ ok: true, value: { id: 's-1', agent: 'reviewer', agentName: 'Reviewer', profile: 'fake', cwd: runDir, status: 'starting', startedAt: 5000, size, missingSkills: [] } });
    const context = w.fs.files.get(`${runDir}/context.md`);
    expect(context).toContain(`Project root: ${ROOT}`);
    expect(context).toContain('You review code.');
    expect(w.fs.files.get(`${runDir}/CLAUDE.md`)).toBe(context);
    expect(w.fs.files.get(`${ROOT}/CLAUDE.md`)).toBeUndefined();
    expect(w.fs.files.get(`${ROOT}/.tessera/.gitignore`)).toBe('run/\nlogs/\n');
    const spec = w.pty.spawned[0];
    expect(spec?.cwd).toBe(runDir);
    expect(spec?.size).toEqual(size);
    expect(spec?.args).toEqual(['--model', 'x', '--add-dir', ROOT, '--agent-arg']);
  });

  it("passes Tessera's MCP configuration exactly where the trust question's preview shows it", async () => {
    const tools = { configPath: '/run/tessera/mcp/s-1.json', server: { command: '/usr/bin/node', args: ['/opt/tessera/bin/tessera', 'mcp'] } };
    const withTools = profile({ mcpConfigArgs: ['--mcp-config', '{mcpConfig}'] });
    const w = await world({ profiles: [withTools] });
    const granted: string[] = [];
    const launch = new LaunchAgent({
      ...w,
      agentTools: {
        grant: ({ sessionId }) => (granted.push(sessionId), ok({ configPath: `/run/tessera/mcp/${sessionId}.json` })),
        revoke: () => undefined,
        preview: tools,
      },
    });
    expect((await launch.execute({ slug: 'reviewer', size })).ok).toBe(true);
    expect(granted).toEqual(['s-1']);
    const preview = launchPreview(agent(), withTools, ROOT, tools);
    expect(w.pty.spawned[0]?.args).toEqual(preview.args);
    expect(preview.agentTools).toEqual({ args: ['--mcp-config', '/run/tessera/mcp/s-1.json'], server: tools.server });
  });

  it('merges the environment: base, then profile, then agent, then injection and the Tessera variables', async () => {
    const w = await world({ profiles: [profile({ inject: { kind: 'env', var: 'CTX', value: '{contextPath}' } })] });
    await w.launch.execute({ slug: 'reviewer', size });
    expect(w.pty.spawned[0]?.env).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/u',
      FROM_PROFILE: 'p',
      SHARED: 'agent',
      CTX: `${ROOT}/.tessera/run/reviewer/context.md`,
      TESSERA_AGENT: 'reviewer',
      TESSERA_PROJECT_ROOT: ROOT,
    });
  });

  it('runs a project-mode agent in the project root without access args or files in the project', async () => {
    const w = await world({
      agents: [agent({ workspace: 'project' })],
      profiles: [profile({ inject: { kind: 'args', args: ['--append-system-prompt', '{context}'] } })],
    });
    const result = await w.launch.execute({ slug: 'reviewer', size });
    expect(result.ok && result.value.cwd).toBe(ROOT);
    const args = w.pty.spawned[0]?.args ?? [];
    expect(args.slice(0, 3)).toEqual(['--model', 'x', '--append-system-prompt']);
    expect(args[3]).toContain('You review code.');
    expect(args.slice(4)).toEqual(['--agent-arg']);
    const projectFiles = [...w.fs.files.keys()].filter((p) => !p.startsWith(`${ROOT}/.tessera/`));
    expect(projectFiles).toEqual([]);
  });

  it('refuses a convention-file profile in project mode and spawns nothing', async () => {
    const w = await world({ agents: [agent({ workspace: 'project' })] });
    const result = await w.launch.execute({ slug: 'reviewer', size });
    expect(result).toEqual({ ok: false, error: { kind: 'injection-unsupported-in-project-mode', target: 'CLAUDE.md' } });
    expect(w.pty.spawned).toEqual([]);
  });

  it('refuses the worktree mode with a message when no git is wired, spawning nothing', async () => {
    const w = await world({ agents: [agent({ workspace: 'worktree' })] });
    const { worktrees: _none, ...withoutGit } = w;
    const result = await new LaunchAgent(withoutGit).execute({ slug: 'reviewer', size });
    expect(result.ok ? 'launched' : result.error.kind).toBe('workspace-unsupported');
    expect(w.pty.spawned).toEqual([]);
  });

  it('types the context into the terminal for a stdin profile', async () => {
    const w = await world({ profiles: [profile({ inject: { kind: 'stdin' } })] });
    await w.launch.execute({ slug: 'reviewer', size });
    const typed = w.pty.last().written.join('');
    expect(typed).toContain('You review code.');
    expect(typed.endsWith('\n')).toBe(true);
  });

  it('reports missing skills on the session and still launches with the ones found', async () => {
    const w = await world({ agents: [agent({ skills: ['testing', 'nope'] })] });
    await w.skills.save({ name: 'testing', description: 'Write tests', scope: 'global', body: 'Test everything.' });
    const result = await w.launch.execute({ slug: 'reviewer', size });
    expect(result.ok && result.value.missingSkills).toEqual(['nope']);
    expect(w.fs.files.get(`${ROOT}/.tessera/run/reviewer/context.md`)).toContain('## testing');
  });

  it('fails cleanly for an unknown agent, a broken persona file and an unknown profile', async () => {
    const w = await world({ agents: [agent(), agent({ slug: 'other', name: 'Other', profile: 'missing' })] });
    await w.agents.writeSource('broken', '---\nname: [unclosed\n---\n');
    expect(await w.launch.execute({ slug: 'nobody', size })).toEqual({ ok: false, error: { kind: 'agent-not-found', slug: 'nobody' } });
    const broken = await w.launch.execute({ slug: 'broken', size });
    expect(broken.ok ? 'launched' : broken.error.kind).toBe('agent-invalid');
    expect(await w.launch.execute({ slug: 'other', size })).toEqual({ ok: false, error: { kind: 'profile-not-found', profileId: 'missing' } });
    expect(await w.launch.execute({ slug: '../etc', size })).toMatchObject({ ok: false, error: { kind: 'name-invalid' } });
    expect(w.pty.spawned).toEqual([]);
    expect(w.events.published).toEqual([]);
  });

  it('does not register a session whose command is not found', async () => {
    const w = await world({ profiles: [profile({ command: 'not-installed' })] });
    const result = await w.launch.execute({ slug: 'reviewer', size });
    expect(result).toEqual({ ok: false, error: { kind: 'command-not-found', command: 'not-installed', profile: profile().name } });
    expect(w.registry.list()).toEqual([]);
    expect(w.events.published).toEqual([]);
  });

  it('returns the live session instead of starting a second one, even for two launches at once', async () => {
    const w = await world();
    const [a, b] = await Promise.all([w.launch.execute({ slug: 'reviewer', size }), w.launch.execute({ slug: 'reviewer', size })]);
    const c = await w.launch.execute({ slug: 'reviewer', size: { cols: 10, rows: 10 } });
    expect(w.pty.spawned).toHaveLength(1);
    expect(a.ok && b.ok && c.ok && [a.value.id, b.value.id, c.value.id]).toEqual(['s-1', 's-1', 's-1']);
  });

  it('starts a new session once the previous one has exited, replacing it', async () => {
    const w = await world();
    await w.launch.execute({ slug: 'reviewer', size });
    w.pty.last().exit(0);
    const again = await w.launch.execute({ slug: 'reviewer', size });
    expect(again.ok && again.value.id).toBe('s-2');
    expect(w.registry.list().map((s) => s.id)).toEqual(['s-2']);
  });

  it('clamps an out-of-range size instead of failing', async () => {
    const w = await world();
    await w.launch.execute({ slug: 'reviewer', size: { cols: 0, rows: 100000 } });
    expect(w.pty.spawned[0]?.size).toEqual({ cols: 2, rows: 500 });
  });
});

describe('LaunchAgent in worktree mode', () => {
  async function worktreeWorld(opts: { profiles?: Profile[]; files?: Record<string, string> } = {}) {
    const w = await world({ agents: [agent({ workspace: 'worktree' })], ...(opts.profiles ? { profiles: opts.profiles } : {}) });
    w.git.initRepository(ROOT, opts.files ?? { 'README.md': 'hello' });
    return w;
  }

  it('finds the repository, makes the worktree, then prepares, injects, spawns, registers and announces, in that order', async () => {
    const w = await worktreeWorld();
    const log: string[] = [];
    const launch = new LaunchAgent({
      ...w,
      worktrees: { git: recorded(w.git, 'git', log), dataDir: DATA },
      fs: recorded(w.fs, 'fs', log),
      pty: recorded(w.pty, 'pty', log),
      registry: recorded(w.registry, 'registry', log),
      events: recorded(w.events, 'events', log),
    });
    expect((await launch.execute({ slug: 'reviewer', size })).ok).toBe(true);
    expect(log.filter((l) => !l.startsWith('fs.kind'))).toEqual([
      'registry.liveForAgent',
      'git.repositoryRoot',
      'git.worktreeState',
      'git.addWorktree',
      'fs.mkdirp', // the agent's folder in the worktree
      'fs.mkdirp', // the run dir, for context.md
      'fs.writeTextAtomic', // .tessera/.gitignore
      'git.isTracked',
      'git.excludeUntracked',
      'fs.writeTextAtomic', // context.md
      'fs.writeTextAtomic', // CLAUDE.md in the worktree
      'pty.spawn',
      'registry.add',
      'events.publish',
    ]);
  });

  it('works in its own worktree on branch tessera/<slug>, told so by its context, and leaves the project alone', async () => {
    const w = await worktreeWorld();
    const result = await w.launch.execute({ slug: 'reviewer', size });
    expect(result.ok && result.value.cwd).toBe(WORKTREE);
    expect(w.git.branchOf(WORKTREE)).toBe('tessera/reviewer');
    const spec = w.pty.spawned[0];
    expect(spec?.cwd).toBe(WORKTREE);
    // Its place to work is the worktree: no access args to the project root.
    expect(spec?.args).toEqual(['--model', 'x', '--agent-arg']);
    expect(spec?.env.TESSERA_PROJECT_ROOT).toBe(ROOT);
    const context = w.fs.files.get(`${ROOT}/.tessera/run/reviewer/context.md`) ?? '';
    expect(context).toContain(`Project root: ${ROOT}`);
    expect(context).toContain(`Your worktree: ${WORKTREE} (branch tessera/reviewer)`);
    expect(w.fs.files.get(`${WORKTREE}/CLAUDE.md`)).toBe(context);
    // The convention file is excluded, so neither checkout shows it.
    w.git.write(`${WORKTREE}/CLAUDE.md`, context);
    expect(w.git.status(WORKTREE)).toEqual([]);
    expect(w.git.status(ROOT)).toEqual([]);
    expect([...w.fs.files.keys()].filter((p) => p.startsWith(ROOT) && !p.startsWith(`${ROOT}/.tessera/`))).toEqual([]);
  });

  it('reuses the worktree on later launches, uncommitted work and all', async () => {
    const w = await worktreeWorld();
    await w.launch.execute({ slug: 'reviewer', size });
    w.git.write(`${WORKTREE}/half-done.ts`, 'work in progress');
    w.pty.last().exit(0);
    const again = await w.launch.execute({ slug: 'reviewer', size });
    expect(again.ok && again.value.cwd).toBe(WORKTREE);
    expect(w.git.calls.filter((c) => c.startsWith('addWorktree'))).toHaveLength(1);
    expect(w.git.read(`${WORKTREE}/half-done.ts`)).toBe('work in progress');
    expect(w.pty.spawned).toHaveLength(2);
  });

  it('refuses a project that is not a git repository, spawning nothing', async () => {
    const w = await world({ agents: [agent({ workspace: 'worktree' })] });
    const result = await w.launch.execute({ slug: 'reviewer', size });
    expect(result).toEqual({ ok: false, error: { kind: 'not-a-git-repository', path: ROOT } });
    expect(w.pty.spawned).toEqual([]);
    expect(w.events.published).toEqual([]);
  });

  it('reports git’s reason when the worktree cannot be made, spawning nothing', async () => {
    const w = await world({ agents: [agent({ workspace: 'worktree' })] });
    w.git.initRepository(ROOT); // no commit yet: nothing to branch from
    const result = await w.launch.execute({ slug: 'reviewer', size });
    expect(result).toEqual({ ok: false, error: { kind: 'worktree-failed', path: WORKTREE, message: 'invalid reference: HEAD' } });
    expect(w.pty.spawned).toEqual([]);
  });

  /** The worktree world with the project's set-up command wired in, run by a scripted runner. */
  async function withSetup(command: string, result: { exitCode: number; output: string }) {
    const w = await worktreeWorld();
    await w.fs.mkdirp(`${ROOT}/.tessera`);
    await w.fs.writeTextAtomic(`${ROOT}/.tessera/settings.json`, JSON.stringify({ worktree: { setup: command } }));
    const runner = new FakeCommandRunner().define(command, () => result);
    const prepare = new PrepareAgentWorktree({ fs: w.fs, projectRoot: ROOT, runner, baseEnv: w.baseEnv, settings: new ReadProjectSettings({ fs: w.fs, projectRoot: ROOT }) });
    return { ...w, runner, launch: new LaunchAgent({ ...w, worktrees: { git: w.git, dataDir: DATA, prepare } }) };
  }

  it('runs the project’s set-up command in a new worktree before the agent starts, and not again for the same worktree', async () => {
    const w = await withSetup('npm ci', { exitCode: 0, output: 'ok\n' });
    expect((await w.launch.execute({ slug: 'reviewer', size })).ok).toBe(true);
    expect(w.runner.runs.map((r) => [r.command, r.cwd])).toEqual([['npm ci', WORKTREE]]);
    expect(w.pty.spawned).toHaveLength(1);
    w.registry.killAll();
    expect((await w.launch.execute({ slug: 'reviewer', size })).ok).toBe(true);
    expect(w.runner.runs).toHaveLength(1);
  });

  it('shows the set-up command and its output at the top of the agent’s terminal, before anything the agent prints', async () => {
    const w = await withSetup('npm ci', { exitCode: 0, output: 'added 3 packages\nready\n' });
    const launched = await w.launch.execute({ slug: 'reviewer', size });
    if (!launched.ok) throw new Error(launched.error.kind);
    const screen = (await w.registry.screenText(launched.value.id)) ?? '';
    expect(screen.split('\n').slice(0, 3)).toEqual(['$ npm ci (worktree set-up)', 'added 3 packages', 'ready']);
  });

  it('stops the launch when the set-up command fails, answering its output and starting nothing', async () => {
    const w = await withSetup('npm ci', { exitCode: 1, output: 'npm ERR! no lock file\n' });
    const result = await w.launch.execute({ slug: 'reviewer', size });
    expect(result).toEqual({ ok: false, error: { kind: 'worktree-setup-failed', slug: 'reviewer', command: 'npm ci', exitCode: 1, timedOut: false, output: 'npm ERR! no lock file\n' } });
    expect(w.pty.spawned).toEqual([]);
    expect(w.events.published).toEqual([]);
    expect(w.fs.files.has(`${WORKTREE}/CLAUDE.md`)).toBe(false);
  });

  it('refuses a folder in the worktree’s place that is not a worktree', async () => {
    const w = await worktreeWorld();
    w.git.addPlainDirectory(WORKTREE);
    const result = await w.launch.execute({ slug: 'reviewer', size });
    expect(result.ok ? 'launched' : result.error.kind).toBe('worktree-failed');
    expect(w.pty.spawned).toEqual([]);
  });

  it('will not write a convention file over one the repository tracks', async () => {
    const w = await worktreeWorld({ files: { 'CLAUDE.md': 'the team’s own' } });
    const result = await w.launch.execute({ slug: 'reviewer', size });
    expect(result).toEqual({ ok: false, error: { kind: 'injection-would-overwrite', target: 'CLAUDE.md', path: `${WORKTREE}/CLAUDE.md` } });
    expect(w.fs.files.has(`${WORKTREE}/CLAUDE.md`)).toBe(false);
    expect(w.git.calls.filter((c) => c.startsWith('excludeUntracked'))).toEqual([]);
    expect(w.pty.spawned).toEqual([]);
  });

  it('hands the context by args like project mode, touching no git exclude', async () => {
    const w = await worktreeWorld({ profiles: [profile({ inject: { kind: 'args', args: ['--read', '{contextPath}'] } })] });
    await w.launch.execute({ slug: 'reviewer', size });
    expect(w.pty.spawned[0]?.args).toEqual(['--model', 'x', '--read', `${ROOT}/.tessera/run/reviewer/context.md`, '--agent-arg']);
    expect(w.git.calls.filter((c) => c.startsWith('isTracked') || c.startsWith('excludeUntracked'))).toEqual([]);
  });

  it('works in the same folder of the worktree when the project is below its repository’s top', async () => {
    const w = await world({ agents: [agent({ workspace: 'worktree' })] });
    w.git.initRepository('/home/u', { 'proj/README.md': 'x', 'other/a.txt': 'y' });
    const result = await w.launch.execute({ slug: 'reviewer', size });
    expect(result.ok && result.value.cwd).toBe(`${WORKTREE}/proj`);
    expect(w.fs.files.has(`${WORKTREE}/proj/CLAUDE.md`)).toBe(true);
    w.git.write(`${WORKTREE}/proj/CLAUDE.md`, 'ctx');
    expect(w.git.status(WORKTREE)).toEqual([]);
  });
});
