import { FakeCommandRunner } from '../../adapters/memory/fake-command-runner';
import { DetectInstalledClis } from '../../application/detect-installed-clis';
import { describe, expect, it } from 'vitest';
import { AnswerApproval, PendingApprovals } from '../../application/agent-approvals';
import { err, ok, type DomainError, type Result } from '../../domain/result';
import { CreateAgent } from '../../application/create-agent';
import { CreateSkill } from '../../application/create-skill';
import { DeleteAgent } from '../../application/delete-agent';
import { DeleteSkill } from '../../application/delete-skill';
import { GetAgent } from '../../application/get-agent';
import { GetLayout } from '../../application/get-layout';
import { GetSkill } from '../../application/get-skill';
import { ImportAgents } from '../../application/import-agents';
import { KillSession } from '../../application/kill-session';
import { LaunchAgent } from '../../application/launch-agent';
import { ListAgents } from '../../application/list-agents';
import { ListProfiles } from '../../application/list-profiles';
import { ListSessions } from '../../application/list-sessions';
import { ListSkills } from '../../application/list-skills';
import type { Project } from '../../application/open-project';
import { DescribeProjectTrust, LaunchIfTrusted, SetRelaunchOnOpen, TrustProject } from '../../application/project-trust';
import { InMemoryProjectTrust } from '../../adapters/memory/in-memory-project-trust';
import { ReadTranscript } from '../../application/read-transcript';
import { ResizeSession } from '../../application/resize-session';
import { RestartSession } from '../../application/restart-session';
import { SaveLayout } from '../../application/save-layout';
import { SaveProfile } from '../../application/save-profile';
import { SendToAgents } from '../../application/send-to-agents';
import { SubmitMessage } from '../../application/submit-message';
import { NodeScheduler } from '../../adapters/system/node-scheduler';
import { FindOrphans, KillOrphans } from '../../application/find-orphans';
import { SessionRegistry } from '../../application/session-registry';
import { SnapshotSession } from '../../application/snapshot-session';
import { UpdateAgent } from '../../application/update-agent';
import { UpdateSkill } from '../../application/update-skill';
import { WriteToSession } from '../../application/write-to-session';
import { RecordingEventBus } from '../../adapters/events/recording-event-bus';
import { FakePtyPort } from '../../adapters/memory/fake-pty';
import { FixedClock } from '../../adapters/memory/fixed-clock';
import { InMemoryAgentStore } from '../../adapters/memory/in-memory-agent-store';
import { InMemoryClaudeImportSource } from '../../adapters/memory/in-memory-claude-import-source';
import { InMemoryFileSystem } from '../../adapters/memory/in-memory-file-system';
import { InMemoryLayoutStore } from '../../adapters/memory/in-memory-layout-store';
import { InMemoryProfileStore } from '../../adapters/memory/in-memory-profile-store';
import { FakeProcessControl, InMemoryProcessRecordStore } from '../../adapters/memory/in-memory-process-records';
import { InMemoryTranscriptStore } from '../../adapters/memory/in-memory-transcript-store';
import { InMemorySkillStore } from '../../adapters/memory/in-memory-skill-store';
import { PlainTextMirrorFactory } from '../../adapters/memory/plain-text-mirror';
import { SequentialIds } from '../../adapters/memory/sequential-ids';
import { builtinProfiles } from '../../adapters/profiles/builtin-profiles';
import { METHOD_NAMES, methods, type MethodName } from '../../contract/contract';
import { describeError } from '../describe-error';
import { ROUTED_METHODS, Router, type ProjectUseCases, type RouterContext } from './router';

const project: Project = { root: '/work/demo', name: 'demo' };

