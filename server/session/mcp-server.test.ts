import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionDto } from '../../contract/contract';
import { connectSession, type SessionClient } from '../../contract/session-client';
import type { AppHost } from '../app-host';
import { createAppHost } from '../composition-root';
import { definedEnv } from '../config-dir';
import { agentMessagingPath } from '../agent-messaging';
import { AgentCapabilities, agentToolsGrant } from './agent-tools';
import { socketDuplex } from './node-duplex';
import { startSessionServer, type RunningSessionServer } from './session-server';
import { tesseraMcpServer } from './mcp-server';

/**
 * The MCP tools of `tessera mcp` against a real session server with real agents (the fake agent
 * CLI): each agent's capability comes from the MCP configuration its launch was handed, and it
 * reaches only its own project's agents, messaging and launching them only once the user allowed it.
 */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fakeAgent = join(repoRoot, 'e2e', 'fixtures', 'fake-agent');
const timers = {
  setTimeout: (fn: () => void, ms: number): unknown => setTimeout(fn, ms),
  clearTimeout: (handle: unknown): void => clearTimeout(handle as ReturnType<typeof setTimeout>),
  queueMicrotask: (fn: () => void): void => queueMicrotask(fn),
};

let dir: string;
let shop: string;
let other: string;
let configDir: string;
let runtime: string;
let host: AppHost;
let server: RunningSessionServer;
let client: SessionClient;
const sessions: Record<string, SessionDto> = {};

function agentFile(project: string, slug: string): void {
  mkdirSync(join(project, '.tessera', 'agents'), { recursive: true });
  writeFileSync(join(project, '.tessera', 'agents', `${slug}.md`), `---\nname: ${slug[0]!.toUpperCase()}${slug.slice(1)}\nprofile: fake\n---\nA bot.\n`);
}

async function call<T>(method: string, params: unknown = {}): Promise<T> {
  const response = await client.call(method as never, params as never);
  if (!response.ok) throw new Error(`${method}: ${response.error.message}`);
  return response.value as T;
}

async function screenOf(id: string, lines = 200): Promise<string> {
  return (await call<{ text: string }>('sessions.snapshot', { id, scrollbackLines: lines })).text;
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** An MCP client talking to the tools as the agent whose MCP configuration is at `configPath`. */
async function toolsOf(capability: string): Promise<Client> {
  const tools = tesseraMcpServer((method, params) => client.callServer(method, { ...params, capability } as never), 't');
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await tools.connect(serverSide);
  const mcp = new Client({ name: 'test-agent', version: '1.0.0' });
  await mcp.connect(clientSide);
  return mcp;
}

function capabilityOf(sessionId: string): { capability: string; path: string } {
  const path = join(runtime, 'mcp', `${sessionId}.json`);
  const config = JSON.parse(readFileSync(path, 'utf8')) as { mcpServers: { tessera: { command: string; args: string[]; env: Record<string, string> } } };
  return { capability: config.mcpServers.tessera.env.TESSERA_MCP_CAPABILITY as string, path };
}

async function use(mcp: Client, name: string, args: Record<string, unknown> = {}): Promise<{ text: string; isError: boolean }> {
  const result = (await mcp.callTool({ name, arguments: args })) as { content: Array<{ type: string; text: string }>; isError?: boolean };
  return { text: result.content.map((c) => c.text).join('\n'), isError: result.isError === true };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tessera-mcp-'));
  shop = join(dir, 'shop');
  other = join(dir, 'other');
  for (const slug of ['lead', 'worker', 'helper']) agentFile(shop, slug);
  agentFile(other, 'stranger');
  configDir = join(dir, 'config');
  runtime = join(dir, 'run', 'tessera');
  mkdirSync(join(configDir, 'tessera', 'profiles'), { recursive: true });
  writeFileSync(
    join(configDir, 'tessera', 'profiles', 'fake.json'),
    JSON.stringify({
      id: 'fake',
      name: 'fake',
      command: fakeAgent,
      args: [],
      env: {},
      inject: { kind: 'convention-file', target: 'AGENTS.md' },
      mcpConfigArgs: ['--mcp-config', '{mcpConfig}'],
      status: { needsInput: [], busy: [] },
    }),
  );
  const env = { ...definedEnv(), TESSERA_CONFIG_DIR: configDir };
  const capabilities = new AgentCapabilities();
  const agentTools = agentToolsGrant({ capabilities, runtimeDir: runtime, mcpCommand: { file: process.execPath, args: ['tessera', 'mcp'] }, env });
  host = createAppHost({ configDir, env, log: () => undefined, killTimeoutMs: 5000, agentTools });
  const started = await startSessionServer({ host, runtimeDir: runtime, configDir, app: 't', staticDir: dir, idleExitMs: 600_000, log: () => undefined, capabilities });
  if (!started.ok) throw new Error(JSON.stringify(started.error));
  server = started.value;
  const socket = createConnection(server.socketPath);
  await new Promise((r) => socket.once('connect', r));
  const connected = await connectSession(socketDuplex(socket), { app: 't', client: 'script', timers });
  if (!connected.ok) throw new Error(connected.error.message);
  client = connected.value;

  await call('project.open', { path: other });
  await call('project.trust');
  sessions.stranger = await call<SessionDto>('agents.launch', { slug: 'stranger' });
  await call('project.open', { path: shop });
  await call('project.trust');
  for (const slug of ['lead', 'worker']) sessions[slug] = await call<SessionDto>('agents.launch', { slug });
  for (const slug of ['lead', 'worker']) await until(async () => (await screenOf(sessions[slug]!.id)).includes('fake-agent>'), `${slug}'s prompt`);
}, 120_000);

