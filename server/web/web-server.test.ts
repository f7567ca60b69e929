import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Disposable } from '../../domain/ports/disposable';
import type { MethodName, Response } from '../../contract/contract';
import type { ClientControl, ServerControl } from '../../contract/terminal-stream';
import type { HostApi, HostEvent } from '../host-api';
import type { TerminalClient, TerminalClientLink } from '../terminal/terminal-stream-host';
import { startWebServer, type RunningWebServer } from './web-server';

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
const TOKEN = 'secret-token';

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tessera-web-'));
  const staticDir = join(dir, 'renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Tessera</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'outside.txt'), 'private');
  symlinkSync(join(dir, 'outside.txt'), join(staticDir, 'assets', 'link.txt'));
  host = new FakeHost();
  server = await startWebServer(host, { host: '127.0.0.1', port: 0, token: TOKEN, staticDir, log: () => undefined });
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

  it('refuses the page without the token or with a wrong one', async () => {
    expect((await get('/')).status).toBe(401);
    expect((await get('/?token=wrong')).status).toBe(401);
    expect((await get('/assets/app.js')).status).toBe(401);
    // Another server's cookie (another port) is not ours.
    expect((await get('/assets/app.js', { cookie: `tessera_token_${server.port + 1}=${TOKEN}` })).status).toBe(401);
  });

  it('serves the page with its security headers and sets the token cookie', async () => {
    const page = await get(`/?token=${TOKEN}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Tessera</title>');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(String(page.headers['set-cookie'])).toContain(`tessera_token_${server.port}=secret-token; HttpOnly; SameSite=Strict`);
  });

  it('serves assets to a browser holding the cookie, with their content type', async () => {
    const asset = await get('/assets/app.js', { cookie: `tessera_token_${server.port}=${TOKEN}` });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.body).toBe('console.log(1)');
  });

  it('never serves a file outside the renderer folder', async () => {
    const cookie = { cookie: `tessera_token_${server.port}=${TOKEN}` };
    expect((await get('/../outside.txt', cookie)).status).toBe(404);
    expect((await get('/assets/%2e%2e/%2e%2e/outside.txt', cookie)).status).toBe(404);
    expect((await get('/assets/link.txt', cookie)).status).toBe(404);
    expect((await get('/missing.js', cookie)).status).toBe(404);
  });

  it('refuses a WebSocket without the token, and one from a foreign origin', async () => {
    await expect(open('/rpc', { origin: server.origin })).rejects.toThrow('status 401');
    await expect(open('/rpc?token=nope', { origin: server.origin })).rejects.toThrow('status 401');
    await expect(open(`/rpc?token=${TOKEN}`, { origin: 'http://evil.example' })).rejects.toThrow('status 403');
    await expect(open(`/rpc?token=${TOKEN}`)).rejects.toThrow('status 403');
  });

  it('accepts the token from the cookie on upgrade', async () => {
    const ws = await open('/rpc', { origin: server.origin, headers: { cookie: `tessera_token_${server.port}=${TOKEN}` } });
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
