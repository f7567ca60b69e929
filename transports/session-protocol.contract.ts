import { describe, expect, it } from 'vitest';
import type { MethodName, Response } from '../contract/contract';
import { connectSession, type ByteDuplex, type SessionClient } from '../contract/session-client';
import { encodeMessage, FrameDecoder, PROTOCOL_VERSION } from '../contract/session-protocol';
import type { ClientControl } from '../contract/terminal-stream';
import type { Disposable } from '../domain/ports/disposable';
import type { ConnectingHost, HostApi, HostEvent, TerminalClient, TerminalClientLink } from '../server/host-api';
import { serveProtocol, type ServerMethodHandler } from '../server/session/protocol-endpoint';

/**
 * The session protocol's behaviour, whatever stream carries it: each runner opens real byte streams
 * (a Unix socket, a WebSocket) between the client library and the server endpoint, in front of a
 * scripted host that records what reached it.
 */

export const APP = '9.9.9';

/** A host connection as the scripted host hands it out. */
export class ScriptedConnection implements HostApi, Disposable {
  readonly calls: Array<{ readonly method: MethodName; readonly params: unknown }> = [];
  readonly listeners = new Set<(event: HostEvent) => void>();
  disposed = false;
  constructor(
    readonly kind: 'view' | 'script',
    private readonly host: ScriptedProtocolHost,
  ) {}
  async call(method: MethodName, params: unknown): Promise<Response<unknown>> {
    this.calls.push({ method, params });
    return this.host.answer(method, params);
  }
  onEvent(listener: (event: HostEvent) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }
  emit(event: HostEvent): void {
    for (const listener of this.listeners) listener(event);
  }
  attachTerminal(sessionId: string, client: TerminalClient): TerminalClientLink | undefined {
    return this.host.attach(sessionId, client);
  }
  dispose(): void {
    this.disposed = true;
  }
}

export interface ProtocolLink {
  readonly sessionId: string;
  readonly client: TerminalClient;
  readonly received: ClientControl[];
  detached: boolean;
}

export class ScriptedProtocolHost implements ConnectingHost {
  readonly connections: ScriptedConnection[] = [];
  readonly links: ProtocolLink[] = [];
  readonly sessions = new Set(['s1', 's2']);
  answer: (method: MethodName, params: unknown) => Promise<Response<unknown>> | Response<unknown> = (method) => ({ ok: true, value: { method } });
  connect(options: { readonly kind: 'view' | 'script' }): ScriptedConnection {
    const connection = new ScriptedConnection(options.kind, this);
    this.connections.push(connection);
    return connection;
  }
  attach(sessionId: string, client: TerminalClient): TerminalClientLink | undefined {
    if (!this.sessions.has(sessionId)) return undefined;
    const link: ProtocolLink = { sessionId, client, received: [], detached: false };
    this.links.push(link);
    client.sendControl({ t: 'snapshot', data: `screen of ${sessionId}` });
    return { receive: (message) => void link.received.push(message), detach: () => void (link.detached = true) };
  }
}

export interface ProtocolWorld {
  readonly host: ScriptedProtocolHost;
  readonly serverCalls: Array<{ method: string; params: unknown }>;
  /** A new byte stream to the server, as a client would open it. */
  open(): Promise<ByteDuplex>;
  dispose(): Promise<void>;
}

/** What a runner builds: a listener whose every connection the endpoint serves with these options. */
export type ServeEach = (serve: (stream: ByteDuplex) => void) => Promise<{ open(): Promise<ByteDuplex>; close(): Promise<void> }>;

export function protocolWorld(listen: ServeEach): () => Promise<ProtocolWorld> {
  return async () => {
    const host = new ScriptedProtocolHost();
    const serverCalls: Array<{ method: string; params: unknown }> = [];
    const serverMethods: ServerMethodHandler = async (method, params) => {
      serverCalls.push({ method, params });
      return { ok: true, value: { server: method } };
    };
    const listener = await listen((stream) => serveProtocol(stream, { host, serverMethods, app: APP, pid: 4242, log: () => undefined }));
    return { host, serverCalls, open: () => listener.open(), dispose: () => listener.close() };
  };
}