/** The real use cases over in-memory fakes, and a scripted `echo-agent` in a fake PTY. */
function world(options: { readonly trusted?: boolean } = {}) {
  const events = new RecordingEventBus();
  const agents = new InMemoryAgentStore();
  const skills = new InMemorySkillStore();
  const profiles = new InMemoryProfileStore([
    ...builtinProfiles({ SHELL: '/bin/sh' }),
    { ...builtinProfiles({ SHELL: '/bin/sh' }).find((p) => p.id === 'shell')!, id: 'echo', name: 'Echo', command: 'echo-agent' },
  ]);
  const layouts = new InMemoryLayoutStore();
  const clis = new FakeCommandRunner().define('claude --version', () => ({ exitCode: 0, output: '2.0.0 (Claude Code)\n' }));
  const fs = new InMemoryFileSystem();
  const pty = new FakePtyPort().define('echo-agent', (proc) => {
    proc.output('ready> ');
    proc.onInput((data) => proc.output(`echo: ${data}`));
  });
  const registry = new SessionRegistry({ mirrors: new PlainTextMirrorFactory(), events });
  const transcripts = new InMemoryTranscriptStore();
  const records = new InMemoryProcessRecordStore();
  const control = new FakeProcessControl();
  const orphanDeps = { records, control, hostPid: 1 };
  const launchAgent = new LaunchAgent({
    projectRoot: project.root,
    agents,
    profiles,
    skills,
    fs,
    pty,
    registry,
    events,
    clock: new FixedClock(),
    ids: new SequentialIds('s'),
    baseEnv: {},
  });
  const trust = new InMemoryProjectTrust();
  // These tests are about routing: the project is trusted unless a test says otherwise.
  if (options.trusted !== false) void trust.trust(project.root);
  const trustDeps = { projectRoot: project.root, trust, agents, profiles };
  const services: ProjectUseCases = {
    project,
    answerApproval: new AnswerApproval({ registry, approvals: new PendingApprovals(registry), tracker: { hookVerdict: () => undefined, cliOf: () => undefined } }),
    listAgents: new ListAgents({ agents }),
    getAgent: new GetAgent({ agents }),
    createAgent: new CreateAgent({ agents, profiles, events }),
    updateAgent: new UpdateAgent({ agents, profiles, events }),
    deleteAgent: new DeleteAgent({ agents, events }),
    importAgents: new ImportAgents({ agents, skills, source: new InMemoryClaudeImportSource(), events, trust: { projectRoot: project.root, trust } }),
    listSkills: new ListSkills({ skills }),
    getSkill: new GetSkill({ skills }),
    createSkill: new CreateSkill({ skills, events }),
    updateSkill: new UpdateSkill({ skills, events }),
    deleteSkill: new DeleteSkill({ skills, events }),
    getLayout: new GetLayout({ layouts }),
    saveLayout: new SaveLayout({ layouts, events }),
    launchAgent: new LaunchIfTrusted({ ...trustDeps, launch: launchAgent }),
    listSessions: new ListSessions({ registry }),
    writeToSession: new WriteToSession({ registry }),
    resizeSession: new ResizeSession({ registry }),
    killSession: new KillSession({ registry }),
    restartSession: new RestartSession({ registry, profiles, launch: launchAgent }),
    snapshotSession: new SnapshotSession({ registry }),
    // Enter follows the text in the next turns: these tests are about routing, not about waiting for an echo.
    sendToAgents: new SendToAgents({ registry, events, submit: new SubmitMessage({ registry, profiles, scheduler: new NodeScheduler(), timing: { settleMs: 0, silentMs: 0, maxMs: 0 } }) }),
    readTranscript: new ReadTranscript({ transcripts }),
    describeTrust: new DescribeProjectTrust(trustDeps),
    trustProject: new TrustProject(trustDeps),
    setRelaunchOnOpen: new SetRelaunchOnOpen(trustDeps),
  };
  let open: ProjectUseCases | undefined;
  const logged: string[] = [];
  const context: RouterContext = {
    openProject: async (path): Promise<Result<Project, DomainError>> => {
      if (path !== project.root) return err({ kind: 'project-not-found', path });
      open = services;
      return ok(project);
    },
    current: () => open,
    recentProjects: async () => [{ root: project.root, name: project.name, openedAt: 5 }],
    listProfiles: new ListProfiles({ profiles }),
    saveProfile: new SaveProfile({ profiles }),
    detectClis: new DetectInstalledClis({ profiles, runner: clis, clock: new FixedClock(), env: { PATH: '/usr/bin' }, home: '/home/u' }),
    findOrphans: new FindOrphans(orphanDeps),
    killOrphans: new KillOrphans(orphanDeps),
    log: (message) => logged.push(message),
  };
  const router = new Router(context);
  return { router, services, context, logged, pty, events, transcripts, records, control, registry, trust, layouts, profiles, openNow: () => (open = services) };
}

