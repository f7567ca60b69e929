import { describe, expect, it } from 'vitest';
import type { Disposable } from '../domain/ports/disposable';
import type { MethodName, Response } from '../contract/contract';
import type { ClientControl } from '../contract/terminal-stream';
import type { HostApi, HostEvent } from '../server/host-api';
import type { TerminalClient } from '../server/terminal/terminal-stream-host';
import { IPC } from './ipc-channels';
import { externalLinkUrl, isTrustedSender, registerIpc, type IpcEvent, type IpcMainLike, type PortLike } from './ipc-wrapper';

type Handler = (event: IpcEvent, ...args: unknown[]) => unknown;

/** ipcMain as the wrapper uses it: handlers and listeners by channel, invoked by the test. */
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
  invoke(channel: string, event: IpcEvent, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return Promise.resolve(handler(event, ...args));
  }
}

class FakePort implements PortLike {
  readonly posted: unknown[] = [];
  started = false;
  closed = false;
  private messageListener: ((e: { data: unknown }) => void) | undefined;
  private closeListener: (() => void) | undefined;
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  on(event: 'message' | 'close', listener: ((e: { data: unknown }) => void) | (() => void)): this {
    if (event === 'message') this.messageListener = listener as (e: { data: unknown }) => void;
    else this.closeListener = listener as () => void;
    return this;
  }
  start(): void {
    this.started = true;
  }
  close(): void {
    this.closed = true;
  }
  fromRenderer(data: unknown): void {
    this.messageListener?.({ data });
  }
  remoteClosed(): void {
    this.closeListener?.();
  }
}

