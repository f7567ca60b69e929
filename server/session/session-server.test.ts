import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { connectSession } from '../../contract/session-client';
import type { AppHost } from '../app-host';
import { createAppHost } from '../composition-root';
import { definedEnv } from '../config-dir';
import { socketDuplex } from './node-duplex';
import { checkRuntimeDir, checkSocket, serverPidPath, serverSocketPath } from './runtime-dir';
import { startSessionServer, type RunningSessionServer, type SessionServerOptions } from './session-server';

/** The session server in this process, with a real host, over its real socket; who may reach it and when it goes. */

const timers = {
  setTimeout: (fn: () => void, ms: number): unknown => setTimeout(fn, ms),
  clearTimeout: (handle: unknown): void => clearTimeout(handle as ReturnType<typeof setTimeout>),
  queueMicrotask: (fn: () => void): void => queueMicrotask(fn),
};
const APP = '1.2.3';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

let root: string;
let runtime: string;
let host: AppHost;
const servers: RunningSessionServer[] = [];

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'tessera-session-server-'));
  runtime = join(root, 'run', 'tessera');
  host = createAppHost({ configDir: join(root, 'config'), env: definedEnv(), log: () => undefined, killTimeoutMs: 5000 });
});

afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop('asked');
  await host.dispose();
  rmSync(root, { recursive: true, force: true });
});

async function start(overrides: Partial<SessionServerOptions> = {}): Promise<RunningSessionServer> {
  const started = await startSessionServer({
    host,
    runtimeDir: runtime,
    configDir: join(root, 'config'),
    app: APP,
    staticDir: root,
    idleExitMs: 60_000,
    log: () => undefined,
    ...overrides,
  });
  if (!started.ok) throw new Error(`server did not start: ${JSON.stringify(started.error)}`);
  servers.push(started.value);
  return started.value;
}

async function connect(path: string) {
  const socket = createConnection(path);
  await new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const client = await connectSession(socketDuplex(socket), { app: APP, client: 'script', timers });
  if (!client.ok) throw new Error(client.error.message);
  return client.value;
}

describe('the session server', () => {
  it('listens on a 0600 socket in a 0700 folder and answers its status', async () => {
    const server = await start();
    expect(statSync(runtime).mode & 0o777).toBe(0o700);
    expect(statSync(server.socketPath).mode & 0o777).toBe(0o600);
    expect(checkRuntimeDir(runtime).ok && checkSocket(server.socketPath).ok).toBe(true);
    const client = await connect(server.socketPath);
    const status = await client.callServer('server.status', {});
    expect(status).toMatchObject({ ok: true, value: { app: APP, pid: process.pid, clients: 1, projects: [], sessions: [] } });
    client.close();
  });

  it('is one per user: a second server finds the first running', async () => {
    await start();
    const second = await startSessionServer({ host, runtimeDir: runtime, configDir: join(root, 'config'), app: APP, staticDir: root, idleExitMs: 60_000, log: () => undefined, pid: process.pid + 1 });
    expect(second).toEqual({ ok: false, error: { kind: 'server-running', pid: process.pid } });
  });

  it('replaces the pid file and socket a crashed server left', async () => {
    mkdirSync(runtime, { recursive: true, mode: 0o700 });
    const dead = spawnSync(process.execPath, ['-e', 'process.pid']).pid;
    writeFileSync(serverPidPath(runtime), `${dead}\n`);
    writeFileSync(serverSocketPath(runtime), 'left over');
    const server = await start();
    expect(readFileSync(serverPidPath(runtime), 'utf8').trim()).toBe(String(process.pid));
    const client = await connect(server.socketPath);
    expect(client.server.pid).toBe(process.pid);
    client.close();
  });

  it('exits by itself once no agent runs and no client is connected, and removes its socket and lock', async () => {
    const server = await start({ idleExitMs: 200 });
    const client = await connect(server.socketPath);
    client.close();
    expect(await server.stopped).toBe('idle');
    expect(existsSync(server.socketPath)).toBe(false);
    expect(existsSync(serverPidPath(runtime))).toBe(false);
  });

  it('stops when asked only once the caller agreed to stop running agents', async () => {
    const server = await start();
    const client = await connect(server.socketPath);
    const projectDir = join(root, 'project');
    mkdirSync(projectDir);
    await client.call('project.open', { path: projectDir });
    await client.call('agents.create', { name: 'Sleeper', profile: 'shell' });
    expect((await client.call('agents.launch', { slug: 'sleeper' })).ok).toBe(true);
    expect(await client.callServer('server.stop', { force: false })).toMatchObject({ ok: false, error: { kind: 'agents-running' } });
    expect(host.liveSessionCount()).toBe(1);
    expect(await client.callServer('server.stop', { force: true })).toEqual({ ok: true, value: { stopped: 1 } });
    expect(await server.stopped).toBe('asked');
    expect(host.liveSessionCount()).toBe(0);
  });
});