describe('Router', () => {
  it('has a handler for every contract method, and nothing else', () => {
    expect([...ROUTED_METHODS].sort()).toEqual([...METHOD_NAMES].sort());
  });

  it('answers no-project for project methods before a project is open', async () => {
    const { router } = world();
    // Profiles, orphans, resources and the meters' settings are the user's, across projects.
    const userScoped = ['project.', 'profiles.', 'orphans.', 'resources.', 'usage.settings.'];
    const projectScoped = METHOD_NAMES.filter((m) => !userScoped.some((prefix) => m.startsWith(prefix)));
    for (const method of projectScoped) {
      // Valid params for each, so the answer is about the missing project, not the payload.
      const params = validParams(method);
      const response = await router.handle(method, params);
      expect({ method, response }).toEqual({ method, response: { ok: false, error: { kind: 'no-project', message: describeError({ kind: 'no-project' }) } } });
    }
  });

  it('refuses a bad payload with invalid-params and never calls the use case', async () => {
    const { router, openNow } = world();
    openNow();
    for (const [method, params] of [
      ['agents.create', { name: 42 }],
      ['agents.get', {}],
      ['agents.list', { extra: true }],
      ['sessions.resize', { id: 'x', cols: 1, rows: 10 }],
      ['layout.save', { layout: { version: 2, root: null }, basedOn: 0 }],
      ['layout.save', { layout: { version: 1, root: null }, basedOn: -1 }],
      ['project.open', { path: '' }],
    ] as const) {
      const response = await router.handle(method, params);
      expect(response.ok).toBe(false);
      if (!response.ok) expect({ method, kind: response.error.kind }).toEqual({ method, kind: 'invalid-params' });
    }
    expect((await router.handle('agents.list', {})).ok).toBe(true);
    expect(await router.handle('agents.list', undefined)).toEqual({ ok: true, value: [] });
  });

  it('opens a project and reports it as current', async () => {
    const { router } = world();
    expect(await router.handle('project.current', {})).toEqual({ ok: true, value: null });
    expect(await router.handle('project.open', { path: project.root })).toEqual({ ok: true, value: { root: '/work/demo', name: 'demo' } });
    expect(await router.handle('project.current', {})).toEqual({ ok: true, value: { root: '/work/demo', name: 'demo' } });
    expect(await router.handle('project.recent', {})).toEqual({ ok: true, value: [{ root: '/work/demo', name: 'demo', openedAt: 5 }] });
  });

  it('keeps the error kind and adds a sentence for people', async () => {
    const { router, openNow } = world();
    openNow();
    expect(await router.handle('project.open', { path: '/nowhere' })).toEqual({
      ok: false,
      error: { kind: 'project-not-found', message: 'The folder "/nowhere" does not exist.' },
    });
    expect((await router.handle('agents.create', { name: 'Reviewer', profile: 'shell' })).ok).toBe(true);
    expect(await router.handle('agents.create', { name: 'Reviewer', profile: 'shell' })).toEqual({
      ok: false,
      error: { kind: 'agent-exists', message: 'An agent named "reviewer" already exists.' },
    });
    expect(await router.handle('agents.get', { slug: 'ghost' })).toEqual({ ok: false, error: { kind: 'agent-not-found', message: 'There is no agent "ghost".' } });
  });

  it('maps agents to the contract DTOs', async () => {
    const { router, openNow } = world();
    openNow();
    const created = await router.handle('agents.create', { name: 'Code Reviewer', profile: 'shell', persona: 'Be kind.', skills: ['testing'] });
    expect(created).toEqual({ ok: true, value: { slug: 'code-reviewer', name: 'Code Reviewer', profile: 'shell', skills: ['testing'], workspace: 'run-dir' } });
    const detail = await router.handle('agents.get', { slug: 'code-reviewer' });
    expect(detail).toMatchObject({ ok: true, value: { slug: 'code-reviewer', args: [], env: {}, persona: expect.stringContaining('Be kind.') } });
    if (detail.ok) expect(methods['agents.get'].result.safeParse(detail.value).success).toBe(true);
  });

  it('passes the restart policy of agents.create on to the persona file, and refuses an unknown one', async () => {
    const { router, openNow } = world();
    openNow();
    const created = await router.handle('agents.create', { name: 'Watcher', profile: 'shell', workspace: 'worktree', restart: 'on-failure' });
    expect(created).toMatchObject({ ok: true, value: { slug: 'watcher', workspace: 'worktree', restart: 'on-failure' } });
    expect(await router.handle('agents.get', { slug: 'watcher' })).toMatchObject({ ok: true, value: { source: expect.stringContaining('restart: on-failure') } });
    expect(await router.handle('agents.create', { name: 'Other', profile: 'shell', restart: 'always' })).toMatchObject({ ok: false, error: { kind: 'invalid-params' } });
  });

  it('launches an agent, writes to it, snapshots it, and tells the session’s input listeners (the stream) about the input', async () => {
    const { router, openNow, registry } = world();
    openNow();
    await router.handle('agents.create', { name: 'Echo', profile: 'echo' });
    const launched = await router.handle('agents.launch', { slug: 'echo', cols: 100, rows: 30 });
    expect(launched).toMatchObject({ ok: true, value: { agent: 'echo', agentName: 'Echo', cols: 100, rows: 30, missingSkills: [] } });
    if (!launched.ok) return;
    const id = (launched.value as { id: string }).id;
    await new Promise((r) => setTimeout(r, 5));
    const heard: string[] = [];
    registry.onInput(id, (data) => heard.push(data));
    expect(await router.handle('sessions.write', { id, data: 'hi' })).toEqual({ ok: true, value: {} });
    expect(heard).toEqual(['hi']);
    const snapshot = await router.handle('sessions.snapshot', { id });
    expect(snapshot).toMatchObject({ ok: true, value: { text: expect.stringContaining('echo: hi') } });
    expect(await router.handle('sessions.list', {})).toMatchObject({ ok: true, value: [{ id }] });
    expect(await router.handle('sessions.kill', { id: 'nope' })).toMatchObject({ ok: false, error: { kind: 'session-not-found' } });
  });

  it('turns a throwing use case into internal, logs it, and leaks nothing', async () => {
    const { router, services, openNow, logged } = world();
    openNow();
    (services.listAgents as { execute: () => Promise<never> }).execute = async () => {
      throw new Error('disk on fire at /secret/path');
    };
    const response = await router.handle('agents.list', {});
    expect(response).toEqual({ ok: false, error: { kind: 'internal', message: describeError({ kind: 'internal' }) } });
    expect(JSON.stringify(response)).not.toContain('/secret/path');
    expect(logged).toEqual(['router: agents.list threw']);
  });

  it('answers internal when a use case returns something outside the contract', async () => {
    const { router, services, openNow, logged } = world();
    openNow();
    (services.snapshotSession as { execute: () => Promise<unknown> }).execute = async () => ok({ text: 42 });
    expect(await router.handle('sessions.snapshot', { id: 'x' })).toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect(logged[0]).toContain('sessions.snapshot produced a result outside the contract');
  });

  it('lists profiles without an open project', async () => {
    const { router } = world();
    const response = await router.handle('profiles.list', {});
    expect(response.ok).toBe(true);
    if (response.ok) expect((response.value as Array<{ id: string }>).map((p) => p.id)).toContain('claude');
  });

  it("says which profiles' CLIs are installed, leaving out those it cannot tell", async () => {
    const { router } = world();
    expect(await router.handle('profiles.installed', {})).toEqual({
      ok: true,
      value: ['claude', 'codex', 'gemini', 'aider', 'opencode'].map((id) => ({ id, installed: id === 'claude' })),
    });
  });

  it('refuses a method name outside the contract', async () => {
    const { router } = world();
    expect(await router.handle('toString' as MethodName, {})).toMatchObject({ ok: false, error: { kind: 'unknown-method' } });
  });
});

