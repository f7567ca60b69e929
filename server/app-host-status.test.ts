import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppHost } from './app-host';
import { createAppHost, type AppHostSettings } from './composition-root';
import { definedEnv } from './config-dir';
import type { SessionDto } from '../contract/contract';
import type { HostEvent } from './host-api';

/**
 * Status, restarts, transcripts and process records through the real host (node-pty, the headless
 * mirror, real files, the fake agent CLI): statuses reach `sessions.list` and the views, the restart policy relaunches, quit flushes the
 * transcripts and kills every agent, and a crashed host's agents are found and killed by the next.
 */
const fakeAgent = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'e2e', 'fixtures', 'fake-agent');

let root: string;
let projectDir: string;
let configDir: string;
const hosts: AppHost[] = [];

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'tessera-host-status-'));
  projectDir = join(root, 'project');
  configDir = join(root, 'config');
  mkdirSync(join(projectDir, '.tessera', 'agents'), { recursive: true });
  mkdirSync(join(configDir, 'tessera', 'profiles'), { recursive: true });
  const profile = (id: string, args: string[]) => ({
    id,
    name: id,
    command: fakeAgent,
    args,
    env: {},
    inject: { kind: 'convention-file', target: 'AGENTS.md' },
    status: { needsInput: ['\\(y/n\\)\\s*$'], busy: [] },
  });
  writeFileSync(join(configDir, 'tessera', 'profiles', 'fake.json'), JSON.stringify(profile('fake', [])));
  writeFileSync(join(configDir, 'tessera', 'profiles', 'script.json'), JSON.stringify(profile('script', ['--script', 'busy-then-ask-then-fail'])));
  persona('flaky', 'Flaky', 'script', 'restart: on-failure\n');
  persona('calm', 'Calm', 'fake', '');
});

afterEach(async () => {
  for (const host of hosts.splice(0)) await host.dispose();
  rmSync(root, { recursive: true, force: true });
});

function persona(slug: string, name: string, profile: string, extra: string): void {
  writeFileSync(join(projectDir, '.tessera', 'agents', `${slug}.md`), `---\nname: ${name}\nprofile: ${profile}\n${extra}---\nA persona.\n`);
}

function makeHost(options: Partial<AppHostSettings> = {}): AppHost {
  const host = createAppHost({
    configDir,
    env: definedEnv(),
    log: () => undefined,
    killTimeoutMs: 5000,
    statusTiming: { quietMs: 300 },
    backoff: { initialDelayMs: 50 },
    ...options,
  });
  hosts.push(host);
  return host;
}

async function call<T>(host: AppHost, method: Parameters<AppHost['call']>[0], params: object = {}): Promise<T> {
  const response = await host.call(method, params);
  if (!response.ok) throw new Error(`${method}: ${response.error.kind}: ${response.error.message}`);
  return response.value as T;
}

