import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../adapters/contracts/eventually';
import { InMemoryEventBus } from '../adapters/events/in-memory-event-bus';
import { InMemoryAgentStore } from '../adapters/memory/in-memory-agent-store';
import { InMemorySkillStore } from '../adapters/memory/in-memory-skill-store';
import { XtermHeadlessMirrorFactory } from '../adapters/mirror/xterm-headless-mirror';
import { NodeFileSystem } from '../adapters/node-fs/node-file-system';
import { NodePtyAdapter } from '../adapters/pty/node-pty-adapter';
import { RandomIdGenerator } from '../adapters/system/random-id-generator';
import { SystemClock } from '../adapters/system/system-clock';
import type { WorkspaceMode } from '../domain/agent';
import type { ProfileStore } from '../domain/ports/profile-store.port';
import type { Injection, Profile } from '../domain/profile';
import { ok } from '../domain/result';
import { KillSession } from './kill-session';
import { LaunchAgent } from './launch-agent';
import { SessionRegistry } from './session-registry';
import { WriteToSession } from './write-to-session';

// Real node-pty, real files, the real mirror and the fake agent CLI: the whole launch path.
const FAKE_AGENT = resolve(__dirname, '..', 'e2e', 'fixtures', 'fake-agent');
const roots: string[] = [];
const registries: SessionRegistry[] = [];
afterEach(() => registries.splice(0).forEach((r) => r.killAll()));
afterAll(() => roots.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

async function launchFake(inject: Injection, workspace: WorkspaceMode, profileArgs: string[] = []) {
  // realpath: the agent reports process.cwd(), which resolves symlinks such as macOS's /var.
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'tessera-launch-')));
  roots.push(root);
  const agents = new InMemoryAgentStore();
  await agents.save({ slug: 'reviewer', name: 'Reviewer', profile: 'fake', skills: ['testing'], workspace, args: [], env: {}, persona: 'PERSONA-MARKER: review every change.' });
  const skills = new InMemorySkillStore();
  await skills.save({ name: 'testing', description: 'Tests first', scope: 'project', body: 'SKILL-MARKER: write a failing test.' });
  const profile: Profile = { id: 'fake', name: 'Fake', command: FAKE_AGENT, args: profileArgs, env: {}, inject, status: { needsInput: [], busy: [] }, builtin: false };
  const profiles: ProfileStore = { list: async () => [profile], get: async (id) => (id === 'fake' ? profile : undefined), broken: async () => [], save: async () => ok(undefined) };
  const events = new InMemoryEventBus();
  const registry = new SessionRegistry({ mirrors: new XtermHeadlessMirrorFactory(), events });
  registries.push(registry);
  const launch = new LaunchAgent({
    projectRoot: root, agents, profiles, skills, fs: new NodeFileSystem(), pty: new NodePtyAdapter({ killGraceMs: 500 }), registry, events,
    clock: new SystemClock(), ids: new RandomIdGenerator(),
    baseEnv: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: root, TERM: 'xterm-256color' },
  });
  const result = await launch.execute({ slug: 'reviewer', size: { cols: 200, rows: 60 } });
  if (!result.ok) throw new Error(`launch failed: ${JSON.stringify(result.error)}`);
  const session = result.value;
  const screen = async () => (await registry.screenText(session.id)) ?? '';
  const waitFor = (text: string) => eventually(async () => (await screen()).includes(text), `"${text}" on the screen`);
  return { root, registry, session, screen, waitFor };
}

function sessionProcesses(leader: number): string[] {
  return execFileSync('ps', ['-A', '-o', 'pid=,sess=,stat='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, sess, stat]) => sess === String(leader) && !stat?.startsWith('Z'))
    .map(([pid]) => pid ?? '');
}

describe('launching the fake agent for real', () => {
  it('hands the context through a convention file in the run directory', async () => {
    const run = await launchFake({ kind: 'convention-file', target: 'CLAUDE.md' }, 'run-dir');
    await run.waitFor('== end of context ==');
    const text = await run.screen();
    expect(text).toContain('== context (CLAUDE.md) ==');
    expect(text).toContain('PERSONA-MARKER');
    expect(text).toContain('SKILL-MARKER');
    expect(text).toContain(`cwd=${join(run.root, '.tessera', 'run', 'reviewer')}`);
    expect(text).toContain('TESSERA_AGENT=reviewer');
    expect(readFileSync(join(run.root, '.tessera', 'run', 'reviewer', 'CLAUDE.md'), 'utf8')).toContain(`Project root: ${run.root}`);
  });

  it('hands the context file path through args in the run directory', async () => {
    const run = await launchFake({ kind: 'args', args: ['--read', '{contextPath}'] }, 'run-dir');
    await run.waitFor('== end of context ==');
    expect(await run.screen()).toContain(`== context (--read ${join(run.root, '.tessera', 'run', 'reviewer', 'context.md')}) ==`);
    expect(await run.screen()).toContain('PERSONA-MARKER');
  });

  it('hands the context text inline through args in project mode, working in the project root', async () => {
    const run = await launchFake({ kind: 'args', args: ['--append-system-prompt', '{context}'] }, 'project');
    await run.waitFor('== end of context ==');
    const text = await run.screen();
    expect(text).toContain('== context (--append-system-prompt) ==');
    expect(text).toContain('SKILL-MARKER');
    expect(text).toContain(`cwd=${run.root}\n`);
  });

  it('hands the context through an environment variable in project mode', async () => {
    const run = await launchFake({ kind: 'env', var: 'FAKE_CTX', value: '{contextPath}' }, 'project', ['--context-env', 'FAKE_CTX']);
    await run.waitFor('== end of context ==');
    expect(await run.screen()).toContain('== context (env FAKE_CTX) ==');
    expect(await run.screen()).toContain('PERSONA-MARKER');
  });

  it('types the context on stdin, where the agent reads it as input lines', async () => {
    const run = await launchFake({ kind: 'stdin' }, 'project');
    // The skill comes after the persona in the context, so its echo is the later of the two to arrive.
    await run.waitFor('echo: SKILL-MARKER: write a failing test.');
    expect(await run.screen()).toContain('echo: PERSONA-MARKER: review every change.');
  });

  it('echoes a typed line, and leaves no process behind once killed', async () => {
    const run = await launchFake({ kind: 'convention-file', target: 'AGENTS.md' }, 'run-dir');
    await run.waitFor('fake-agent>');
    const write = new WriteToSession({ registry: run.registry });
    expect((await write.execute({ id: run.session.id, data: 'hello there\r' })).ok).toBe(true);
    await run.waitFor('echo: hello there');
    expect(sessionProcesses(run.session.pid).length).toBeGreaterThan(0);
    await new KillSession({ registry: run.registry }).execute({ id: run.session.id });
    await eventually(() => run.registry.get(run.session.id)?.status === 'exited', 'the session to end');
    await eventually(() => sessionProcesses(run.session.pid).length === 0, 'no process left in the session');
  });
});