describe('Router: hostile payloads and project trust', () => {
  it('answers a layout nested thousands of levels deep with invalid-params instead of throwing', async () => {
    const { router, openNow } = world();
    openNow();
    let node: unknown = { type: 'pane', id: 'leaf', content: { kind: 'empty' } };
    for (let i = 0; i < 3000; i++) node = { type: 'split', id: `s${i}`, direction: 'row', ratio: 0.5, first: node, second: { type: 'pane', id: `p${i}`, content: { kind: 'empty' } } };
    const response = await router.handle('layout.save', { layout: { version: 1, root: node }, basedOn: 0 });
    expect(response).toMatchObject({ ok: false, error: { kind: 'invalid-params', message: expect.stringContaining('nested deeper') } });
  });

  it('answers internal rather than throwing when a payload breaks the parser itself', async () => {
    const { router, openNow, logged } = world();
    openNow();
    const hostile = { get layout(): never { throw new Error('getter bomb'); } };
    expect(await router.handle('layout.save', hostile)).toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect(logged).toEqual(['router: layout.save threw']);
  });

  it('refuses agent and skill names that are not slugs anywhere in a payload', async () => {
    const { router, openNow } = world();
    openNow();
    const bad = [
      ['agents.get', { slug: '../../x' }],
      ['agents.launch', { slug: 'A B' }],
      ['skills.get', { name: '../etc', scope: 'project' }],
      ['sessions.transcript', { slug: '-x' }],
      ['layout.save', { layout: { version: 1, root: { type: 'pane', id: 'p', content: { kind: 'terminal', agent: '../../x' } } }, basedOn: 0 }],
      ['layout.save', { layout: { version: 1, root: { type: 'pane', id: 'p', content: { kind: 'editor', file: { kind: 'skill', name: 'a/b', scope: 'global' } } } }, basedOn: 0 }],
    ] as const;
    for (const [method, params] of bad) {
      expect({ method, response: await router.handle(method, params) }).toMatchObject({ method, response: { ok: false, error: { kind: 'invalid-params' } } });
    }
  });

  it('neither keeps relaunchOnOpen from a client in layout.json nor gives it back from an old file', async () => {
    const { router, openNow, layouts } = world();
    openNow();
    expect((await router.handle('layout.save', { layout: { version: 1, root: null, relaunchOnOpen: true }, basedOn: 0 })).ok).toBe(true);
    expect(JSON.parse(layouts.text ?? '{}')).not.toHaveProperty('relaunchOnOpen');
    layouts.text = JSON.stringify({ version: 1, root: null, relaunchOnOpen: true });
    const loaded = await router.handle('layout.get', {});
    expect(loaded.ok).toBe(true);
    if (loaded.ok) expect(loaded.value).not.toHaveProperty('relaunchOnOpen');
  });

  it('refuses to launch in an untrusted project with the command line, then launches once trusted', async () => {
    const { router, openNow, registry } = world({ trusted: false });
    openNow();
    await router.handle('agents.create', { name: 'Echo', profile: 'echo' });
    const refused = await router.handle('agents.launch', { slug: 'echo' });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'project-untrusted', message: expect.stringContaining('echo-agent') } });
    expect(registry.list()).toEqual([]);
    expect(await router.handle('project.trustInfo', {})).toMatchObject({ ok: true, value: { trusted: false, agents: [{ slug: 'echo', command: 'echo-agent' }] } });
    expect(await router.handle('project.trust', {})).toMatchObject({ ok: true, value: { trusted: true } });
    expect(await router.handle('agents.launch', { slug: 'echo' })).toMatchObject({ ok: true, value: { agent: 'echo' } });
  });

  it('keeps the relaunch-on-open choice through project.setRelaunchOnOpen', async () => {
    const { router, openNow } = world();
    openNow();
    expect(await router.handle('project.setRelaunchOnOpen', { enabled: true })).toMatchObject({ ok: true, value: { relaunchOnOpen: true } });
    expect(await router.handle('project.trustInfo', {})).toMatchObject({ ok: true, value: { relaunchOnOpen: true, trusted: true } });
  });

  it('lists the profile files that were skipped, with why', async () => {
    const { router, profiles } = world();
    (profiles as { broken: () => Promise<unknown> }).broken = async () => [{ source: '/cfg/tessera/profiles/bad.json', error: 'not JSON' }];
    expect(await router.handle('profiles.broken', {})).toEqual({ ok: true, value: [{ source: '/cfg/tessera/profiles/bad.json', error: 'not JSON' }] });
  });
});