const timers = {
  setTimeout: (fn: () => void, ms: number): unknown => setTimeout(fn, ms),
  clearTimeout: (handle: unknown): void => clearTimeout(handle as ReturnType<typeof setTimeout>),
  queueMicrotask: (fn: () => void): void => queueMicrotask(fn),
};

async function connect(world: ProtocolWorld, kind: 'view' | 'script' = 'script', app = APP): Promise<SessionClient> {
  const result = await connectSession(await world.open(), { app, client: kind, timers });
  if (!result.ok) throw new Error(`connect failed: ${result.error.message}`);
  return result.value;
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Everything the server sends on a raw stream, decoded, until it closes. */
function rawPeer(stream: ByteDuplex): { messages: unknown[]; closed: Promise<void> } {
  const decoder = new FrameDecoder();
  const messages: unknown[] = [];
  stream.onData((bytes) => {
    for (const frame of decoder.push(bytes).frames) if (frame.kind === 'message') messages.push(frame.json);
  });
  return { messages, closed: new Promise((resolve) => stream.onClose(resolve)) };
}

export function sessionProtocolContract(name: string, makeWorld: () => Promise<ProtocolWorld>): void {
  describe(`session protocol over ${name}`, () => {
    const withWorld = (fn: (world: ProtocolWorld) => Promise<void>) => async () => {
      const world = await makeWorld();
      try {
        await fn(world);
      } finally {
        await world.dispose();
      }
    };

    it('welcomes a client of its own version with the server version and pid', withWorld(async (world) => {
      const client = await connect(world);
      expect(client.server).toEqual({ app: APP, protocol: PROTOCOL_VERSION, pid: 4242 });
      expect(world.host.connections.map((c) => c.kind)).toEqual(['script']);
      client.close();
    }));

    it('refuses a client of another version, saying how to replace the server', withWorld(async (world) => {
      const refused = await connectSession(await world.open(), { app: '1.0.0', client: 'script', timers });
      expect(refused.ok).toBe(false);
      if (refused.ok) return;
      expect(refused.error.kind).toBe('version-mismatch');
      expect(refused.error.message).toContain('tessera server restart');
      expect(refused.error.message).toContain(APP);
      expect(world.host.connections).toEqual([]);
    }));

    it('answers each call by its id, however the answers are ordered, and sends server methods to the server', withWorld(async (world) => {
      world.host.answer = async (method) => {
        if (method === 'agents.list') await new Promise((resolve) => setTimeout(resolve, 30));
        return { ok: true, value: { method } };
      };
      const client = await connect(world);
      const slow = client.call('agents.list', {});
      const fast = client.call('skills.list', {});
      const server = client.callServer('server.status', {});
      expect(await fast).toEqual({ ok: true, value: { method: 'skills.list' } });
      expect(await slow).toEqual({ ok: true, value: { method: 'agents.list' } });
      expect(await server).toEqual({ ok: true, value: { server: 'server.status' } });
      expect(world.serverCalls.map((c) => c.method)).toEqual(['server.status']);
      expect(world.host.connections[0]?.calls.map((c) => c.method).sort()).toEqual(['agents.list', 'skills.list']);
      client.close();
    }));

    it("gives each connection its own host connection and only that connection's events", withWorld(async (world) => {
      const a = await connect(world, 'view');
      const b = await connect(world, 'script');
      const seenA: unknown[] = [];
      const seenB: unknown[] = [];
      a.on('agents.changed', (payload) => seenA.push(payload));
      b.on('agents.changed', (payload) => seenB.push(payload));
      const [hostA, hostB] = world.host.connections;
      hostA?.emit({ name: 'agents.changed', payload: {} });
      await until(() => seenA.length === 1, 'the event on a');
      await a.call('agents.list', {});
      expect(seenB).toEqual([]);
      hostB?.emit({ name: 'agents.changed', payload: {} });
      await until(() => seenB.length === 1, 'the event on b');
      expect(seenA).toHaveLength(1);
      a.close();
      b.close();
    }));

    it('multiplexes terminal channels: snapshot first, output on its own channel, acks and input back to its session', withWorld(async (world) => {
      const client = await connect(world);
      const seen: Record<string, string[]> = { s1: [], s2: [] };
      const sink = (id: 's1' | 's2') => ({
        snapshot: (data: string) => void seen[id]?.push(`snapshot:${data}`),
        data: (bytes: Uint8Array) => void seen[id]?.push(`data:${new TextDecoder().decode(bytes)}`),
        exit: () => void seen[id]?.push('exit'),
      });
      const one = client.attachTerminal('s1', sink('s1'));
      const two = client.attachTerminal('s2', sink('s2'));
      await until(() => world.host.links.length === 2, 'two attaches');
      const [link1, link2] = world.host.links;
      link1?.client.sendBytes(new TextEncoder().encode('hello one'));
      link2?.client.sendBytes(new TextEncoder().encode('hello two'));
      link1?.client.sendControl({ t: 'exit', code: 3 });
      await until(() => seen.s1?.length === 3 && seen.s2?.length === 2, 'the output');
      expect(seen).toEqual({ s1: ['snapshot:screen of s1', 'data:hello one', 'exit'], s2: ['snapshot:screen of s2', 'data:hello two'] });
      two.ack(9);
      two.input('typed');
      two.resize(100, 30);
      await until(() => (link2?.received.length ?? 0) === 3, 'the client messages');
      // Acks of one turn travel together after it (terminal-stream-client.ts), so only their set is fixed.
      expect(link2?.received).toHaveLength(3);
      expect(link2?.received).toEqual(expect.arrayContaining([{ t: 'ack', bytes: 9 }, { t: 'input', data: 'typed' }, { t: 'resize', cols: 100, rows: 30 }]));
      two.close();
      await until(() => link2?.detached === true, 'the detach');
      one.close();
      client.close();
    }));

    it('ends a channel to an unknown session with an exit that says so', withWorld(async (world) => {
      const client = await connect(world);
      const exits: Array<{ reason?: string }> = [];
      client.attachTerminal('nope', { snapshot: () => undefined, data: () => undefined, exit: (info) => void exits.push(info) });
      await until(() => exits.length === 1, 'the exit');
      expect(exits[0]?.reason).toContain('No session');
      client.close();
    }));

    it('detaches the channels and drops the host connection when the client goes, and its stream ends for the client too', withWorld(async (world) => {
      const client = await connect(world);
      const exits: unknown[] = [];
      client.attachTerminal('s1', { snapshot: () => undefined, data: () => undefined, exit: (info) => void exits.push(info) });
      await until(() => world.host.links.length === 1, 'the attach');
      client.close();
      await until(() => world.host.links[0]?.detached === true && world.host.connections[0]?.disposed === true, 'the server side to let go');
      await until(() => exits.length === 1, 'the exit of the client stream');
    }));

    it('answers garbage with a protocol error and closes that stream, and keeps serving others', withWorld(async (world) => {
      const garbage = [
        new Uint8Array([0xff, 0xff, 0xff, 0xff, 1, 2, 3]),
        new Uint8Array([0, 0, 0, 3, 0, 0x7b, 0x7b]),
        new Uint8Array([0, 0, 0, 2, 9, 9]),
        encodeMessage({ t: 'call', id: 1, method: 'agents.list', params: {} }),
        encodeMessage({ t: 'hello', protocol: PROTOCOL_VERSION, app: APP, client: 'nobody' } as never),
      ];
      for (const bytes of garbage) {
        const stream = await world.open();
        const peer = rawPeer(stream);
        stream.write(bytes);
        await peer.closed;
        expect(peer.messages).toHaveLength(1);
        expect(peer.messages[0]).toMatchObject({ t: 'protocol-error' });
      }
      expect(world.host.connections).toEqual([]);
      const client = await connect(world);
      expect(await client.call('agents.list', {})).toEqual({ ok: true, value: { method: 'agents.list' } });
      client.close();
    }));
  });
}