describe('who may reach the session server', () => {
  it('refuses a client of another version, naming both versions and the restart that replaces the server', async () => {
    const server = await start();
    for (const other of [{ app: '9.9.9' }, { app: APP, protocol: 99 }]) {
      const socket = createConnection(server.socketPath);
      await new Promise((resolve) => socket.once('connect', resolve));
      const refused = await connectSession(socketDuplex(socket), { ...other, client: 'script', timers });
      expect(refused).toMatchObject({ ok: false, error: { kind: 'version-mismatch', server: { app: APP, pid: process.pid } } });
      if (refused.ok) continue;
      expect(refused.error.message).toContain(`the running Tessera server is version ${APP} (protocol 1) and this client is ${other.app}`);
      expect(refused.error.message).toContain('run `tessera server restart` to replace it');
    }
    // The refused clients left the server serving the right version.
    const client = await connect(server.socketPath);
    expect((await client.callServer('server.status', {})).ok).toBe(true);
    client.close();
  });

  it('refuses a socket or folder open to other users, or owned by another user', async () => {
    const server = await start();
    chmodSync(server.socketPath, 0o666);
    expect(checkSocket(server.socketPath)).toMatchObject({ ok: false, error: { kind: 'runtime-unsafe', message: expect.stringContaining('open to other users') } });
    chmodSync(server.socketPath, 0o600);
    chmodSync(runtime, 0o755);
    expect(checkRuntimeDir(runtime)).toMatchObject({ ok: false, error: { kind: 'runtime-unsafe' } });
    chmodSync(runtime, 0o700);
    if (!isRoot) return;
    chownSync(runtime, 65534, 65534);
    expect(checkRuntimeDir(runtime)).toMatchObject({ ok: false, error: { kind: 'runtime-unsafe', message: expect.stringContaining('another user') } });
    chownSync(runtime, 0, 0);
  });

  it.runIf(isRoot)('refuses a connection from another user', async () => {
    const server = await start();
    // The folders above the runtime folder are open, so only the server's own permissions stand in the way.
    chmodSync(root, 0o755);
    chmodSync(join(root, 'run'), 0o755);
    const script = `require('net').createConnection(${JSON.stringify(server.socketPath)}).on('connect', () => { console.log('connected'); process.exit(0); }).on('error', (e) => { console.log(e.code); process.exit(0); });`;
    const out = execFileSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, '-e', script], { encoding: 'utf8' }).trim();
    expect(out).toBe('EACCES');
  });

  it('serves browsers on loopback only by default, behind the credential and the origin check', async () => {
    const client = await connect((await start()).socketPath);
    const web = await client.callServer('server.web', {});
    expect(web.ok).toBe(true);
    if (!web.ok) return;
    const url = new URL(web.value.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(listeningAddresses(web.value.port)).toEqual(['127.0.0.1']);
    const token = url.searchParams.get('token') ?? '';
    const refusedWith = (origin: string, credential: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`ws://${url.host}/rpc?token=${credential}`, { origin });
        ws.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
        ws.on('open', () => {
          ws.close();
          resolve(101);
        });
      });
    expect(await refusedWith('http://evil.example', token)).toBe(403);
    expect(await refusedWith(url.origin, 'wrong')).toBe(401);
    expect(await refusedWith(url.origin, token)).toBe(101);
    client.close();
  });
});

/** The local addresses the listening TCP sockets on `port` are bound to (Linux's /proc/net). */
function listeningAddresses(port: number): string[] {
  const out: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const [address, hexPort] = (fields[1] ?? '').split(':');
      if (fields[3] !== '0A' || Number.parseInt(hexPort ?? '', 16) !== port || !address) continue;
      out.push(address.length === 8 ? (address.match(/../g) ?? []).reverse().map((b) => Number.parseInt(b, 16)).join('.') : address);
    }
  }
  return out;
}