describe('Router: status, send to agents, transcripts, orphans', () => {
  it('sends a message to idle agents at once and queues it for busy ones, naming the status it waits on', async () => {
    const { router, openNow, registry, pty } = world();
    openNow();
    await router.handle('agents.create', { name: 'Echo', profile: 'echo' });
    await router.handle('agents.create', { name: 'Other', profile: 'echo' });
    const a = await router.handle('agents.launch', { slug: 'echo' });
    const b = await router.handle('agents.launch', { slug: 'other' });
    if (!a.ok || !b.ok) throw new Error('launch failed');
    const idle = (a.value as { id: string }).id;
    const busy = (b.value as { id: string }).id;
    registry.setStatus(idle, 'idle');
    registry.setStatus(busy, 'busy');
    const response = await router.handle('sessions.send', { message: 'run the tests', to: 'all' });
    expect(response).toEqual({
      ok: true,
      value: [
        { id: idle, agent: 'echo', outcome: 'sent' },
        { id: busy, agent: 'other', outcome: 'queued', status: 'busy' },
      ],
    });
    expect(pty.handles[0]?.written).toEqual(['run the tests', '\r']);
    expect(await router.handle('sessions.send', { message: 'x', to: ['gone'] })).toEqual({
      ok: true,
      value: [{ id: 'gone', outcome: 'skipped', reason: 'session-not-found' }],
    });
  });

  it('refuses an empty message with its kind and a sentence', async () => {
    const { router, openNow } = world();
    openNow();
    expect(await router.handle('sessions.send', { message: '  ', to: 'all' })).toEqual({
      ok: false,
      error: { kind: 'message-empty', message: 'Type a message to send.' },
    });
  });

  it('reads an agent transcript and refuses a slug that is not one', async () => {
    const { router, openNow, transcripts } = world();
    openNow();
    transcripts.append('echo', 'line one\r\nline two');
    expect(await router.handle('sessions.transcript', { slug: 'echo' })).toEqual({ ok: true, value: { text: 'line one\r\nline two' } });
    expect(await router.handle('sessions.transcript', { slug: 'echo', maxBytes: 8 })).toEqual({ ok: true, value: { text: 'line two' } });
    const bad = await router.handle('sessions.transcript', { slug: '../etc' });
    expect(bad.ok).toBe(false);
  });

  it('lists the orphans of a crashed host without a project open, and kills only the ones asked for', async () => {
    const { router, records, control } = world();
    const first = control.start();
    const second = control.start();
    for (const proc of [first, second]) {
      await records.add({ pid: proc.pid, pgid: proc.pgid, agent: 'builder', project: '/p', startedAt: 7, hostPid: 4242, identity: control.identify(proc.pid)! });
    }
    expect(await router.handle('orphans.list', {})).toEqual({
      ok: true,
      value: [first, second].map((p) => ({ pid: p.pid, agent: 'builder', project: '/p', startedAt: 7 })),
    });
    expect(await router.handle('orphans.kill', { pids: [second.pid] })).toEqual({ ok: true, value: [{ pid: second.pid, agent: 'builder', project: '/p', startedAt: 7 }] });
    expect(control.killed).toEqual([second.pid]);
    expect(await router.handle('orphans.kill', { pids: 'all' })).toMatchObject({ ok: true, value: [{ pid: first.pid }] });
    expect(await router.handle('orphans.list', {})).toEqual({ ok: true, value: [] });
    expect((await router.handle('orphans.kill', { pids: [-1] })).ok).toBe(false);
  });

  it('reports an agent restart policy in agents.list', async () => {
    const { router, openNow, services } = world();
    openNow();
    await router.handle('agents.create', { name: 'Flaky', profile: 'echo' });
    const detail = await router.handle('agents.get', { slug: 'flaky' });
    if (!detail.ok) throw new Error('no agent');
    const source = (detail.value as { source: string }).source.replace('---\n', '---\nrestart: on-failure\n');
    expect((await services.updateAgent.execute({ slug: 'flaky', source })).ok).toBe(true);
    expect(await router.handle('agents.list', {})).toMatchObject({ ok: true, value: [{ slug: 'flaky', restart: 'on-failure' }] });
  });
});

