import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually } from '../adapters/contracts/eventually';
import { InMemoryAgentStore } from '../adapters/memory/in-memory-agent-store';
import { InMemorySkillStore } from '../adapters/memory/in-memory-skill-store';
import type { Disposable } from '../domain/ports/disposable';
import type { ProfileStore } from '../domain/ports/profile-store.port';
import type { Profile } from '../domain/profile';
import { ok } from '../domain/result';
import type { TerminalSize } from '../domain/session';
import type { ServerSessionDto } from '../contract/session-protocol';
import type { CliIo } from './cli-io';
import { InMemoryEventBus } from '../adapters/events/in-memory-event-bus';
import { wireProcess, wireProjectSessions } from '../server/composition-root';
import { projectSessionsOpener, runCommand, type RunTerminal } from './run-command';

const FAKE_AGENT = resolve(__dirname, '..', 'e2e', 'fixtures', 'fake-agent');
const roots: string[] = [];
afterAll(() => roots.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A terminal the test types into and reads from. */
class ScriptedTerminal implements RunTerminal {
  constructor(readonly isTTY = true) {}
  output = '';
  readonly rawModes: boolean[] = [];
  current: TerminalSize = { cols: 120, rows: 40 };
  private input: ((data: string) => void) | undefined;
  private resized: (() => void) | undefined;
  size() {
    return this.current;
  }
  setRawMode(raw: boolean) {
    this.rawModes.push(raw);
  }
  onInput(listener: (data: string) => void): Disposable {
    this.input = listener;
    return { dispose: () => (this.input = undefined) };
  }
  onResize(listener: () => void): Disposable {
    this.resized = listener;
    return { dispose: () => (this.resized = undefined) };
  }
  write(data: string) {
    this.output += data;
  }
  type(data: string) {
    this.input?.(data);
  }
  resize(size: TerminalSize) {
    this.current = size;
    this.resized?.();
  }
}

async function project(profileArgs: string[]) {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'tessera-run-')));
  roots.push(root);
  const agents = new InMemoryAgentStore();
  await agents.save({ slug: 'helper', name: 'Helper', profile: 'fake', skills: ['missing-one'], workspace: 'run-dir', args: [], env: {}, persona: 'RUN-PERSONA' });
  const profile: Profile = {
    id: 'fake', name: 'Fake', command: FAKE_AGENT, args: profileArgs, env: {}, inject: { kind: 'convention-file', target: 'AGENTS.md' },
    status: { needsInput: [], busy: [] }, builtin: false,
  };
  const profiles: ProfileStore = { list: async () => [profile], get: async (id) => (id === 'fake' ? profile : undefined), broken: async () => [], save: async () => ok(undefined) };
  return { root, stores: { agents, skills: new InMemorySkillStore(), profiles } };
}

/** The real session wiring of the composition root, over the test's in-memory stores. */
function sessionsOver(stores: Awaited<ReturnType<typeof project>>['stores']) {
  return async (root: string) => {
    const proc = wireProcess({ configDir: join(root, '.config'), env: { PATH: process.env.PATH, HOME: root } });
    return ok(wireProjectSessions(proc, { root, events: new InMemoryEventBus(), stores }));
  };
}

/** No session server runs the agent. */
const nothingInServer = async (): Promise<undefined> => undefined;

function io(cwd: string, stopSignal?: () => Promise<string>): CliIo & { err: () => string } {
  let err = '';
  return { stdout: { write: () => true }, stderr: { write: (t: string) => (err += t) }, env: { PATH: process.env.PATH, HOME: dirname(cwd) }, cwd, stopSignal, err: () => err };
}