afterAll(async () => {
  client?.close();
  await server?.stop('asked');
  await host?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('tessera mcp', () => {
  it('is handed to each agent through its launch options, with a capability of its own', async () => {
    const lead = capabilityOf(sessions.lead!.id);
    const worker = capabilityOf(sessions.worker!.id);
    expect(lead.capability).not.toBe(worker.capability);
    expect(lead.capability.length).toBeGreaterThanOrEqual(24);
    // The screen wraps at 80 columns: the line is read whole.
    expect((await screenOf(sessions.lead!.id)).replaceAll('\n', '')).toContain(`argv=["--mcp-config","${lead.path}"]`);
    expect(statSync(lead.path).mode & 0o777).toBe(0o600);
  });

  it("lists the caller's project only, and names the caller", async () => {
    const mcp = await toolsOf(capabilityOf(sessions.lead!.id).capability);
    const listed = await use(mcp, 'list_agents');
    expect(listed.isError).toBe(false);
    expect(listed.text).toMatch(/^you: lead\n/);
    expect(listed.text).toMatch(/worker \(Worker\): (idle|busy|starting)/);
    expect(listed.text).toContain('helper (Helper): not-running');
    expect(listed.text).not.toContain('stranger');
    const foreign = await use(mcp, 'read_agent', { agent: 'stranger' });
    expect(foreign).toEqual({ isError: true, text: 'This project has no agent "stranger" (the agent tool "list" names them).' });
    await mcp.close();
  });

  it('refuses to message or launch while the setting is off: a clear tool error, and nothing sent or logged', async () => {
    const mcp = await toolsOf(capabilityOf(sessions.lead!.id).capability);
    const sent = await use(mcp, 'send_message', { agent: 'worker', text: 'do not arrive' });
    expect(sent.isError).toBe(true);
    expect(sent.text).toMatch(/may not message worker: the user has not allowed it .*is off/);
    const launched = await use(mcp, 'launch_agent', { agent: 'helper' });
    expect(launched.isError).toBe(true);
    expect(launched.text).toContain('may not launch helper');
    expect(await screenOf(sessions.worker!.id)).not.toContain('do not arrive');
    expect(existsSync(join(shop, '.tessera', 'logs', 'messages.jsonl'))).toBe(false);
    await mcp.close();
  });

  it('with the setting on, sends a message that reaches the other agent and the messages log, waits for it, and reads it back', async () => {
    writeFileSync(agentMessagingPath(configDir), JSON.stringify({ projects: { [shop]: 'on' } }));
    const mcp = await toolsOf(capabilityOf(sessions.lead!.id).capability);
    expect(await use(mcp, 'wait_for_agent', { agent: 'worker', until: 'idle', timeoutSeconds: 30 })).toEqual({ isError: false, text: 'worker is idle.' });
    expect(await use(mcp, 'send_message', { agent: 'worker', text: 'please review the diff' })).toEqual({ isError: false, text: 'Sent to worker.' });
    await until(async () => (await screenOf(sessions.worker!.id)).includes('echo: [message from agent lead] please review the diff'), 'the message');
    const log = readFileSync(join(shop, '.tessera', 'logs', 'messages.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, string>);
    expect(log).toEqual([{ at: expect.any(String), from: 'lead', to: 'worker', text: 'please review the diff' }]);
    const read = await use(mcp, 'read_agent', { agent: 'worker', lines: 3 });
    expect(read.text).toContain('echo: [message from agent lead] please review the diff');
    expect(read.text.split('\n').length).toBeLessThanOrEqual(3);
    expect(await use(mcp, 'launch_agent', { agent: 'helper' })).toMatchObject({ isError: false, text: expect.stringMatching(/^Launched helper/) });
    await mcp.close();
  });

  it('sets a status message shown beside the caller in the list and in its pane header, as messages are in the receiver\'s', async () => {
    const notes: unknown[] = [];
    const off = client.on('agents.note', (note) => notes.push(note));
    const mcp = await toolsOf(capabilityOf(sessions.lead!.id).capability);
    expect(await use(mcp, 'send_message', { agent: 'worker', text: 'second task' })).toMatchObject({ isError: false });
    expect(await use(mcp, 'set_status', { message: 'reviewing the parser' })).toEqual({ isError: false, text: 'Status set.' });
    expect((await use(mcp, 'list_agents')).text).toMatch(/lead \(Lead\): \S+ - reviewing the parser/);
    expect(notes).toEqual([
      { agent: 'worker', kind: 'message', from: 'lead', text: 'second task', at: expect.any(Number) },
      { agent: 'lead', kind: 'status', text: 'reviewing the parser', at: expect.any(Number) },
    ]);
    off();
    await mcp.close();
  });

  it('with the setting "ask", shows the request to the project\'s views and acts on the answer: allowed, it is sent; denied, the agent is told and nothing is sent', async () => {
    expect(await call('agentMessaging.set', { setting: 'ask' })).toEqual({ setting: 'ask' });
    const requests: Array<{ id: string; from: string; to: string; kind: string; text?: string }> = [];
    const off = client.on('agentMessaging.requested', (request) => requests.push(request));
    const mcp = await toolsOf(capabilityOf(sessions.lead!.id).capability);

    const allowed = use(mcp, 'send_message', { agent: 'worker', text: 'allowed by the user' });
    await until(async () => requests.length === 1, 'the request');
    expect(requests[0]).toMatchObject({ from: 'lead', to: 'worker', kind: 'send', text: 'allowed by the user' });
    expect((await call<{ pending: unknown[] }>('agentMessaging.get')).pending).toEqual([requests[0]]);
    await call('agentMessaging.answer', { id: requests[0]!.id, allow: true });
    expect(await allowed).toEqual({ isError: false, text: 'Sent to worker.' });
    await until(async () => (await screenOf(sessions.worker!.id)).includes('[message from agent lead] allowed by the user'), 'the allowed message');

    const denied = use(mcp, 'send_message', { agent: 'worker', text: 'denied by the user' });
    await until(async () => requests.length === 2, 'the second request');
    await call('agentMessaging.answer', { id: requests[1]!.id, allow: false });
    const refusal = await denied;
    expect(refusal.isError).toBe(true);
    expect(refusal.text).toMatch(/^The user denied this request: you may not message worker now/);
    const launch = use(mcp, 'launch_agent', { agent: 'helper' });
    await until(async () => requests.length === 3, 'the launch request');
    expect(requests[2]).toMatchObject({ from: 'lead', to: 'helper', kind: 'launch' });
    await call('agentMessaging.answer', { id: requests[2]!.id, allow: false });
    expect(await launch).toMatchObject({ isError: true, text: expect.stringContaining('may not launch helper') });
    expect(await screenOf(sessions.worker!.id)).not.toContain('denied by the user');
    expect(readFileSync(join(shop, '.tessera', 'logs', 'messages.jsonl'), 'utf8')).not.toContain('denied by the user');
    expect((await call<{ pending: unknown[] }>('agentMessaging.get')).pending).toEqual([]);
    off();
    await mcp.close();
  });

  it('refuses a capability it never gave, and one whose agent has stopped, whose configuration is removed', async () => {
    const forged = await toolsOf('x'.repeat(32));
    expect(await use(forged, 'list_agents')).toMatchObject({ isError: true, text: expect.stringContaining('does not speak for a running agent') });
    await forged.close();
    const { capability, path } = capabilityOf(sessions.worker!.id);
    await call('sessions.kill', { id: sessions.worker!.id });
    await until(async () => !existsSync(path), 'the configuration removed');
    const stopped = await toolsOf(capability);
    expect(await use(stopped, 'list_agents')).toMatchObject({ isError: true, text: expect.stringContaining('does not speak for a running agent') });
    await stopped.close();
  });
});