describe('Router: review and land', () => {
  const change = { path: 'src/a.ts', status: 'modified' as const, added: 2, removed: 1, binary: false, version: 'abc123' };
  const leftOut = { tooLarge: [{ path: 'big.bin', bytes: 20_000_000 }], ignored: ['node_modules/'], nestedRepositories: [], truncated: false };

  /** Landing use cases that answer fixed values and record what they were asked. */
  function landing() {
    const asked: Array<[string, unknown]> = [];
    const answer = <T,>(name: string, value: T) => ({
      execute: async (input?: unknown) => {
        asked.push([name, input]);
        return ok(value);
      },
    });
    const services = {
      listTurns: answer('listTurns', [{ number: 1, startedAt: 10, endedAt: undefined, prompt: undefined, hasEvents: false, undone: 0 }]),
      turnChanges: answer('turnChanges', { turn: { number: 1, startedAt: 10, endedAt: 20, prompt: 'Fix it', hasEvents: true, undone: 0 }, files: [{ ...change, attribution: 'mixed' as const, alsoBy: ['bob'] }], leftOut, settled: true }),
      turnPatch: answer('turnPatch', { text: 'diff --git a/src/a.ts b/src/a.ts\n', truncated: false }),
      previewUndo: answer('previewUndo', { turn: 1, basis: 'f'.repeat(40), files: [], needsConfirmation: [{ path: 'src/a.ts', reason: 'mixed' as const }], skipped: [], changes: [change], patch: { text: '', truncated: false } }),
      undoTurn: answer('undoTurn', { turn: 1, written: ['src/a.ts'], removed: [], beforeUndo: undefined }),
      agentChanges: answer('agentChanges', { branch: 'tessera/a', baseBranch: 'main', baseTip: 'b', forkPoint: 'f', head: 'h', files: [change], uncommitted: [], leftOut }),
      agentPatch: answer('agentPatch', { text: '', truncated: true }),
      draftMessage: answer('draftMessage', { message: 'Fix it\n' }),
      checkLanding: answer('checkLanding', { branch: 'tessera/a', baseBranch: 'main', baseTip: 'b', strategy: 'merge' as const, toCommit: [], files: [change], conflicts: ['src/a.ts'], blockedBy: undefined, fastForward: false, leftOut: [], ready: false }),
      land: answer('land', { baseBranch: 'main', from: 'b', to: 't', strategy: 'merge' as const, committed: undefined }),
      commit: answer('commit', { commit: 'c', files: ['src/a.ts'] }),
      push: answer('push', { remote: 'origin', branch: 'tessera/a' }),
      pullRequest: answer('pullRequest', { kind: 'command' as const, command: ['gh', 'pr', 'create'], reason: 'gh-missing' as const }),
      previewDiscard: answer('previewDiscard', { branch: 'tessera/a', files: [change], token: 'h:t', tooLarge: [] }),
      discard: answer('discard', { discardedTo: 'refs/tessera/a/discarded/1', resetTo: 'f' }),
      previewRemoveWorktree: answer('previewRemoveWorktree', { slug: 'a', path: '/wt/a', branch: 'tessera/a', tip: 'f', uncommitted: ['x'], commits: [{ id: 'f', subject: 's' }] }),
      removeWorktree: answer('removeWorktree', { removed: '/wt/a', deletedBranch: 'tessera/a' }),
      overlaps: answer('overlaps', { agents: [{ slug: 'a', files: ['x'] }, { slug: 'b', files: ['x'] }], overlaps: [{ agents: ['a', 'b'] as const, files: ['x'] }] }),
    };
    return { asked, services };
  }

  it('answers landing-unavailable where review and land is not wired', async () => {
    const { router, openNow } = world();
    openNow();
    expect(await router.handle('turns.list', { slug: 'a' })).toEqual({ ok: false, error: { kind: 'landing-unavailable', message: describeError({ kind: 'landing-unavailable' }) } });
  });

  it('passes only the fields given, and shapes answers to the contract without git internals', async () => {
    const { router, openNow, services } = world();
    const l = landing();
    (services as { landing?: unknown }).landing = l.services;
    openNow();
    expect(await router.handle('turns.list', { slug: 'a' })).toEqual({ ok: true, value: [{ number: 1, startedAt: 10, hasEvents: false, undone: 0 }] });
    const changes = await router.handle('turns.changes', { slug: 'a', turn: 1 });
    expect(changes).toMatchObject({ ok: true, value: { files: [{ path: 'src/a.ts', attribution: 'mixed', alsoBy: ['bob'] }], settled: true } });
    expect(JSON.stringify(changes)).not.toContain('abc123');
    expect(await router.handle('turns.undo', { slug: 'a', turn: 1 })).toEqual({ ok: true, value: { turn: 1, written: ['src/a.ts'], removed: [] } });
    expect(await router.handle('branch.land', { slug: 'a', strategy: 'merge' })).toEqual({ ok: true, value: { baseBranch: 'main', from: 'b', to: 't', strategy: 'merge' } });
    expect(await router.handle('branch.pullRequest', { slug: 'a', title: 'Fix' })).toEqual({ ok: true, value: { kind: 'command', command: ['gh', 'pr', 'create'], reason: 'gh-missing' } });
    expect(await router.handle('agents.overlaps', { slugs: ['a', 'b'] })).toMatchObject({ ok: true, value: { overlaps: [{ agents: ['a', 'b'], files: ['x'] }] } });
    expect(l.asked).toEqual([
      ['listTurns', { slug: 'a' }],
      ['turnChanges', { slug: 'a', turn: 1 }],
      ['undoTurn', { slug: 'a', turn: 1, confirm: false }],
      ['land', { slug: 'a', strategy: 'merge' }],
      ['pullRequest', { slug: 'a', title: 'Fix' }],
      ['overlaps', { slugs: ['a', 'b'] }],
    ]);
  });

  it('refuses a remote that could be an option, a path with a NUL, a discard without confirm and a single agent for overlaps', async () => {
    const { router, openNow, services } = world();
    const l = landing();
    (services as { landing?: unknown }).landing = l.services;
    openNow();
    for (const [method, params] of [
      ['branch.push', { slug: 'a', which: 'agent', remote: '--upload-pack=evil' }],
      ['branch.push', { slug: 'a', which: 'agent', remote: 'https://example.com/repo.git' }],
      ['turns.patch', { slug: 'a', turn: 1, path: 'a\0b' }],
      ['turns.undo', { slug: 'a', turn: 0 }],
      ['turns.undo', { slug: 'a', turn: 1, basis: '$(rm -rf /)' }],
      ['branch.discard', { slug: 'a', confirm: false, token: 't' }],
      ['agents.overlaps', { slugs: ['a'] }],
      ['branch.land', { slug: 'a', strategy: 'squash' }],
    ] as const) {
      expect({ method, response: await router.handle(method, params) }).toMatchObject({ method, response: { ok: false, error: { kind: 'invalid-params' } } });
    }
    expect(l.asked).toEqual([]);
  });
});