/** The project ships its agents (written above), so it is untrusted until the user says yes. */
async function openTrusted(host: AppHost): Promise<void> {
  await call(host, 'project.open', { path: projectDir });
  await call(host, 'project.trust');
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Retries `check` (assertions) until it passes or the deadline ends; the last failure is reported. */
async function eventually(check: () => unknown, deadlineMs: number): Promise<void> {
  const start = Date.now();
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() - start > deadlineMs) throw error;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

/** Consecutive duplicates collapsed: the sequence of statuses a view saw. */
const sequence = (statuses: string[]): string[] => statuses.filter((s, i) => s !== statuses[i - 1]);

describe('AppHost with status, restarts, transcripts and process records', () => {
  it('reports starting, busy, needs-input then failed for an agent that asks and fails, and its policy relaunches it', async () => {
    const host = makeHost();
    const events: HostEvent[] = [];
    host.onEvent((event) => events.push(event));
    await openTrusted(host);
    const first = await call<SessionDto>(host, 'agents.launch', { slug: 'flaky' });
    await eventually(async () => {
      const listed = await call<SessionDto[]>(host, 'sessions.list');
      expect(listed.find((s) => s.id === first.id)?.status).toBe('needs-input');
    }, 10_000);
    await call(host, 'sessions.write', { id: first.id, data: 'y\r' });
    await eventually(() => {
      const relaunched = events.find((e) => e.name === 'sessions.changed' && e.payload.agent === 'flaky' && e.payload.id !== first.id);
      expect(relaunched).toBeDefined();
    }, 10_000);
    const firstStatuses = events.flatMap((e) => (e.name === 'sessions.changed' && e.payload.id === first.id ? [e.payload.status] : []));
    expect(sequence(firstStatuses)).toEqual(['starting', 'busy', 'needs-input', 'failed']);
    const failed = events.find((e) => e.name === 'sessions.changed' && e.payload.id === first.id && e.payload.status === 'failed');
    expect(failed?.payload).toMatchObject({ exitCode: 1, reason: 'exited with code 1' });
    expect(events.find((e) => e.name === 'agents.restarting')?.payload).toEqual({ kind: 'scheduled', agent: 'flaky', attempt: 1, delayMs: 50 });
    const listed = await call<SessionDto[]>(host, 'sessions.list');
    expect(listed.filter((s) => s.agent === 'flaky').map((s) => s.status)).toEqual([expect.stringMatching(/^(starting|busy|needs-input)$/)]);
  });

  it('does not restart an agent the user killed, and calls off a restart waiting on its backoff', async () => {
    const host = makeHost({ backoff: { initialDelayMs: 400 } });
    const events: HostEvent[] = [];
    host.onEvent((event) => events.push(event));
    await openTrusted(host);
    const first = await call<SessionDto>(host, 'agents.launch', { slug: 'flaky' });
    await eventually(async () => expect((await call<SessionDto[]>(host, 'sessions.list'))[0]?.status).toBe('needs-input'), 10_000);
    await call(host, 'sessions.write', { id: first.id, data: 'y\r' });
    await eventually(() => expect(events.some((e) => e.name === 'agents.restarting')).toBe(true), 10_000);
    // The user stops the failed agent while its restart waits: it stays down.
    await call(host, 'sessions.kill', { id: first.id });
    await new Promise((r) => setTimeout(r, 800));
    const listed = await call<SessionDto[]>(host, 'sessions.list');
    expect(listed.map((s) => [s.id, s.status])).toEqual([[first.id, 'failed']]);
  });

  it('on quit kills every agent and writes the transcript batch still waiting', async () => {
    const host = makeHost({ transcripts: { batchMs: 60_000 } });
    await openTrusted(host);
    const session = await call<SessionDto>(host, 'agents.launch', { slug: 'calm' });
    await eventually(async () => expect((await call<{ text: string }>(host, 'sessions.snapshot', { id: session.id })).text).toContain('fake-agent>'), 10_000);
    const log = join(projectDir, '.tessera', 'logs', 'calm.log');
    // The batch waits a minute: only the quit can have written it.
    expect(existsSync(log) ? readFileSync(log, 'utf8') : '').not.toContain('fake-agent>');
    await host.dispose();
    expect(readFileSync(log, 'utf8')).toContain('fake-agent>');
    expect(alive(session.pid)).toBe(false);
    const recordsDir = join(configDir, 'tessera', 'processes');
    const records = existsSync(recordsDir) ? readdirSync(recordsDir).map((f) => readFileSync(join(recordsDir, f), 'utf8')).join('') : '';
    expect(records).not.toContain(`"pid":${session.pid}`);
  });

  it('reads an agent transcript back through sessions.transcript', async () => {
    const host = makeHost({ transcripts: { batchMs: 10 } });
    await openTrusted(host);
    const session = await call<SessionDto>(host, 'agents.launch', { slug: 'calm' });
    await call(host, 'sessions.write', { id: session.id, data: 'remember me\r' });
    await eventually(async () => expect((await call<{ text: string }>(host, 'sessions.transcript', { slug: 'calm' })).text).toContain('echo: remember me'), 10_000);
  });

  it('finds the agents of a host that crashed, and kills them when asked', async () => {
    // A pid that belonged to a process that has ended: the "crashed" host.
    const deadPid = spawnSync('true').pid;
    const crashed = makeHost({ hostPid: deadPid });
    await openTrusted(crashed);
    const orphan = await call<SessionDto>(crashed, 'agents.launch', { slug: 'calm' });
    const next = makeHost();
    await eventually(async () => expect(await call(next, 'orphans.list')).toEqual([{ pid: orphan.pid, agent: 'calm', project: projectDir, startedAt: orphan.startedAt }]), 5000);
    // The running host never reports its own agents.
    expect(await call(crashed, 'orphans.list')).toEqual([]);
    expect(await call(next, 'orphans.kill', { pids: 'all' })).toEqual([{ pid: orphan.pid, agent: 'calm', project: projectDir, startedAt: orphan.startedAt }]);
    await eventually(() => expect(alive(orphan.pid)).toBe(false), 5000);
    expect(await call(next, 'orphans.list')).toEqual([]);
  });
});
