import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerControl } from '../contract/terminal-stream';
import { autogroupEnabled } from '../adapters/proc/autogroup-cpu-shares';
import type { AppHost } from './app-host';
import { createAppHost } from './composition-root';
import { definedEnv } from './config-dir';
import { startWebServer, type RunningWebServer } from './web/web-server';

/**
 * The whole main process as `tessera web` runs it: the real host (node-pty, the headless mirror, files
 * in a temp dir) behind the real HTTP/WebSocket server, driven over JSON-RPC and the terminal socket
 * like a browser would, with the fake agent CLI of e2e/fixtures.
 */
const fakeAgent = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'e2e', 'fixtures', 'fake-agent');
const TOKEN = 'integration-token';

let root: string;
let projectDir: string;
let host: AppHost;
let server: RunningWebServer;
const logged: string[] = [];

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'tessera-host-'));
  projectDir = join(root, 'project');
  const configDir = join(root, 'config');
  mkdirSync(projectDir);
  mkdirSync(join(configDir, 'tessera', 'profiles'), { recursive: true });
  const profile = (id: string, args: string[]) => ({
    id,
    name: id,
    command: fakeAgent,
    args,
    env: {},
    inject: { kind: 'convention-file', target: 'AGENTS.md' },
    status: { needsInput: [], busy: [] },
  });
  writeFileSync(join(configDir, 'tessera', 'profiles', 'fake.json'), JSON.stringify(profile('fake', [])));
  writeFileSync(join(configDir, 'tessera', 'profiles', 'flood.json'), JSON.stringify(profile('flood', ['--flood', '400000'])));
  logged.length = 0;
  host = createAppHost({
    configDir,
    env: definedEnv(),
    log: (message) => logged.push(message),
    stream: { highWatermark: 32 * 1024, lowWatermark: 8 * 1024 },
    watchDebounceMs: 50,
    killTimeoutMs: 5000,
  });
  server = await startWebServer(host, { host: '127.0.0.1', port: 0, token: TOKEN, staticDir: root, log: () => undefined });
});

afterEach(async () => {
  await server.close();
  await host.dispose();
  rmSync(root, { recursive: true, force: true });
});

/** The fields these tests read from results (sessions, snapshots); the contract schemas check the rest. */
interface RpcValue {
  readonly id: string;
  readonly pid: number;
  readonly text: string;
}

