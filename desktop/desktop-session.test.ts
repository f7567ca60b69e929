import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionClient } from '../contract/session-client';
import { definedEnv } from '../server/config-dir';
import { runtimeDir } from '../server/session/runtime-dir';
import { openServer, processGone } from '../server/session/server-connection';
import { desktopServerCommand, quitButtons, quitWithAgents, rememberQuitChoice, sessionHost, type QuitAnswer } from './desktop-session';
import { SERVER_FLAG } from './program-modes';
import { IPC } from './ipc-channels';
import { registerIpc, type IpcEvent, type IpcMainLike, type PortLike } from './ipc-wrapper';

/**
 * The desktop app's main-process wiring as a client of a real session server (started detached, as
 * the app starts it from the sources), with the window faked: the IPC wrapper serves the window from
 * the server, the client side can go and come back while the agents run on, and quitting keeps or
 * stops them as the user says.
 */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fakeAgent = join(repoRoot, 'e2e', 'fixtures', 'fake-agent');
const APP = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version as string;
/** Starting the server runs it from the sources through tsx: seconds on a busy machine. */
const SERVER_TEST_MS = 180_000;

type Handler = (event: IpcEvent, ...args: unknown[]) => unknown;

class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Handler>();
  readonly listeners = new Map<string, Handler>();
  handle(channel: string, listener: Handler): void {
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  on(channel: string, listener: Handler): this {
    this.listeners.set(channel, listener);
    return this;
  }
  removeListener(channel: string): this {
    this.listeners.delete(channel);
    return this;
  }
}

class FakePort implements PortLike {
  readonly posted: unknown[] = [];
  private messageListener: ((e: { data: unknown }) => void) | undefined;
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  on(event: 'message' | 'close', listener: ((e: { data: unknown }) => void) | (() => void)): this {
    if (event === 'message') this.messageListener = listener as (e: { data: unknown }) => void;
    return this;
  }
  start(): void {}
  close(): void {}
  fromRenderer(data: unknown): void {
    this.messageListener?.({ data });
  }
  text(): string {
    return this.posted.map((m) => (m instanceof Uint8Array ? new TextDecoder().decode(m) : '')).join('');
  }
}

const windowEvent: IpcEvent = {
  sender: { id: 1, send: () => undefined, postMessage: () => undefined, isDestroyed: () => false },
  senderFrame: { url: 'file:///app/index.html', parent: null },
};

let dir: string;
let project: string;
let configDir: string;
let env: Record<string, string>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tessera-desktop-client-'));
  project = join(dir, 'shop');
  mkdirSync(join(project, '.tessera', 'agents'), { recursive: true });
  for (const name of ['One', 'Two']) writeFileSync(join(project, '.tessera', 'agents', `${name.toLowerCase()}.md`), `---\nname: ${name}\nprofile: fake\n---\nA bot.\n`);
  mkdirSync(join(dir, 'run'), { mode: 0o700 });
  configDir = join(dir, 'config');
  mkdirSync(join(configDir, 'tessera', 'profiles'), { recursive: true });
  writeFileSync(
    join(configDir, 'tessera', 'profiles', 'fake.json'),
    JSON.stringify({ id: 'fake', name: 'fake', command: fakeAgent, args: [], env: {}, inject: { kind: 'convention-file', target: 'AGENTS.md' }, status: { needsInput: [], busy: [] } }),
  );
  env = { ...definedEnv(), TESSERA_CONFIG_DIR: configDir, XDG_RUNTIME_DIR: join(dir, 'run'), SHELL: '/bin/sh' };
});

afterAll(async () => {
  const client = await connect(false);
  if (client) {
    const pid = client.server.pid;
    await client.callServer('server.stop', { force: true });
    client.close();
    await processGone(pid, 30_000);
  }
  rmSync(dir, { recursive: true, force: true });
});

/** The desktop app's connection: the server started from the sources when none runs (as `electron .` starts it). */
async function connect(start = true): Promise<SessionClient | undefined> {
  const opened = await openServer({
    dir: runtimeDir(env),
    app: APP,
    client: 'view',
    env,
    ...(start ? { start: desktopServerCommand({ packaged: false, execPath: '/unused', repoRoot, node: process.execPath }) } : {}),
  });
  if (!opened.ok && start) throw new Error(opened.error.message);
  return opened.ok ? opened.value : undefined;
}