class FakeHost implements HostApi {
  readonly calls: Array<{ method: MethodName; params: unknown }> = [];
  readonly controls: ClientControl[] = [];
  detached = 0;
  client: TerminalClient | undefined;
  throwOnCall = false;
  private listeners = new Set<(event: HostEvent) => void>();
  async call(method: MethodName, params: unknown): Promise<Response<unknown>> {
    if (this.throwOnCall) throw new Error('secret stack detail');
    this.calls.push({ method, params });
    return { ok: true, value: 'answered' };
  }
  onEvent(listener: (event: HostEvent) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
  emit(event: HostEvent): void {
    for (const listener of this.listeners) listener(event);
  }
  attachTerminal(sessionId: string, client: TerminalClient) {
    if (sessionId !== 's1') return undefined;
    this.client = client;
    return { receive: (m: ClientControl) => this.controls.push(m), detach: () => (this.detached += 1) };
  }
}

const APP_URL = 'file:///app/dist/renderer/index.html';
const WINDOW_ID = 7;

function eventFrom(options: { id?: number; url?: string; parent?: unknown } = {}) {
  const posted: Array<{ channel: string; message: unknown; transfer: unknown[] | undefined }> = [];
  const event: IpcEvent = {
    sender: {
      id: options.id ?? WINDOW_ID,
      send: () => undefined,
      postMessage: (channel, message, transfer) => posted.push({ channel, message, transfer }),
      isDestroyed: () => false,
    },
    senderFrame: { url: options.url ?? APP_URL, parent: options.parent ?? null },
  };
  return { event, posted };
}

function setup() {
  const ipc = new FakeIpcMain();
  const host = new FakeHost();
  const ports: Array<{ port1: FakePort; port2: FakePort }> = [];
  const sent: Array<{ channel: string; args: unknown[] }> = [];
  const logged: string[] = [];
  const opened: string[] = [];
  const registration = registerIpc(ipc, {
    host,
    isTrustedSender: (event) => isTrustedSender(event, { webContentsId: WINDOW_ID, isAppUrl: (url) => url === APP_URL }),
    createChannel: () => {
      const pair = { port1: new FakePort(), port2: new FakePort() };
      ports.push(pair);
      return pair;
    },
    pickFolder: async () => '/picked',
    openExternal: async (url) => void opened.push(url),
    eventTarget: () => ({ send: (channel, ...args) => sent.push({ channel, args }), isDestroyed: () => false }),
    log: (message) => logged.push(message),
  });
  return { ipc, host, ports, sent, logged, opened, registration };
}

describe('the IPC wrapper', () => {
  it('routes a well-formed call from our window to the host', async () => {
    const { ipc, host } = setup();
    const reply = await ipc.invoke(IPC.call, eventFrom().event, { method: 'agents.list', params: {} });
    expect(reply).toEqual({ ok: true, value: 'answered' });
    expect(host.calls).toEqual([{ method: 'agents.list', params: {} }]);
  });

  it('refuses a call from another webContents, an iframe, or a page that is not ours', async () => {
    const { ipc, host } = setup();
    for (const event of [eventFrom({ id: 99 }).event, eventFrom({ parent: {} }).event, eventFrom({ url: 'https://evil.example/' }).event]) {
      expect(await ipc.invoke(IPC.call, event, { method: 'agents.list', params: {} })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    }
    expect(host.calls).toEqual([]);
  });

  it('refuses a malformed payload or a method outside the contract', async () => {
    const { ipc, host } = setup();
    const { event } = eventFrom();
    expect(await ipc.invoke(IPC.call, event, 'agents.list')).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    expect(await ipc.invoke(IPC.call, event, { method: 'fs.readFile', params: {} })).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    expect(host.calls).toEqual([]);
  });

  it('turns a throw into kind internal without leaking its message, and logs it', async () => {
    const { ipc, host, logged } = setup();
    host.throwOnCall = true;
    const reply = (await ipc.invoke(IPC.call, eventFrom().event, { method: 'agents.list', params: {} })) as Response<unknown>;
    expect(reply).toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect(JSON.stringify(reply)).not.toContain('secret stack detail');
    expect(logged).toEqual(['ipc: agents.list threw']);
  });

  it('answers the folder picker only for our window', async () => {
    const { ipc } = setup();
    expect(await ipc.invoke(IPC.pickFolder, eventFrom().event)).toBe('/picked');
    expect(await ipc.invoke(IPC.pickFolder, eventFrom({ id: 3 }).event)).toBeUndefined();
  });

  it('opens an http(s) link from our window in the browser, and nothing else', async () => {
    const { ipc, opened, logged } = setup();
    await ipc.invoke(IPC.openExternal, eventFrom().event, 'https://example.com/docs?q=1#top');
    await ipc.invoke(IPC.openExternal, eventFrom().event, 'http://localhost:3000/');
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'vscode://x', 'ssh://host', 'https://user:pw@example.com/', 'not a url', 42, '']) {
      await ipc.invoke(IPC.openExternal, eventFrom().event, bad);
    }
    await ipc.invoke(IPC.openExternal, eventFrom({ id: 3 }).event, 'https://example.com/from-elsewhere');
    expect(opened).toEqual(['https://example.com/docs?q=1#top', 'http://localhost:3000/']);
    expect(logged.filter((m) => m.includes('not http(s)'))).toHaveLength(8);
  });

  it('normalizes what it lets through, so the OS gets the URL that was checked', () => {
    expect(externalLinkUrl('HTTPS://Example.COM/a b')).toBe('https://example.com/a%20b');
    expect(externalLinkUrl('https://example.com/'.padEnd(9000, 'a'))).toBeUndefined();
  });

  it('pushes contract events to the window', () => {
    const { host, sent } = setup();
    host.emit({ name: 'agents.changed', payload: {} });
    expect(sent).toEqual([{ channel: IPC.event, args: [{ name: 'agents.changed', payload: {} }] }]);
  });

  it('hands the renderer a port per terminal attach and carries the stream both ways', () => {
    const { ipc, host, ports } = setup();
    const { event, posted } = eventFrom();
    ipc.listeners.get(IPC.attachTerminal)?.(event, { sessionId: 's1', requestId: 4 });
    const pair = ports[0];
    if (!pair) throw new Error('no channel was created');
    expect(posted).toEqual([{ channel: IPC.terminalPort, message: { requestId: 4 }, transfer: [pair.port2] }]);
    expect(pair.port1.started).toBe(true);
    host.client?.sendControl({ t: 'snapshot', data: 'screen' });
    host.client?.sendBytes(new Uint8Array([104, 105]));
    expect(pair.port1.posted).toEqual([{ t: 'snapshot', data: 'screen' }, new Uint8Array([104, 105])]);
    pair.port1.fromRenderer({ t: 'input', data: 'ls\r' });
    pair.port1.fromRenderer({ t: 'format-disk' });
    expect(host.controls).toEqual([{ t: 'input', data: 'ls\r' }]);
    pair.port1.remoteClosed();
    expect(host.detached).toBe(1);
  });

  it('tells the renderer when the session to attach does not exist', () => {
    const { ipc, ports } = setup();
    ipc.listeners.get(IPC.attachTerminal)?.(eventFrom().event, { sessionId: 'ghost', requestId: 1 });
    expect(ports[0]?.port1.posted).toEqual([{ t: 'exit', reason: 'No session with id "ghost".' }]);
  });

  it('ignores a terminal attach from a foreign sender', () => {
    const { ipc, ports } = setup();
    const { event, posted } = eventFrom({ url: 'https://evil.example/' });
    ipc.listeners.get(IPC.attachTerminal)?.(event, { sessionId: 's1', requestId: 1 });
    expect(ports).toEqual([]);
    expect(posted).toEqual([]);
  });

  it('removes its handlers and releases attached terminals when disposed', () => {
    const { ipc, host, ports, registration } = setup();
    ipc.listeners.get(IPC.attachTerminal)?.(eventFrom().event, { sessionId: 's1', requestId: 1 });
    registration.dispose();
    expect([...ipc.handlers.keys()]).toEqual([]);
    expect([...ipc.listeners.keys()]).toEqual([]);
    expect(host.detached).toBe(1);
    expect(ports[0]?.port1.closed).toBe(true);
  });
});
