import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IdentityProbe } from '../../../contract/server-identity';
import type { SocketLike } from './socket';
import { chooseApi } from './choose-api';
import { createWebSocketApi } from './websocket-api';

class FakeSocket implements SocketLike {
  binaryType = 'blob';
  readyState = 0;
  sent: string[] = [];
  closedByClient = false;
  onopen: SocketLike['onopen'] = null;
  onclose: SocketLike['onclose'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onerror: SocketLike['onerror'] = null;
  constructor(readonly url: string) {}
  send(data: string) {
    if (this.readyState !== 1) throw new Error('send on a socket that is not open');
    this.sent.push(data);
  }
  close() {
    this.closedByClient = true;
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({ code: 1006 });
  }
  receive(data: unknown) {
    this.onmessage?.({ data: typeof data === 'string' || data instanceof ArrayBuffer ? data : JSON.stringify(data) });
  }
  json(): Array<Record<string, unknown>> {
    return this.sent.map((s) => JSON.parse(s) as Record<string, unknown>);
  }
}

function world() {
  const sockets: FakeSocket[] = [];
  const api = createWebSocketApi('http://127.0.0.1:4000/?token=abc', 'abc', {
    openSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    offlineWaitMs: 1000,
    backoff: () => 100,
  });
  const last = () => sockets[sockets.length - 1]!;
  return { api, sockets, last };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('createWebSocketApi', () => {
  it('connects to /rpc on the page host with the token in the query', () => {
    const { sockets } = world();
    expect(sockets[0]!.url).toBe('ws://127.0.0.1:4000/rpc?token=abc');
  });

  it('opens nothing without a token, and every call says the page needs the printed address', async () => {
    const sockets: string[] = [];
    const api = createWebSocketApi('http://127.0.0.1:4000/', '', { openSocket: (url) => (sockets.push(url), new FakeSocket(url)) });
    expect(await api.call('agents.list', {})).toEqual({ ok: false, error: { kind: 'no-token', message: expect.stringContaining('?token=') } });
    expect(sockets).toEqual([]);
    expect(api.connection()).toBe('closed');
  });

  it('sends JSON-RPC requests with ids and resolves each with the Response in its result', async () => {
    const { api, last } = world();
    last().open();
    const agents = api.call('agents.list', {});
    const project = api.call('project.current', {});
    const [first, second] = last().json();
    expect(first).toMatchObject({ jsonrpc: '2.0', method: 'agents.list', params: {} });
    expect(second).toMatchObject({ jsonrpc: '2.0', method: 'project.current' });
    expect(first!.id).not.toBe(second!.id);
    // Answers may come back out of order.
    last().receive({ jsonrpc: '2.0', id: second!.id, result: { ok: true, value: null } });
    last().receive({ jsonrpc: '2.0', id: first!.id, result: { ok: false, error: { kind: 'no-project', message: 'No project is open.' } } });
    expect(await project).toEqual({ ok: true, value: null });
    expect(await agents).toEqual({ ok: false, error: { kind: 'no-project', message: 'No project is open.' } });
  });

  it('keeps the kind of a JSON-RPC level error', async () => {
    const { api, last } = world();
    last().open();
    const call = api.call('agents.list', {});
    const id = last().json()[0]!.id;
    last().receive({ jsonrpc: '2.0', id, error: { code: -32601, message: 'Method not found' } });
    expect(await call).toEqual({ ok: false, error: { kind: 'unknown-method', message: 'Method not found' } });
  });

  it('holds calls made before the socket opens and sends them once it does', async () => {
    const { api, last } = world();
    const call = api.call('sessions.list', {});
    expect(last().sent).toEqual([]);
    last().open();
    const request = last().json()[0]!;
    expect(request.method).toBe('sessions.list');
    last().receive({ jsonrpc: '2.0', id: request.id, result: { ok: true, value: [] } });
    expect(await call).toEqual({ ok: true, value: [] });
  });

  it('fails a call with kind disconnected when the socket stays away too long', async () => {
    const { api } = world();
    const call = api.call('sessions.list', {});
    await vi.advanceTimersByTimeAsync(1000);
    expect(await call).toMatchObject({ ok: false, error: { kind: 'disconnected' } });
  });

  it('fails calls in flight when the connection drops, then reconnects with backoff and says so', async () => {
    const { api, sockets, last } = world();
    const states: Array<[string, boolean]> = [];
    api.onConnection((state, reconnected) => states.push([state, reconnected]));
    last().open();
    const call = api.call('agents.list', {});
    last().drop();
    expect(await call).toMatchObject({ ok: false, error: { kind: 'disconnected' } });
    expect(sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(sockets).toHaveLength(2);
    last().open();
    expect(states).toEqual([
      ['open', false],
      ['reconnecting', false],
      ['open', true],
    ]);
    expect(api.connection()).toBe('open');
  });

  it('delivers notifications to the listeners of that event and drops malformed ones', () => {
    const { api, last } = world();
    last().open();
    const seen: unknown[] = [];
    const off = api.on('sessions.changed', (session) => seen.push(session.id));
    const changedAgents = vi.fn();
    api.on('agents.changed', changedAgents);
    last().receive({ jsonrpc: '2.0', method: 'agents.changed', params: {} });
    last().receive({ jsonrpc: '2.0', method: 'sessions.changed', params: { id: 'broken' } });
    const session = {
      id: 's1', agent: 'reviewer', agentName: 'Reviewer', profile: 'shell', pid: 1, cwd: '/p', status: 'busy',
      startedAt: 1, cols: 80, rows: 24, missingSkills: [],
    };
    last().receive({ jsonrpc: '2.0', method: 'sessions.changed', params: session });
    off();
    last().receive({ jsonrpc: '2.0', method: 'sessions.changed', params: { ...session, id: 's2' } });
    expect(changedAgents).toHaveBeenCalledTimes(1);
    expect(seen).toEqual(['s1']);
  });

  it('refuses calls after dispose without touching the socket', async () => {
    const { api, last } = world();
    last().open();
    api.dispose();
    expect(last().closedByClient).toBe(true);
    expect(await api.call('agents.list', {})).toMatchObject({ ok: false, error: { kind: 'disconnected' } });
  });
});

describe('attachTerminal over WebSocket', () => {
  function attach() {
    const w = world();
    w.last().open();
    const got: Array<[string, unknown]> = [];
    const attachment = w.api.attachTerminal('s 1', {
      snapshot: (data) => got.push(['snapshot', data]),
      data: (bytes) => got.push(['data', new TextDecoder().decode(bytes)]),
      exit: (info) => got.push(['exit', info]),
    });
    return { ...w, got, attachment, term: w.last() };
  }

  it('opens /term/<id> with the token and binary frames as ArrayBuffer', () => {
    const { term } = attach();
    expect(term.url).toBe('ws://127.0.0.1:4000/term/s%201?token=abc');
    expect(term.binaryType).toBe('arraybuffer');
  });

  it('hands the snapshot, then output bytes, then the exit to the sink in order', () => {
    const { term, got } = attach();
    term.open();
    term.receive(JSON.stringify({ t: 'snapshot', data: 'hello\r\n' }));
    term.receive(new TextEncoder().encode('héllo').buffer as ArrayBuffer);
    term.receive(JSON.stringify({ t: 'exit', code: 3 }));
    expect(got).toEqual([
      ['snapshot', 'hello\r\n'],
      ['data', 'héllo'],
      ['exit', { code: 3, reason: undefined }],
    ]);
  });

  it('sends input, resize and acks as ClientControl JSON, never crediting more than was received', async () => {
    const { term, attachment } = attach();
    term.open();
    term.receive(new Uint8Array(10).buffer);
    attachment.input('ls\r');
    attachment.resize(120.7, 40);
    attachment.ack(4);
    await Promise.resolve();
    attachment.ack(100);
    await Promise.resolve();
    expect(term.json()).toEqual([
      { t: 'input', data: 'ls\r' },
      { t: 'resize', cols: 120, rows: 40 },
      { t: 'ack', bytes: 4 },
      { t: 'ack', bytes: 6 },
    ]);
  });

  it('sends the acks of one turn as one message, at the end of the turn', async () => {
    const { term, attachment } = attach();
    term.open();
    term.receive(new Uint8Array(30).buffer);
    attachment.ack(10);
    attachment.ack(10);
    attachment.ack(5);
    expect(term.json()).toEqual([]);
    await Promise.resolve();
    expect(term.json()).toEqual([{ t: 'ack', bytes: 25 }]);
  });

  it('sends a skip after the acks of what the view dropped, not before them', async () => {
    const { term, attachment } = attach();
    term.open();
    term.receive(new Uint8Array(30).buffer);
    attachment.ack(30);
    attachment.skip();
    await Promise.resolve();
    expect(term.json()).toEqual([{ t: 'ack', bytes: 30 }, { t: 'skip' }]);
  });

  it('keeps input typed while connecting and sends the last resize first once open', () => {
    const { term, attachment } = attach();
    attachment.input('a');
    attachment.resize(90, 30);
    attachment.resize(100, 30);
    attachment.input('b');
    term.open();
    expect(term.json()).toEqual([
      { t: 'resize', cols: 100, rows: 30 },
      { t: 'input', data: 'a' },
      { t: 'input', data: 'b' },
    ]);
  });

  it('reconnects after a drop and swallows acks for bytes of the old connection', async () => {
    const { term, attachment, sockets, last } = attach();
    term.open();
    term.receive(new Uint8Array(8).buffer);
    term.drop();
    await vi.advanceTimersByTimeAsync(100);
    const again = last();
    expect(sockets.length).toBe(3);
    again.open();
    again.receive(new Uint8Array(5).buffer);
    attachment.ack(8);
    attachment.ack(5);
    await Promise.resolve();
    expect(again.json()).toEqual([{ t: 'ack', bytes: 5 }]);
  });

  it('does not reconnect once the session exited or the view closed the attachment', async () => {
    const { term, attachment, sockets } = attach();
    term.open();
    term.receive(JSON.stringify({ t: 'exit', code: 0 }));
    term.drop();
    await vi.advanceTimersByTimeAsync(1000);
    expect(sockets.length).toBe(2);
    attachment.close();
    attachment.input('x');
    expect(term.sent).toEqual([]);
  });
});

describe('chooseApi', () => {
  it('prefers the desktop bridge when the preload exposed one', () => {
    const bridge = { kind: 'desktop' } as never;
    expect(chooseApi({ tessera: bridge, location: { search: '' } as Location, sessionStorage: {} as Storage })).toBe(bridge);
  });
});

describe('what the page says about its server after a drop', () => {
  const first = { app: '1.0.0', protocol: 1, pid: 100, startedAt: 1 };

  function probed(answers: IdentityProbe[]) {
    const sockets: FakeSocket[] = [];
    const heard: IdentityProbe[] = [];
    const api = createWebSocketApi('http://127.0.0.1:4000/', 'abc', {
      openSocket: (url) => {
        const socket = new FakeSocket(url);
        sockets.push(socket);
        return socket;
      },
      backoff: () => 100,
      probeIdentity: () => {
        const next = answers.shift() ?? { kind: 'unreachable' };
        heard.push(next);
        return Promise.resolve(next);
      },
    });
    const seen: Array<[string, string | undefined]> = [];
    api.onConnection((state) => seen.push([state, api.problem()?.kind]));
    return { api, sockets, last: () => sockets[sockets.length - 1]!, seen, heard };
  }

  it('retries while nothing answers, says so, and connects again once the same server is back', async () => {
    const w = probed([{ kind: 'tessera', identity: first }, { kind: 'unreachable' }, { kind: 'unreachable' }, { kind: 'tessera', identity: first }]);
    w.last().open();
    await vi.advanceTimersByTimeAsync(0);
    w.last().drop();
    await vi.advanceTimersByTimeAsync(100);
    expect(w.api.problem()).toEqual({ kind: 'unreachable' });
    expect(w.sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(w.sockets).toHaveLength(2);
    w.last().open();
    expect(w.api.problem()).toBeUndefined();
    expect(w.seen).toEqual([
      ['open', undefined],
      ['reconnecting', undefined],
      ['reconnecting', 'unreachable'],
      ['open', undefined],
    ]);
  });

  it('tells a restarted server from the same one, and the notice goes once read', async () => {
    const w = probed([{ kind: 'tessera', identity: first }, { kind: 'tessera', identity: { ...first, pid: 101, startedAt: 2 } }]);
    w.last().open();
    await vi.advanceTimersByTimeAsync(0);
    w.last().drop();
    await vi.advanceTimersByTimeAsync(100);
    w.last().open();
    expect(w.api.connection()).toBe('open');
    expect(w.api.problem()).toEqual({ kind: 'restarted' });
    w.api.acknowledgeProblem();
    expect(w.api.problem()).toBeUndefined();
  });

  it('stops for good when the server is another version, and says which', async () => {
    const w = probed([{ kind: 'tessera', identity: first }, { kind: 'tessera', identity: { ...first, app: '2.0.0', pid: 101 } }]);
    w.last().open();
    await vi.advanceTimersByTimeAsync(0);
    w.last().drop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(w.sockets).toHaveLength(1);
    expect(w.api.connection()).toBe('closed');
    expect(w.api.problem()).toEqual({ kind: 'version-changed', was: '1.0.0', now: '2.0.0' });
    expect(await w.api.call('agents.list', {})).toMatchObject({ ok: false, error: { kind: 'disconnected' } });
  });

  it('stops for good when the server refuses the token, and retries while another program answers', async () => {
    const w = probed([{ kind: 'tessera', identity: first }, { kind: 'not-tessera' }, { kind: 'token-refused' }]);
    w.last().open();
    await vi.advanceTimersByTimeAsync(0);
    w.last().drop();
    await vi.advanceTimersByTimeAsync(100);
    expect(w.api.problem()).toEqual({ kind: 'not-tessera' });
    expect(w.api.connection()).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(w.api.problem()).toEqual({ kind: 'token-refused' });
    expect(w.api.connection()).toBe('closed');
    expect(w.heard).toHaveLength(3);
    expect(w.sockets).toHaveLength(1);
  });

});