describe('tessera run', () => {
  it('refuses to start without a terminal to draw the agent in, and says what scripts use instead', async () => {
    const { root, stores } = await project([]);
    let opened = 0;
    const cli = io('/', undefined);
    const code = await runCommand(['helper', '--project', root], { io: cli, terminal: new ScriptedTerminal(false), openProject: async (dir) => (opened++, sessionsOver(stores)(dir)), runningInServer: nothingInServer });
    expect(code).toBe(2);
    expect(opened).toBe(0);
    expect(cli.err()).toBe('tessera run: standard input is not a terminal, and the agent needs one to draw in; from a script, use `tessera launch helper`, then `tessera send`, `tessera read` and `tessera wait`\n');
  });

  it('runs the agent on this terminal with its context, forwards typing and exits with its code', async () => {
    const { root, stores } = await project(['--exit-code', '3']);
    const terminal = new ScriptedTerminal();
    const cli = io('/', undefined);
    const done = runCommand(['helper', '--project', root], { io: cli, terminal, openProject: sessionsOver(stores), runningInServer: nothingInServer });
    await eventually(() => terminal.output.includes('fake-agent>'), 'the prompt');
    expect(terminal.output).toContain('== context (AGENTS.md) ==');
    expect(terminal.output).toContain('RUN-PERSONA');
    terminal.type('hi from the terminal\r');
    await eventually(() => terminal.output.includes('echo: hi from the terminal'), 'the echo');
    terminal.type('exit\r');
    expect(await done).toBe(3);
    expect(terminal.rawModes).toEqual([true, false]);
    expect(cli.err()).toContain('missing-one');
  });

  it('starts the agent at the terminal size and follows a window resize', async () => {
    const { root, stores } = await project([]);
    const terminal = new ScriptedTerminal();
    terminal.current = { cols: 91, rows: 33 };
    const done = runCommand(['helper'], { io: io(root), terminal, openProject: sessionsOver(stores), runningInServer: nothingInServer });
    await eventually(() => terminal.output.includes('fake-agent>'), 'the prompt');
    expect(terminal.output).toContain('size=91x33');
    terminal.resize({ cols: 70, rows: 20 });
    await eventually(() => terminal.output.includes('resized=70x20'), 'the agent to see the new size');
    terminal.type('exit\r');
    expect(await done).toBe(0);
  });

  it('kills the agent when tessera itself is asked to stop', async () => {
    const { root, stores } = await project([]);
    const terminal = new ScriptedTerminal();
    let stop: (signal: string) => void = () => undefined;
    const stopSignal = () => new Promise<string>((resolveStop) => (stop = resolveStop));
    const done = runCommand(['helper'], { io: io(root, stopSignal), terminal, openProject: sessionsOver(stores), runningInServer: nothingInServer });
    await eventually(() => terminal.output.includes('fake-agent>'), 'the prompt');
    stop('SIGTERM');
    expect(await done).not.toBe(0);
  });

  it('refuses bad arguments and unknown agents with exit code 2 and one line on stderr', async () => {
    const { root, stores } = await project([]);
    const deps = { terminal: new ScriptedTerminal(), openProject: sessionsOver(stores), runningInServer: nothingInServer };
    const none = io(root);
    expect(await runCommand([], { ...deps, io: none })).toBe(2);
    expect(none.err()).toContain('usage: tessera run SLUG');
    expect(await runCommand(['helper', '--bogus'], { ...deps, io: io(root) })).toBe(2);
    expect(await runCommand(['helper', '--project', join(root, 'nope')], { ...deps, io: io(root) })).toBe(2);
    const unknown = io(root);
    expect(await runCommand(['nobody'], { ...deps, io: unknown })).toBe(2);
    expect(unknown.err()).toMatch(/nobody/);
  });

  it('runs an agent from the persona file and user profile on disk', async () => {
    const root = realpathSync(mkdtempSync(join(tmpdir(), 'tessera-run-disk-')));
    roots.push(root);
    const configDir = join(root, 'config');
    mkdirSync(join(root, '.tessera', 'agents'), { recursive: true });
    mkdirSync(join(configDir, 'tessera', 'profiles'), { recursive: true });
    writeFileSync(join(root, '.tessera', 'agents', 'disk.md'), '---\nname: Disk\nprofile: fake\n---\nDISK-PERSONA\n');
    const profile = { id: 'fake', name: 'Fake', command: FAKE_AGENT, args: [], env: {}, inject: { kind: 'args', args: ['--read', '{contextPath}'] }, status: { needsInput: [], busy: [] } };
    writeFileSync(join(configDir, 'tessera', 'profiles', 'fake.json'), JSON.stringify(profile));
    const cli = io(root);
    const terminal = new ScriptedTerminal();
    const done = runCommand(['disk'], { io: cli, terminal, openProject: projectSessionsOpener({ configDir, env: cli.env }), runningInServer: nothingInServer });
    await eventually(() => terminal.output.includes('fake-agent>') || cli.err().length > 0, 'the prompt or an error');
    expect(cli.err()).toBe('');
    expect(terminal.output).toContain('DISK-PERSONA');
    terminal.type('exit\r');
    expect(await done).toBe(0);
    expect(readFileSync(join(root, '.tessera', 'logs', 'disk.log'), 'utf8')).toContain('DISK-PERSONA');
  });

  it('refuses to start a second session of an agent the session server runs, naming it and the commands that reach it', async () => {
    const { root, stores } = await project([]);
    let opened = 0;
    const cli = io(root);
    const asked: Array<[string, string]> = [];
    const running: ServerSessionDto = {
      id: 's1', agent: 'helper', agentName: 'Helper', profile: 'fake', pid: 4242, cwd: root, status: 'busy', startedAt: 1, cols: 80, rows: 24, missingSkills: [], project: { name: 'shop', root },
    };
    const code = await runCommand(['helper', '--project', root], {
      io: cli,
      terminal: new ScriptedTerminal(),
      openProject: async (dir) => (opened++, sessionsOver(stores)(dir)),
      runningInServer: async (dir, slug) => (asked.push([dir, slug]), running),
    });
    expect(code).toBe(1);
    expect(opened).toBe(0);
    expect(asked).toEqual([[root, 'helper']]);
    expect(cli.err()).toBe(
      `tessera run: helper already runs in the Tessera server (project shop, pid 4242); use \`tessera attach helper --project ${root}\` to work with it here, or \`tessera read helper --project ${root}\` to see its screen\n`,
    );
  });
});