/** A JSON-RPC client over `/rpc` that also records notifications. */
async function rpcClient() {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/rpc?token=${TOKEN}`, { origin: server.origin });
  const notifications: Array<{ method: string; params: unknown }> = [];
  const waiting = new Map<number, (result: unknown) => void>();
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as { id?: number; result?: unknown; method?: string; params?: unknown };
    if (message.id !== undefined) waiting.get(message.id)?.(message.result);
    else if (message.method) notifications.push({ method: message.method, params: message.params });
  });
  await new Promise((r, j) => {
    ws.once('open', r);
    ws.once('error', j);
  });
  let nextId = 1;
  const call = (method: string, params: object = {}) =>
    new Promise<{ ok: boolean; value?: RpcValue; error?: { kind: string; message: string } }>((r) => {
      const id = nextId++;
      waiting.set(id, r as (result: unknown) => void);
      ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    });
  return { ws, call, notifications };
}

/** The terminal socket of one session: text frames parsed, binary frames decoded. */
function terminalClient(sessionId: string) {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/term/${sessionId}?token=${TOKEN}`, { origin: server.origin });
  const controls: ServerControl[] = [];
  const order: string[] = [];
  let text = '';
  let bytes = 0;
  const decoder = new TextDecoder();
  ws.on('message', (data, isBinary) => {
    if (isBinary) {
      const chunk = data as Buffer;
      bytes += chunk.length;
      text += decoder.decode(chunk, { stream: true });
      order.push('data');
    } else {
      const control = JSON.parse(String(data)) as ServerControl;
      controls.push(control);
      order.push(control.t);
    }
  });
  return {
    ws,
    controls,
    order,
    text: () => text,
    bytes: () => bytes,
    send: (message: object) => ws.send(JSON.stringify(message)),
  };
}

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('AppHost behind tessera web', () => {
  it('answers no-project until a project is opened, then announces the switch', async () => {
    const rpc = await rpcClient();
    expect(await rpc.call('agents.list')).toMatchObject({ ok: false, error: { kind: 'no-project' } });
    expect(await rpc.call('project.open', { path: join(root, 'missing') })).toMatchObject({ ok: false, error: { kind: 'project-not-found' } });
    expect(await rpc.call('project.open', { path: projectDir })).toEqual({ ok: true, value: { root: projectDir, name: 'project' } });
    await until(() => rpc.notifications.some((n) => n.method === 'project.changed'), 'project.changed');
    expect(await rpc.call('project.current')).toEqual({ ok: true, value: { root: projectDir, name: 'project' } });
    expect(await rpc.call('project.recent')).toMatchObject({ ok: true, value: [{ root: projectDir }] });
    rpc.ws.close();
  });

  it('creates and launches an agent, streams its terminal (snapshot, then live output), and echoes input', async () => {
    const rpc = await rpcClient();
    await rpc.call('project.open', { path: projectDir });
    expect(await rpc.call('agents.create', { name: 'Echo', profile: 'fake', persona: 'You echo.' })).toMatchObject({ ok: true, value: { slug: 'echo' } });
    await until(() => rpc.notifications.some((n) => n.method === 'agents.changed'), 'agents.changed');
    const launched = await rpc.call('agents.launch', { slug: 'echo', cols: 90, rows: 20 });
    expect(launched).toMatchObject({ ok: true, value: { agent: 'echo', cols: 90, rows: 20 } });
    const id = launched.value!.id;
    await until(async () => Boolean((await rpc.call('sessions.snapshot', { id })).value?.text.includes('fake-agent>')), 'the prompt');
    expect(rpc.notifications.some((n) => n.method === 'sessions.changed' && (n.params as { id: string }).id === id)).toBe(true);

    const term = terminalClient(id);
    await until(() => term.controls.length > 0, 'the snapshot');
    expect(term.order[0]).toBe('snapshot');
    expect(term.controls[0]).toMatchObject({ t: 'snapshot', data: expect.stringContaining('You echo.') });
    term.send({ t: 'input', data: 'héllo wörld\r' });
    await until(() => term.text().includes('echo: héllo wörld'), 'the echo');
    term.send({ t: 'ack', bytes: term.bytes() });

    // The automation API reaches the same session.
    expect(await rpc.call('sessions.write', { id, data: 'again\r' })).toEqual({ ok: true, value: {} });
    await until(() => term.text().includes('echo: again'), 'the second echo');
    term.send({ t: 'input', data: 'exit\r' });
    await until(() => term.controls.some((c) => c.t === 'exit'), 'the exit message');
    expect(term.controls.at(-1)).toEqual({ t: 'exit', code: 0 });
    rpc.ws.close();
    term.ws.close();
  });

  it('shows an ended session as its last screen followed by the exit', async () => {
    const rpc = await rpcClient();
    await rpc.call('project.open', { path: projectDir });
    await rpc.call('agents.create', { name: 'Brief', profile: 'fake' });
    const id = (await rpc.call('agents.launch', { slug: 'brief' })).value!.id;
    const early = terminalClient(id);
    await until(() => early.text().includes('fake-agent>') || early.controls.some((c) => c.t === 'snapshot' && c.data.includes('fake-agent>')), 'the prompt');
    early.ws.close();
    await rpc.call('sessions.write', { id, data: 'exit\r' });
    await until(async () => {
      const sessions = (await rpc.call('sessions.list')).value as unknown as Array<{ id: string; status: string }>;
      return sessions.some((s) => s.id === id && s.status === 'exited');
    }, 'the session to end');
    const late = terminalClient(id);
    await until(() => late.controls.length >= 2, 'snapshot and exit');
    expect(late.order).toEqual(['snapshot', 'exit']);
    expect(late.controls[0]).toMatchObject({ t: 'snapshot', data: expect.stringContaining('fake-agent>') });
    expect(late.controls[1]).toEqual({ t: 'exit', code: 0 });
    late.ws.close();
    rpc.ws.close();
  });

  it('announces persona files edited outside Tessera', async () => {
    const rpc = await rpcClient();
    await rpc.call('project.open', { path: projectDir });
    const before = rpc.notifications.length;
    writeFileSync(join(projectDir, '.tessera', 'agents', 'outside.md'), '---\nname: Outside\nprofile: fake\n---\nHi\n');
    await until(() => rpc.notifications.slice(before).some((n) => n.method === 'agents.changed'), 'agents.changed after an external edit');
    mkdirSync(join(projectDir, '.tessera', 'skills', 'style'));
    writeFileSync(join(projectDir, '.tessera', 'skills', 'style', 'SKILL.md'), '---\nname: style\ndescription: d\n---\nBody\n');
    await until(() => rpc.notifications.slice(before).some((n) => n.method === 'skills.changed'), 'skills.changed after an external edit');
    expect(await rpc.call('agents.list')).toMatchObject({ ok: true, value: [{ slug: 'outside', name: 'Outside' }] });
    rpc.ws.close();
  });

  it('does not let a view that stops acking hold a flooding agent back: its stream stops, the agent goes on, and the view gets the screen once it acks', async () => {
    const rpc = await rpcClient();
    await rpc.call('project.open', { path: projectDir });
    await rpc.call('agents.create', { name: 'Flood', profile: 'flood' });
    const launched = await rpc.call('agents.launch', { slug: 'flood' });
    const id = launched.value!.id;
    const term = terminalClient(id);
    await until(() => term.bytes() > 32 * 1024, 'the first batches');
    // Never acked: the agent prints all of its 400 KB anyway (the view is set aside after catchUpMs).
    await until(async () => {
      const snapshot = await rpc.call('sessions.snapshot', { id });
      return (snapshot.value as { text: string }).text.includes('flood done');
    }, 'the agent to get through its flood without acks');
    // Nothing more was sent to the view: its stream stopped at the window.
    const sent = term.bytes();
    expect(sent).toBeLessThan(400_000);
    expect(term.text()).not.toContain('flood done');
    // It acks what it got (the output and its snapshots): it is brought the screen as it is now.
    const snapshotChars = term.controls.reduce((sum, c) => sum + (c.t === 'snapshot' ? c.data.length : 0), 0);
    term.send({ t: 'ack', bytes: sent + snapshotChars });
    await until(() => term.controls.some((c) => c.t === 'snapshot' && c.data.includes('flood done')), 'a snapshot with the end of the flood');
    rpc.ws.close();
    term.ws.close();
  });

  it('kills every agent process when disposed', async () => {
    const rpc = await rpcClient();
    await rpc.call('project.open', { path: projectDir });
    await rpc.call('agents.create', { name: 'One', profile: 'fake' });
    await rpc.call('agents.create', { name: 'Two', profile: 'fake' });
    const pids = [(await rpc.call('agents.launch', { slug: 'one' })).value!.pid, (await rpc.call('agents.launch', { slug: 'two' })).value!.pid];
    expect(pids.every(alive)).toBe(true);
    rpc.ws.close();
    await host.dispose();
    expect(pids.filter(alive)).toEqual([]);
  });

  it('keeps the sessions of a project running when another project is opened, and shows them again on return', async () => {
    const otherDir = join(root, 'other');
    mkdirSync(otherDir);
    const rpc = await rpcClient();
    await rpc.call('project.open', { path: projectDir });
    await rpc.call('agents.create', { name: 'Keeper', profile: 'fake' });
    const session = (await rpc.call('agents.launch', { slug: 'keeper' })).value!;
    await rpc.call('project.open', { path: otherDir });
    expect(await rpc.call('sessions.list')).toEqual({ ok: true, value: [] });
    expect(alive(session.pid)).toBe(true);
    await rpc.call('project.open', { path: projectDir });
    expect(await rpc.call('sessions.list')).toMatchObject({ ok: true, value: [{ id: session.id, pid: session.pid }] });
    rpc.ws.close();
  });

  it('lets the agents the user is not typing in yield the CPU: typing in one gives it its full share and the one typed in before yields', async () => {
    const rpc = await rpcClient();
    await rpc.call('project.open', { path: projectDir });
    const launch = async (name: string) => {
      const slug = name.toLowerCase();
      await rpc.call('agents.create', { name, profile: 'fake', persona: `You are ${name}.` });
      await until(async () => Boolean((await rpc.call('agents.get', { slug })).ok), `${name} created`);
      const launched = await rpc.call('agents.launch', { slug, cols: 80, rows: 10 });
      const session = launched.value!;
      await until(async () => Boolean((await rpc.call('sessions.snapshot', { id: session.id })).value?.text.includes('fake-agent>')), `${name}'s prompt`);
      return session;
    };
    // Tessera's own group as it was: the suite's session may already yield (run in an agent's pane).
    const ownGroup = ownAutogroup();
    const first = await launch('First');
    const second = await launch('Second');
    // Where the kernel does not group by session, nothing is ever set: both keep their full share.
    const yielding = autogroupEnabled() ? 'yielding' : 'full';
    await until(() => groupShare(first.pid) === yielding && groupShare(second.pid) === yielding, 'both yielding from their first output');

    const term = terminalClient(first.id);
    await until(() => term.controls.length > 0, 'the snapshot');
    term.send({ t: 'input', data: 'x' });
    await until(() => groupShare(first.pid) === 'full', 'the agent typed in at its full share');
    expect(groupShare(second.pid)).toBe(yielding);
    // Writing by the automation API is not the user typing.
    expect(await rpc.call('sessions.write', { id: second.id, data: 'y' })).toEqual({ ok: true, value: {} });
    const other = terminalClient(second.id);
    await until(() => other.controls.length > 0, 'the second snapshot');
    expect([groupShare(first.pid), groupShare(second.pid)]).toEqual(['full', yielding]);
    other.send({ t: 'input', data: 'z' });
    await until(() => groupShare(second.pid) === 'full', 'the second agent typed in at its full share');
    // Without CAP_SYS_ADMIN the kernel takes one change a tenth of a second: the yield follows the full share.
    await until(() => groupShare(first.pid) === yielding, 'the agent typed in before yielding');
    // Tessera's own group is never touched.
    expect(ownAutogroup()).toBe(ownGroup);
    rpc.ws.close();
    term.ws.close();
    other.ws.close();
  });
});

/** This process's session group and its nice, as /proc says them; empty where there is none. */
function ownAutogroup(): string {
  try {
    return readFileSync('/proc/self/autogroup', 'utf8');
  } catch {
    return '';
  }
}

/** The share of the session group `pid` is in: yielding when its autogroup's nice is above 0; full where there is none. */
function groupShare(pid: number | 'self'): 'full' | 'yielding' {
  try {
    const nice = Number(/nice (-?\d+)/.exec(readFileSync(`/proc/${pid}/autogroup`, 'utf8'))?.[1]);
    return nice > 0 ? 'yielding' : 'full';
  } catch {
    return 'full';
  }
}
