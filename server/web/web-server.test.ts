import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createHmac } from 'node:crypto';
import type { Disposable } from '../../domain/ports/disposable';
import type { MethodName, Response } from '../../contract/contract';
import type { ClientControl, ServerControl } from '../../contract/terminal-stream';
import type { HostApi, HostEvent } from '../host-api';
import type { TerminalClient, TerminalClientLink } from '../terminal/terminal-stream-host';
import { MAX_RPC_MESSAGE, startWebServer, type RunningWebServer } from './web-server';

/** A host that answers every call with its method name and lets the test push events and terminal output. */
class FakeHost implements HostApi {
  readonly calls: Array<{ method: MethodName; params: unknown }> = [];
  readonly controls: ClientControl[] = [];
  readonly terminals = new Map<string, TerminalClient>();
  detached = 0;
  private listeners = new Set<(event: HostEvent) => void>();

  async call(method: MethodName, params: unknown): Promise<Response<unknown>> {
    this.calls.push({ method, params });
    return { ok: true, value: { method } };
  }
  onEvent(listener: (event: HostEvent) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
  emit(event: HostEvent): void {
    for (const listener of this.listeners) listener(event);
  }
  attachTerminal(sessionId: string, client: TerminalClient): TerminalClientLink | undefined {
    if (sessionId !== 's1') return undefined;
    this.terminals.set(sessionId, client);
    client.sendControl({ t: 'snapshot', data: 'screen' });
    return { receive: (message) => this.controls.push(message), detach: () => (this.detached += 1) };
  }
}

let dir: string;
let host: FakeHost;
let server: RunningWebServer;
let logged: string[];
const TOKEN = 'secret-token';
const IDENTITY = { app: '1.2.3', protocol: 1, pid: 4242, startedAt: 1000 };

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tessera-web-'));
  const staticDir = join(dir, 'renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Tessera</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'outside.txt'), 'private');
  symlinkSync(join(dir, 'outside.txt'), join(staticDir, 'assets', 'link.txt'));
  host = new FakeHost();
  logged = [];
  const log = (message: string, error?: unknown) => void logged.push(error === undefined ? message : `${message} ${String(error)}`);
  server = await startWebServer(host, { host: '127.0.0.1', port: 0, token: TOKEN, staticDir, log, limits: { pending: 8, idleMs: 300 }, identity: IDENTITY });
});

afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A raw GET, so the path is sent exactly as written (fetch would normalize `..`). */
function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function open(path: string, opts: { origin?: string; headers?: Record<string, string> } = {}): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, { ...(opts.origin ? { origin: opts.origin } : {}), headers: opts.headers ?? {} });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`status ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function nextMessage(ws: WebSocket): Promise<{ data: WebSocket.RawData; isBinary: boolean }> {
  return new Promise((resolve) => ws.once('message', (data, isBinary) => resolve({ data, isBinary })));
}

async function rpc(ws: WebSocket, payload: unknown): Promise<unknown> {
  const reply = nextMessage(ws);
  ws.send(typeof payload === 'string' ? payload : JSON.stringify(payload));
  return JSON.parse(String((await reply).data));
}

describe('tessera web server', () => {
  it('prints a loopback URL carrying the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${TOKEN}`);
    expect(server.port).toBeGreaterThan(0);
  });

  it('serves the page with its security headers, and sets no cookie: the token is never one', async () => {
    const page = await get(`/?token=${TOKEN}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Tessera</title>');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['set-cookie']).toBeUndefined();
  });

  it('serves the public build without a credential: the page and its assets, with their content type', async () => {
    expect((await get('/')).status).toBe(200);
    const asset = await get('/assets/app.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.body).toBe('console.log(1)');
    expect(asset.headers['set-cookie']).toBeUndefined();
  });

  it('never serves a file outside the renderer folder', async () => {
    expect((await get('/../outside.txt')).status).toBe(404);
    expect((await get('/assets/%2e%2e/%2e%2e/outside.txt')).status).toBe(404);
    expect((await get('/assets/link.txt')).status).toBe(404);
    expect((await get('/missing.js')).status).toBe(404);
  });

  it('tells who serves only to a request that presents the token as a bearer credential, never to a foreign origin', async () => {
    const told = await get('/identity', { authorization: `Bearer ${TOKEN}` });
    expect(told.status).toBe(200);
    expect(JSON.parse(told.body)).toEqual(IDENTITY);
    expect(told.headers['cache-control']).toBe('no-store');
    expect((await get('/identity', { authorization: `Bearer ${TOKEN}`, origin: server.origin })).status).toBe(200);
    expect((await get('/identity')).status).toBe(401);
    expect((await get(`/identity?token=${TOKEN}`)).status).toBe(401);
    expect((await get('/identity', { authorization: 'Bearer nope' })).status).toBe(401);
    expect((await get('/identity', { cookie: `token=${TOKEN}` })).status).toBe(401);
    const foreign = await get('/identity', { authorization: `Bearer ${TOKEN}`, origin: 'http://127.0.0.1:1' });
    expect(foreign.status).toBe(403);
    expect(foreign.body).not.toContain('4242');
  });

  it('proves it holds the token without being shown it: the HMAC of the page’s nonce, which the page checks before it sends the token', async () => {
    const nonce = '0123456789abcdef0123456789abcdef';
    const proved = await get(`/identity?nonce=${nonce}`);
    expect(proved.status).toBe(200);
    expect(JSON.parse(proved.body)).toEqual({ proof: createHmac('sha256', TOKEN).update(nonce).digest('hex') });
    expect(proved.body).not.toContain('4242');
    expect((await get('/identity?nonce=short')).status).toBe(401);
    expect((await get(`/identity?nonce=${nonce}`, { origin: 'http://127.0.0.1:1' })).status).toBe(403);
  });

  it('refuses a WebSocket without the token, and one from a foreign origin', async () => {
    await expect(open('/rpc', { origin: server.origin })).rejects.toThrow('status 401');
    await expect(open('/rpc?token=nope', { origin: server.origin })).rejects.toThrow('status 401');
    await expect(open(`/rpc?token=${TOKEN}`, { origin: 'http://evil.example' })).rejects.toThrow('status 403');
    await expect(open(`/rpc?token=${TOKEN}`)).rejects.toThrow('status 403');
  });

  it('takes the token from the socket’s URL only: a cookie holding it opens nothing', async () => {
    const cookie = { cookie: `tessera_token_${server.port}=${TOKEN}; token=${TOKEN}` };
    await expect(open('/rpc', { origin: server.origin, headers: cookie })).rejects.toThrow('status 401');
    await expect(open('/term/s1', { origin: server.origin, headers: cookie })).rejects.toThrow('status 401');
  });

  it('answers a message over the size limit with a JSON-RPC error for its id, logs one line, and keeps the socket', async () => {
    const ws = await open(`/rpc?token=${TOKEN}`, { origin: server.origin });
    const big = JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'sessions.write', params: { id: 's1', data: 'x'.repeat(MAX_RPC_MESSAGE + 1) } });
    expect(await rpc(ws, big)).toEqual({
      jsonrpc: '2.0',
      id: 9,
      error: { code: -32600, message: expect.stringContaining('too large'), data: { kind: 'request-too-large' } },
    });
    expect(host.calls).toEqual([]);
    expect(logged).toEqual([expect.stringMatching(/^web: refused an rpc message of \d+ bytes/)]);
    expect(await rpc(ws, { jsonrpc: '2.0', id: 10, method: 'agents.list', params: {} })).toMatchObject({ id: 10, result: { ok: true } });
    ws.close();
  });

  it('round-trips a JSON-RPC call to the contract Response', async () => {
    const ws = await open(`/rpc?token=${TOKEN}`, { origin: server.origin });
    const reply = await rpc(ws, { jsonrpc: '2.0', id: 7, method: 'agents.list', params: {} });
    expect(reply).toEqual({ jsonrpc: '2.0', id: 7, result: { ok: true, value: { method: 'agents.list' } } });
    expect(host.calls).toEqual([{ method: 'agents.list', params: {} }]);
    ws.close();
  });

  it('answers malformed JSON with -32700 and an unknown method with -32601', async () => {
    const ws = await open(`/rpc?token=${TOKEN}`, { origin: server.origin });
    expect(await rpc(ws, '{not json')).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32700 } });
    expect(await rpc(ws, { jsonrpc: '2.0', id: 'x', method: 'nope.nothing' })).toMatchObject({ id: 'x', error: { code: -32601 } });
    expect(await rpc(ws, { id: 1, method: 'agents.list' })).toMatchObject({ id: 1, error: { code: -32600 } });
    expect(host.calls).toEqual([]);
    ws.close();
  });

  it('pushes contract events as JSON-RPC notifications', async () => {
    const ws = await open(`/rpc?token=${TOKEN}`, { origin: server.origin });
    const message = nextMessage(ws);
    host.emit({ name: 'agents.changed', payload: {} });
    expect(JSON.parse(String((await message).data))).toEqual({ jsonrpc: '2.0', method: 'agents.changed', params: {} });
    ws.close();
  });

  it('streams a terminal: control messages as text, output as binary, client controls parsed', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/term/s1?token=${TOKEN}`, { origin: server.origin });
    const received: Array<ServerControl | string> = [];
    ws.on('message', (data, isBinary) => received.push(isBinary ? `bytes:${String(data)}` : (JSON.parse(String(data)) as ServerControl)));
    await until(() => host.terminals.has('s1'));
    host.terminals.get('s1')?.sendBytes(new TextEncoder().encode('héllo'));
    await until(() => received.length >= 2);
    expect(received).toEqual([{ t: 'snapshot', data: 'screen' }, 'bytes:héllo']);
    ws.send(JSON.stringify({ t: 'ack', bytes: 6 }));
    ws.send(JSON.stringify({ t: 'bogus' }));
    ws.send(JSON.stringify({ t: 'input', data: 'ls\r' }));
    await until(() => host.controls.length >= 2);
    expect(host.controls).toEqual([{ t: 'ack', bytes: 6 }, { t: 'input', data: 'ls\r' }]);
    ws.close();
    await until(() => host.detached === 1);
  });

  it('tells a terminal client when the session does not exist', async () => {
    // Listen before the socket opens: the server speaks first, possibly in the handshake's packet.
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/term/ghost?token=${TOKEN}`, { origin: server.origin });
    const message = await nextMessage(ws);
    expect(message.isBinary).toBe(false);
    expect(JSON.parse(String(message.data))).toMatchObject({ t: 'exit', reason: expect.stringContaining('ghost') });
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
}

describe('tessera web server under a connection flood', () => {
  /** A raw TCP connection that says nothing, as a flood opens them; `closed` is set once the server ends it. */
  async function idleConnection(port: number): Promise<{ socket: Socket; closed: Promise<void>; isClosed: () => boolean }> {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    let gone = false;
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve())).then(() => void (gone = true));
    await new Promise((resolve) => socket.once('connect', resolve));
    return { socket, closed, isClosed: () => gone };
  }

  it('closes a connection that stays silent', async () => {
    const { closed } = await idleConnection(server.port);
    await closed;
  });

  it('keeps silent connections to its bound by dropping the oldest, and still lets the user in', async () => {
    const patient = await startWebServer(host, { host: '127.0.0.1', port: 0, token: TOKEN, staticDir: join(dir, 'renderer'), log: () => undefined, limits: { pending: 8, idleMs: 60_000 } });
    const flood: Awaited<ReturnType<typeof idleConnection>>[] = [];
    for (let i = 0; i < 40; i++) flood.push(await idleConnection(patient.port));
    await until(() => flood.filter((c) => c.isClosed()).length >= 32);
    expect(flood.map((c) => c.isClosed())).toEqual([...Array<boolean>(32).fill(true), ...Array<boolean>(8).fill(false)]);
    const ws = new WebSocket(`ws://127.0.0.1:${patient.port}/rpc?token=${TOKEN}`, { origin: patient.origin });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    expect(await rpc(ws, { jsonrpc: '2.0', id: 1, method: 'agents.list', params: {} })).toMatchObject({ id: 1, result: { ok: true } });
    ws.close();
    for (const { socket } of flood) socket.destroy();
    await patient.close();
  });

  it('does not count an authenticated socket as silent: the idle bound leaves it open', async () => {
    const ws = await open(`/rpc?token=${TOKEN}`, { origin: server.origin });
    const later = await idleConnection(server.port);
    await later.closed;
    expect(ws.readyState).toBe(WebSocket.OPEN);
    expect(await rpc(ws, { jsonrpc: '2.0', id: 2, method: 'agents.list', params: {} })).toMatchObject({ id: 2 });
    ws.close();
  });
});