function validParams(method: MethodName): unknown {
  const samples: Partial<Record<MethodName, unknown>> = {
    'agents.get': { slug: 'a' },
    'agents.create': { name: 'A' },
    'agents.update': { slug: 'a', source: '' },
    'agents.delete': { slug: 'a' },
    'skills.get': { name: 'a', scope: 'project' },
    'skills.create': { name: 'a' },
    'skills.update': { name: 'a', scope: 'project', source: '' },
    'skills.delete': { name: 'a', scope: 'project' },
    'agents.launch': { slug: 'a' },
    'sessions.write': { id: 'a', data: '' },
    'sessions.resize': { id: 'a', cols: 80, rows: 24 },
    'sessions.kill': { id: 'a' },
    'sessions.restart': { id: 'a' },
    'sessions.snapshot': { id: 'a' },
    'sessions.answerApproval': { id: 'a', approval: 'r', decision: 'approve' },
    'agentMessaging.set': { setting: 'ask' },
    'agentMessaging.answer': { id: 'r', allow: true },
    'layout.save': { layout: { version: 1, root: null }, basedOn: 0 },
    'sessions.send': { message: 'hi', to: 'all' },
    'sessions.transcript': { slug: 'a' },
    'turns.list': { slug: 'a' },
    'turns.changes': { slug: 'a', turn: 1 },
    'turns.patch': { slug: 'a', turn: 1 },
    'turns.previewUndo': { slug: 'a', turn: 1 },
    'turns.undo': { slug: 'a', turn: 1 },
    'branch.changes': { slug: 'a' },
    'branch.patch': { slug: 'a' },
    'branch.draftMessage': { slug: 'a' },
    'branch.checkLanding': { slug: 'a', strategy: 'merge' },
    'branch.land': { slug: 'a', strategy: 'merge' },
    'branch.commit': { slug: 'a', message: 'm' },
    'branch.push': { slug: 'a', which: 'agent' },
    'branch.pullRequest': { slug: 'a', title: 't' },
    'branch.previewDiscard': { slug: 'a' },
    'branch.discard': { slug: 'a', confirm: true, token: 't' },
    'branch.previewRemoveWorktree': { slug: 'a' },
    'branch.removeWorktree': { slug: 'a' },
    'agents.overlaps': { slugs: ['a', 'b'] },
  };
  return samples[method] ?? {};
}