/** The window's side of the IPC wrapper, served from the server over `client`. */
function windowOf(client: SessionClient) {
  const ipc = new FakeIpcMain();
  const ports: FakePort[] = [];
  const registered = registerIpc(ipc, {
    host: sessionHost(client),
    isTrustedSender: () => true,
    createChannel: () => {
      const port = new FakePort();
      ports.push(port);
      return { port1: port, port2: {} };
    },
    pickFolder: async () => undefined,
    openExternal: async () => undefined,
    eventTarget: () => undefined,
    log: () => undefined,
  });
  const call = async (method: string, params: unknown = {}) => {
    const response = (await ipc.handlers.get(IPC.call)?.(windowEvent, { method, params })) as { ok: boolean; value?: unknown; error?: { message: string } };
    if (!response.ok) throw new Error(`${method}: ${response.error?.message}`);
    return response.value as never;
  };
  const attach = (sessionId: string): FakePort => {
    ipc.listeners.get(IPC.attachTerminal)?.(windowEvent, { sessionId, requestId: 1 });
    return ports[ports.length - 1] as FakePort;
  };
  return { call, attach, dispose: () => registered.dispose() };
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the desktop app as a client of the session server', () => {
  let onePid = 0;
  let twoPid = 0;

  it(
    'serves the window from the server, and the agents outlive the client side: a new one finds them running',
    async () => {
      const first = (await connect()) as SessionClient;
      const window = windowOf(first);
      await window.call('project.open', { path: project });
      await window.call('project.trust');
      const one = (await window.call('agents.launch', { slug: 'one' })) as { id: string; pid: number };
      onePid = one.pid;
      const terminal = window.attach(one.id);
      await until(() => terminal.posted.some((m) => (m as { t?: string }).t === 'snapshot'), 'the snapshot');
      terminal.fromRenderer({ t: 'input', data: 'through the window\r' });
      await until(() => terminal.text().includes('echo: through the window'), 'the echo');

      // The main process goes (the app quit, or crashed): its connection with it.
      window.dispose();
      first.close();
      await new Promise((r) => setTimeout(r, 200));
      expect(alive(onePid)).toBe(true);

      const second = (await connect()) as SessionClient;
      expect(second.server.pid).toBe(first.server.pid);
      const again = windowOf(second);
      await again.call('project.open', { path: project });
      const sessions = (await again.call('sessions.list')) as Array<{ agent: string; pid: number; status: string }>;
      expect(sessions.find((s) => s.agent === 'one')).toMatchObject({ pid: onePid, status: expect.stringMatching(/idle|busy|starting/) });
      const terminalAgain = again.attach(one.id);
      await until(() => terminalAgain.posted.some((m) => (m as { t?: string; data?: string }).t === 'snapshot' && (m as { data: string }).data.includes('echo: through the window')), 'the screen intact');
      twoPid = ((await again.call('agents.launch', { slug: 'two' })) as { pid: number }).pid;
      again.dispose();
      second.close();
    },
    SERVER_TEST_MS,
  );

  it(
    'quitting asks once agents run: Keep leaves every agent running, and the remembered choice is not asked again',
    async () => {
      const client = (await connect()) as SessionClient;
      const asked: number[] = [];
      const ask = async ({ running }: { running: number }): Promise<QuitAnswer> => {
        asked.push(running);
        return { choice: 'keep', remember: true };
      };
      expect(await quitWithAgents({ client, configDir, ask })).toEqual({ outcome: 'kept', running: 2 });
      expect(asked).toEqual([2]);
      expect(quitButtons(2)[0]).toBe('Keep 2 agents running in the background');
      expect(JSON.parse(readFileSync(join(configDir, 'tessera', 'desktop.json'), 'utf8'))).toEqual({ onQuitWithAgents: 'keep' });
      client.close();
      await new Promise((r) => setTimeout(r, 200));
      expect([alive(onePid), alive(twoPid)]).toEqual([true, true]);

      const next = (await connect()) as SessionClient;
      expect(await quitWithAgents({ client: next, configDir, ask })).toEqual({ outcome: 'kept', running: 2 });
      expect(asked).toEqual([2]);
      next.close();
    },
    SERVER_TEST_MS,
  );

  it(
    'quitting with Stop them leaves no agent process and no server',
    async () => {
      rmSync(join(configDir, 'tessera', 'desktop.json'));
      const client = (await connect()) as SessionClient;
      const serverPid = client.server.pid;
      const outcome = await quitWithAgents({ client, configDir, ask: async () => ({ choice: 'stop', remember: false }) });
      expect(outcome).toEqual({ outcome: 'stopped', running: 2 });
      client.close();
      expect(await processGone(onePid, 30_000)).toBe(true);
      expect(await processGone(twoPid, 30_000)).toBe(true);
      expect(await processGone(serverPid, 30_000)).toBe(true);
      expect(existsSync(join(configDir, 'tessera', 'desktop.json'))).toBe(false);
      rememberQuitChoice(configDir, 'stop');
      expect(JSON.parse(readFileSync(join(configDir, 'tessera', 'desktop.json'), 'utf8'))).toEqual({ onQuitWithAgents: 'stop' });
    },
    SERVER_TEST_MS,
  );

  it('starts the server, packaged, by the app binary with its server flag; from the sources through Node and bin/tessera', () => {
    expect(desktopServerCommand({ packaged: true, execPath: '/opt/Tessera/tessera', repoRoot, node: 'node' })).toEqual({ file: '/opt/Tessera/tessera', args: [SERVER_FLAG] });
    expect(desktopServerCommand({ packaged: false, execPath: '/x/electron', repoRoot: '/src', node: '/usr/bin/node' })).toEqual({
      file: '/usr/bin/node',
      args: ['/src/bin/tessera', 'server', 'run', '--foreground'],
    });
  });
});
