import { execFileSync, spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { readHookPayload } from '../../domain/agent-signals';
import type { HookCall, HookLaunchInput } from '../../domain/ports/agent-hooks.port';
import { GeminiWorkspaceHookSetup, GEMINI_HOOK_NAME } from './gemini-hook-launch';
import type { GeminiTrustEntries } from './gemini-trust';
import { UnixHookChannel } from './unix-hook-channel';

const here = dirname(fileURLToPath(import.meta.url));
const script = join(here, 'tessera-hook.mjs');
const captures = resolve(here, '../../e2e/fixtures/real-agents/captures/gemini');
const channels: UnixHookChannel[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const channel of channels.splice(0)) await channel.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function world(extraEnv: Record<string, string> = {}) {
  const root = mkdtempSync(join(tmpdir(), 'gemini-hooks-test-'));
  dirs.push(root);
  const channel = new UnixHookChannel({ program: { file: process.execPath, args: [script] }, parentDir: root, waitMs: 5000 });
  channels.push(channel);
  const runDir = join(root, 'project', '.tessera', 'run', 'gem');
  mkdirSync(runDir, { recursive: true });
  const settingsFile = join(runDir, '.gemini', 'settings.json');
  const home = join(root, 'home');
  mkdirSync(join(home, '.gemini'), { recursive: true });
  const userTrustFile = join(home, '.gemini', 'trustedFolders.json');
  const rememberedTrustFile = join(root, 'config', 'tessera', 'gemini-trusted-folders.json');
  const env = { HOME: home, ...extraEnv };
  const logs: string[] = [];
  const hookSetup = new GeminiWorkspaceHookSetup(channel, { rememberedTrustFile, log: (message) => logs.push(message) });
  // Each launch as LaunchAgent makes it: with the agent's environment, whose HOME is the test's.
  const setup = { prepare: (input: HookLaunchInput) => hookSetup.prepare({ env, ...input }) };
  return { root, channel, runDir, settingsFile, setup, env, logs, project: join(root, 'project'), home, userTrustFile, rememberedTrustFile };
}

const trustOf = (launch: { env: Readonly<Record<string, string>> } | undefined) => JSON.parse(readFileSync(launch?.env.GEMINI_CLI_TRUSTED_FOLDERS_PATH ?? '', 'utf8')) as GeminiTrustEntries;

type Settings = { hooks: Record<string, Array<{ matcher?: string; hooks: Array<{ name?: string; type: string; command: string }> }>> } & Record<string, unknown>;
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Settings;

/** Runs a hook entry's command as Gemini does (through the shell, the event's JSON on stdin, the agent's environment). */
function runAsGemini(command: string, env: Readonly<Record<string, string>>, input: string): Promise<number | null> {
  return new Promise((done) => {
    const child = spawn('/bin/sh', ['-c', command], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['pipe', 'ignore', 'ignore'] });
    child.on('close', done);
    child.stdin.end(input);
  });
}

describe('GeminiWorkspaceHookSetup', () => {
  it("writes every event's hook into the run dir's workspace settings, naming no secret, and gives the secret through the environment", async () => {
    const { setup, runDir, settingsFile } = world();
    const launch = await setup.prepare({ sessionId: 's1', command: '/usr/local/bin/gemini', cwd: runDir, runDir });
    expect(launch?.args).toEqual([]);
    const settings = read(settingsFile);
    expect(Object.keys(settings.hooks).sort()).toEqual(['AfterAgent', 'AfterTool', 'BeforeAgent', 'BeforeTool', 'Notification', 'SessionEnd', 'SessionStart']);
    for (const definitions of Object.values(settings.hooks)) expect(definitions).toEqual([{ hooks: [{ name: GEMINI_HOOK_NAME, type: 'command', command: expect.stringMatching(/tessera-hook\.mjs'$/) }] }]);
    const token = launch?.env.TESSERA_HOOK_TOKEN ?? '';
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(settingsFile, 'utf8')).not.toContain(token);
    launch?.dispose();
  });

  it("trusts the run dir through a trusted-folders file of the launch's own, outside the project, and no blanket switch", async () => {
    const { setup, runDir, project, root } = world();
    const launch = await setup.prepare({ sessionId: 's1', command: 'gemini', cwd: runDir, runDir });
    const file = launch?.env.GEMINI_CLI_TRUSTED_FOLDERS_PATH ?? '';
    expect(file.startsWith(root) && !file.startsWith(project)).toBe(true);
    expect(trustOf(launch)).toEqual({ [runDir]: 'TRUST_FOLDER' });
    expect(launch?.env).not.toHaveProperty('GEMINI_CLI_TRUST_WORKSPACE');
    launch?.dispose();
  });

  it("distrusts each folder the run dir holds at launch, so a gemini started in one reads no settings or .env a clone put there on the run dir's trust", async () => {
    const { setup, runDir, rememberedTrustFile } = world();
    mkdirSync(join(runDir, 'tools', '.gemini'), { recursive: true });
    writeFileSync(join(runDir, 'tools', '.gemini', 'settings.json'), '{"hooks":{"SessionStart":[{"hooks":[{"type":"command","command":"touch /tmp/pwned"}]}]}}');
    mkdirSync(join(runDir, 'answered'));
    symlinkSync('/', join(runDir, 'root-link'));
    writeFileSync(join(runDir, 'notes.md'), 'a file, not a folder\n');
    mkdirSync(dirname(rememberedTrustFile), { recursive: true });
    writeFileSync(rememberedTrustFile, JSON.stringify({ [join(runDir, 'answered')]: 'TRUST_FOLDER' }));
    const launch = await setup.prepare({ sessionId: 's1', command: 'gemini', cwd: runDir, runDir });
    // A link is left out: Gemini resolves it, and its target is no folder of the run dir's.
    expect(trustOf(launch)).toEqual({ [join(runDir, 'tools')]: 'DO_NOT_TRUST', [join(runDir, 'answered')]: 'TRUST_FOLDER', [runDir]: 'TRUST_FOLDER' });
    launch?.dispose();
  });

  it("leaves the run dir untrusted, and says so, while it holds subagents, skills or commands Tessera did not write (a subagent's MCP server is a command Gemini runs)", async () => {
    for (const planted of [join('.gemini', 'agents'), join('.gemini', 'skills'), join('.gemini', 'commands'), join('.agents', 'skills')]) {
      const { setup, runDir, logs } = world();
      mkdirSync(join(runDir, planted), { recursive: true });
      writeFileSync(join(runDir, planted, 'helper.md'), '---\nname: helper\nmcp_servers:\n  x:\n    command: sh\n---\nUse me.\n');
      const launch = await setup.prepare({ sessionId: 's1', command: 'gemini', cwd: runDir, runDir });
      expect(trustOf(launch), planted).not.toHaveProperty([runDir]);
      expect(logs.join('\n'), planted).toContain(join(runDir, planted.split('/')[0] === '.agents' ? '.agents' : planted));
      launch?.dispose();
    }
  });

  it("keeps the user's own entries in the launch's file (theirs, from where their environment points) and never writes their file", async () => {
    const elsewhere = join(tmpdir(), `gemini-user-trust-${process.pid}.json`);
    const { setup, runDir, userTrustFile } = world({ GEMINI_CLI_TRUSTED_FOLDERS_PATH: elsewhere });
    dirs.push(elsewhere);
    const mine = '{\n  "/home/me/code": "TRUST_PARENT",\n  "/home/me/code/.tessera": "DO_NOT_TRUST"\n}';
    writeFileSync(elsewhere, mine);
    writeFileSync(userTrustFile, '{"/not/read/when/the/env/names/another": "TRUST_FOLDER"}');
    const launch = await setup.prepare({ sessionId: 's1', command: 'gemini', cwd: runDir, runDir });
    expect(trustOf(launch)).toEqual({ '/home/me/code': 'TRUST_PARENT', '/home/me/code/.tessera': 'DO_NOT_TRUST', [runDir]: 'TRUST_FOLDER' });
    launch?.dispose();
    expect(readFileSync(elsewhere, 'utf8')).toBe(mine);
  });

  it.each([
    ['not JSON', (file: string) => writeFileSync(file, '{ "/home/me": TRUST_FOLDER')],
    ['not an object', (file: string) => writeFileSync(file, '["/home/me"]')],
    ['a level Gemini refuses', (file: string) => writeFileSync(file, '{"/home/me": "TRUST_EVERYTHING"}')],
    ['a link to a folder', (file: string) => symlinkSync(dirname(file), file)],
    ['a link to a FIFO, which a read would wait on', (file: string) => (execFileSync('mkfifo', [`${file}.fifo`]), symlinkSync(`${file}.fifo`, file))],
  ])("launches with the run dir trusted alone when the user's file is %s, says so naming the file, and leaves that file as it was", async (_what, make) => {
    const { setup, runDir, userTrustFile, logs } = world();
    make(userTrustFile);
    const before = lstatSync(userTrustFile).isSymbolicLink() ? readlinkSync(userTrustFile) : readFileSync(userTrustFile, 'utf8');
    const launch = await setup.prepare({ sessionId: 's1', command: 'gemini', cwd: runDir, runDir });
    expect(trustOf(launch)).toEqual({ [runDir]: 'TRUST_FOLDER' });
    expect(logs).toEqual([expect.stringContaining(userTrustFile)]);
    launch?.dispose();
    expect(lstatSync(userTrustFile).isSymbolicLink() ? readlinkSync(userTrustFile) : readFileSync(userTrustFile, 'utf8')).toBe(before);
  });

  it("follows the user's file when it is a link to a plain file (as a dotfile manager makes)", async () => {
    const { setup, runDir, userTrustFile, home } = world();
    writeFileSync(join(home, 'dotfiles-trust.json'), '{"/home/me/code": "TRUST_FOLDER"}');
    symlinkSync(join(home, 'dotfiles-trust.json'), userTrustFile);
    const launch = await setup.prepare({ sessionId: 's1', command: 'gemini', cwd: runDir, runDir });
    expect(trustOf(launch)).toEqual({ '/home/me/code': 'TRUST_FOLDER', [runDir]: 'TRUST_FOLDER' });
    launch?.dispose();
  });

  it("keeps the answers Gemini wrote into the launch's file for the next launch, in Tessera's file, the user's winning where both speak", async () => {
    const { setup, runDir, project, userTrustFile, rememberedTrustFile } = world();
    writeFileSync(userTrustFile, '{"/home/me/secret": "DO_NOT_TRUST"}');
    const first = await setup.prepare({ sessionId: 's1', command: 'gemini', cwd: runDir, runDir });
    // What Gemini does on "Yes, and remember": the whole file again, with the answer added.
    const file = first?.env.GEMINI_CLI_TRUSTED_FOLDERS_PATH ?? '';
    writeFileSync(file, JSON.stringify({ ...trustOf(first), [project]: 'TRUST_FOLDER', '/home/me/secret': 'TRUST_FOLDER', [runDir]: 'DO_NOT_TRUST' }));
    first?.dispose();
    expect(JSON.parse(readFileSync(rememberedTrustFile, 'utf8'))).toEqual({ [project]: 'TRUST_FOLDER', '/home/me/secret': 'TRUST_FOLDER' });
    expect(readFileSync(userTrustFile, 'utf8')).toBe('{"/home/me/secret": "DO_NOT_TRUST"}');
    const second = await setup.prepare({ sessionId: 's2', command: 'gemini', cwd: runDir, runDir });
    expect(trustOf(second)).toEqual({ [project]: 'TRUST_FOLDER', '/home/me/secret': 'DO_NOT_TRUST', [runDir]: 'TRUST_FOLDER' });
    second?.dispose();
  });

  it('ends the session when its answers cannot be kept, and says why', async () => {
    const { setup, runDir, project, rememberedTrustFile, logs } = world();
    // Where Tessera's own file should go, a file stands in for its folder.
    mkdirSync(dirname(dirname(rememberedTrustFile)), { recursive: true });
    writeFileSync(dirname(rememberedTrustFile), 'not a folder');
    const launch = await setup.prepare({ sessionId: 's1', command: 'gemini', cwd: runDir, runDir });
    writeFileSync(launch?.env.GEMINI_CLI_TRUSTED_FOLDERS_PATH ?? '', JSON.stringify({ ...trustOf(launch), [project]: 'TRUST_FOLDER' }));
    expect(() => launch?.dispose()).not.toThrow();
    expect(logs).toEqual([expect.stringContaining('not kept')]);
  });

  it("ends Gemini's .env search in the run dir with a file of its own, and hands the agent the user's home .env as Gemini would have read it", async () => {
    const { setup, runDir, home, project } = world({ GEMINI_MODEL: 'from-the-agent' });
    writeFileSync(join(project, '.tessera', '.env'), 'GOOGLE_GEMINI_BASE_URL=http://127.0.0.1:9\n');
    writeFileSync(join(home, '.env'), 'GEMINI_API_KEY=from-home-dot-env\n');
    const homeGemini = 'GEMINI_API_KEY=from-home-gemini\nGEMINI_MODEL=from-home\n';
    writeFileSync(join(home, '.gemini', '.env'), homeGemini);
    const envFile = join(runDir, '.gemini', '.env');
    const first = await setup.prepare({ sessionId: 's1', command: 'gemini', cwd: runDir, runDir });
    first?.dispose();
    expect(lstatSync(envFile).isFile()).toBe(true);
    expect(readFileSync(envFile, 'utf8')).not.toMatch(/^[A-Z_]+=/m);
    // Gemini's first choice in the home folder; what the agent's environment sets stays its own.
    expect(first?.env.GEMINI_API_KEY).toBe('from-home-gemini');
    expect(first?.env).not.toHaveProperty('GEMINI_MODEL');
    expect(first?.env).not.toHaveProperty('GOOGLE_GEMINI_BASE_URL');
    // An agent writing the .env in its own folder writes Tessera's file, never the user's.
    writeFileSync(envFile, 'GEMINI_API_KEY=written-by-the-agent\n');
    expect(readFileSync(join(home, '.gemini', '.env'), 'utf8')).toBe(homeGemini);
    rmSync(join(home, '.gemini', '.env'));
    const second = await setup.prepare({ sessionId: 's2', command: 'gemini', cwd: runDir, runDir });
    second?.dispose();
    expect(second?.env.GEMINI_API_KEY).toBe('from-home-dot-env');
    expect(readFileSync(envFile, 'utf8')).not.toMatch(/^[A-Z_]+=/m);
    rmSync(join(home, '.env'));
    const third = await setup.prepare({ sessionId: 's3', command: 'gemini', cwd: runDir, runDir });
    third?.dispose();
    expect(third?.env).not.toHaveProperty('GEMINI_API_KEY');
  });

  it("replaces a link a clone left at the run dir's .gemini/.env, and leaves its target alone", async () => {
    const { setup, runDir, root } = world();
    const target = join(root, 'elsewhere.env');
    writeFileSync(target, 'KEEP=me\n');
    const envFile = join(runDir, '.gemini', '.env');
    mkdirSync(dirname(envFile), { recursive: true });
    symlinkSync(target, envFile);
    (await setup.prepare({ sessionId: 's1', command: 'gemini', cwd: runDir, runDir }))?.dispose();
    expect(lstatSync(envFile).isSymbolicLink()).toBe(false);
    expect(readFileSync(target, 'utf8')).toBe('KEEP=me\n');
  });

  it("replaces a .env a clone planted in the run dir's .gemini with Tessera's own", async () => {
    const { setup, runDir } = world();
    const envFile = join(runDir, '.gemini', '.env');
    mkdirSync(dirname(envFile), { recursive: true });
    writeFileSync(envFile, 'GOOGLE_GEMINI_BASE_URL=http://127.0.0.1:9\n');
    (await setup.prepare({ sessionId: 's1', command: 'gemini', cwd: runDir, runDir }))?.dispose();
    expect(readFileSync(envFile, 'utf8')).not.toContain('GOOGLE_GEMINI_BASE_URL');
  });

  it("delivers the captured BeforeAgent payload, run by the file's command, as the session's call", async () => {
    const { setup, runDir, settingsFile, channel } = world();
    const calls: HookCall[] = [];
    channel.onCall((call) => (calls.push(call), true));
    const launch = await setup.prepare({ sessionId: 's1', command: 'gemini', cwd: runDir, runDir });
    const captured = JSON.parse(readFileSync(join(captures, 'hooks-text-turn.json'), 'utf8')) as { payloads: Array<{ hook_event_name: string }> };
    const beforeAgent = captured.payloads.find((p) => p.hook_event_name === 'BeforeAgent');
    const command = read(settingsFile).hooks.BeforeAgent?.[0]?.hooks[0]?.command ?? '';
    expect(await runAsGemini(command, launch?.env ?? {}, JSON.stringify(beforeAgent))).toBe(0);
    await expect.poll(() => calls.length).toBe(1);
    expect(calls[0]).toMatchObject({ sessionId: 's1', waiting: false, payload: { hook_event_name: 'BeforeAgent', prompt: 'say hello' } });
    launch?.dispose();
  });

  it("writes the file whole with Tessera's hooks alone, whatever it held, once per event on every launch", async () => {
    const { setup, runDir, settingsFile } = world();
    mkdirSync(dirname(settingsFile), { recursive: true });
    // A file that came with the project: the trust Tessera gives its run dir must not run its hooks.
    const planted = { matcher: 'run_shell_command', hooks: [{ name: 'planted', type: 'command', command: 'curl evil' }] };
    writeFileSync(settingsFile, JSON.stringify({ ui: { theme: 'GitHub' }, hooks: { BeforeTool: [planted], PreCompress: [planted] } }));
    (await setup.prepare({ sessionId: 's1', command: 'gemini', cwd: runDir, runDir }))?.dispose();
    (await setup.prepare({ sessionId: 's2', command: 'gemini', cwd: runDir, runDir }))?.dispose();
    const settings = read(settingsFile);
    expect(Object.keys(settings)).toEqual(['hooks']);
    expect(Object.keys(settings.hooks).sort()).toEqual(['AfterAgent', 'AfterTool', 'BeforeAgent', 'BeforeTool', 'Notification', 'SessionEnd', 'SessionStart']);
    for (const definitions of Object.values(settings.hooks)) expect(definitions?.map((d) => d.hooks[0]?.name)).toEqual([GEMINI_HOOK_NAME]);
  });

  it("gives an agent working in the user's own folder (project or worktree), and another CLI, nothing, and writes nothing", async () => {
    const { setup, runDir, project } = world();
    expect(await setup.prepare({ sessionId: 's1', command: 'gemini', cwd: project, runDir })).toBeUndefined();
    expect(existsSync(join(project, '.gemini'))).toBe(false);
    expect(await setup.prepare({ sessionId: 's1', command: 'claude', cwd: runDir, runDir })).toBeUndefined();
    expect(existsSync(join(runDir, '.gemini'))).toBe(false);
  });

  it("follows no link a clone planted in the run dir: another program's settings stay as they were", async () => {
    const { setup, runDir, root } = world();
    const elsewhere = join(root, 'home', '.claude');
    mkdirSync(elsewhere, { recursive: true });
    writeFileSync(join(elsewhere, 'settings.json'), '{"permissions":{"deny":["Bash"]}}');
    symlinkSync(elsewhere, join(runDir, '.gemini'));
    await expect(setup.prepare({ sessionId: 's1', command: 'gemini', cwd: runDir, runDir })).rejects.toThrow();
    expect(readFileSync(join(elsewhere, 'settings.json'), 'utf8')).toBe('{"permissions":{"deny":["Bash"]}}');
  });

  it('refuses a settings file that is itself a link, and writes nothing through it', async () => {
    const { setup, runDir, settingsFile, root } = world();
    const target = join(root, 'home-settings.json');
    writeFileSync(target, '{}');
    mkdirSync(dirname(settingsFile), { recursive: true });
    symlinkSync(target, settingsFile);
    await expect(setup.prepare({ sessionId: 's1', command: 'gemini', cwd: runDir, runDir })).rejects.toThrow();
    expect(readFileSync(target, 'utf8')).toBe('{}');
  });

  it('replaces a run-dir settings file that is not plain JSON, so the agent still gets its hooks', async () => {
    const { setup, runDir, settingsFile } = world();
    mkdirSync(dirname(settingsFile), { recursive: true });
    writeFileSync(settingsFile, '{\n  // a comment Gemini allows\n  "ui": {}\n}\n');
    const launch = await setup.prepare({ sessionId: 's1', command: 'gemini', cwd: runDir, runDir });
    expect(launch).toBeDefined();
    expect(read(settingsFile).hooks.SessionStart?.[0]?.hooks[0]?.name).toBe(GEMINI_HOOK_NAME);
    launch?.dispose();
  });
});

describe("hooks from the run dir beside the user's own, as the pinned Gemini CLI ran them", () => {
  const scope = JSON.parse(readFileSync(join(captures, 'hooks-workspace-scope.json'), 'utf8')) as { userEvents: string[]; workspacePayloads: unknown[] };
  const read = (payload: unknown) => {
    const signal = readHookPayload(payload);
    return signal ? `${signal.event}:${signal.verdict ?? '-'}${signal.turn ? `:${signal.turn}` : ''}${signal.permission ? `:${signal.permission.tool} ${signal.permission.subject.text}` : ''}` : undefined;
  };

  it("runs the run dir's hook at every event the user's own hook gets, and reads its text and tool turns", () => {
    const events = scope.workspacePayloads.map((p) => (p as { hook_event_name: string }).hook_event_name);
    expect(events).toEqual(scope.userEvents);
    expect(scope.workspacePayloads.map(read).filter((verdict) => verdict !== undefined && !verdict.startsWith('SessionEnd'))).toEqual([
      'SessionStart:idle',
      'BeforeAgent:busy:started',
      'AfterAgent:idle:ended',
      'BeforeAgent:busy:started',
      'BeforeTool:busy',
      'Notification:needs-input:Shell echo hi > x.txt',
      'AfterTool:busy',
      'AfterAgent:idle:ended',
    ]);
  });
});
