import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../adapters/contracts/eventually';
import { sessionOf } from '../adapters/contracts/proc';
import { InMemoryEventBus } from '../adapters/events/in-memory-event-bus';
import { InMemoryAgentStore } from '../adapters/memory/in-memory-agent-store';
import { InMemorySkillStore } from '../adapters/memory/in-memory-skill-store';
import { XtermHeadlessMirrorFactory } from '../adapters/mirror/xterm-headless-mirror';
import { NodeFileSystem } from '../adapters/node-fs/node-file-system';
import { JsonProcessRecordStore } from '../adapters/process-record/json-process-record';
import { NodeProcessControl } from '../adapters/process-record/node-process-control';
import { NodePtyAdapter } from '../adapters/pty/node-pty-adapter';
import { killMarked, systemProcessTable } from '../adapters/shared/session-mark';
import { NodeScheduler } from '../adapters/system/node-scheduler';
import { RandomIdGenerator } from '../adapters/system/random-id-generator';
import { SystemClock } from '../adapters/system/system-clock';
import { FileTranscriptStore } from '../adapters/transcripts/file-transcript';
import type { ProfileStore } from '../domain/ports/profile-store.port';
import type { Profile } from '../domain/profile';
import { ok } from '../domain/result';
import type { SessionStatus } from '../domain/session';
import { exitStatus } from '../domain/status';
import { FindOrphans, KillOrphans } from './find-orphans';
import { LaunchAgent } from './launch-agent';
import { SessionRecorder } from './session-recorder';
import { SessionRegistry } from './session-registry';
import { StatusTracker } from './status-tracker';
import { Supervisor } from './supervisor';

// Real node-pty, the real mirror, real timers, real files and the fake agent CLI.
const FAKE_AGENT = resolve(__dirname, '..', 'e2e', 'fixtures', 'fake-agent');
const dirs: string[] = [];
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((fn) => fn()));
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function tempDir(prefix: string): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  dirs.push(dir);
  return dir;
}
const env = (home: string) => ({ PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, TERM: 'xterm-256color' });

/** Live processes of a session (node-pty makes each agent a session leader). */
function sessionProcesses(leader: number): string[] {
  return execFileSync('ps', ['-A', '-o', 'pid=,sess=,stat='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, sess, stat]) => sess === String(leader) && !stat?.startsWith('Z'))
    .map(([pid]) => pid ?? '');
}

async function world() {
  const root = tempDir('tessera-status-');
  const agents = new InMemoryAgentStore();
  await agents.save({ slug: 'flaky', name: 'Flaky', profile: 'fake', skills: [], workspace: 'run-dir', args: [], env: {}, persona: 'p', restart: 'on-failure' });
  const profile: Profile = {
    id: 'fake', name: 'Fake', command: FAKE_AGENT, args: ['--script', 'busy-then-ask-then-fail'], env: {},
    inject: { kind: 'convention-file', target: 'CLAUDE.md' }, status: { needsInput: ['\\(y/n\\)\\s*$'], busy: [] }, builtin: false,
  };
  const profiles: ProfileStore = { list: async () => [profile], get: async (id) => (id === 'fake' ? profile : undefined), broken: async () => [], save: async () => ok(undefined) };
  const events = new InMemoryEventBus();
  const registry = new SessionRegistry({ mirrors: new XtermHeadlessMirrorFactory(), events, endStatus: exitStatus });
  const clock = new SystemClock();
  const scheduler = new NodeScheduler();
  const launch = new LaunchAgent({
    projectRoot: root, agents, profiles, skills: new InMemorySkillStore(), fs: new NodeFileSystem(), pty: new NodePtyAdapter({ killGraceMs: 300 }),
    registry, events, clock, ids: new RandomIdGenerator(), baseEnv: env(root),
  });
  const tracker = new StatusTracker({ registry, profiles, scheduler, clock, timing: { quietMs: 1000 } });
  const supervisor = new Supervisor({ registry, agents, launch, scheduler, clock, backoff: { initialDelayMs: 50 } });
  const transcripts = new FileTranscriptStore(join(root, '.tessera', 'logs'), { batchMs: 20 });
  const records = new JsonProcessRecordStore(join(tempDir('tessera-config-'), 'processes'));
  const recorder = new SessionRecorder({ registry, projectRoot: root, transcripts, records, control: new NodeProcessControl(), hostPid: process.pid });
  const started = [tracker.start(), supervisor.start(), recorder.start()];
  cleanups.push(() => {
    started.forEach((d) => d.dispose());
    registry.killAll();
  });
  const statuses = new Map<string, SessionStatus[]>();
  events.subscribe((event) => {
    if (event.type !== 'sessions.changed') return;
    const seen = statuses.get(event.session.id) ?? [];
    if (seen.at(-1) !== event.session.status) seen.push(event.session.status);
    statuses.set(event.session.id, seen);
  });
  return { root, registry, launch, statuses, transcripts, records, recorder };
}

describe('agent status with a real agent', () => {
  it('goes starting -> busy -> needs-input -> failed, and the restart policy relaunches it', async () => {
    const { registry, launch, statuses, transcripts, records, recorder } = await world();
    const launched = await launch.execute({ slug: 'flaky', size: { cols: 100, rows: 30 } });
    if (!launched.ok) throw new Error(JSON.stringify(launched.error));
    const first = launched.value;

    await eventually(() => registry.get(first.id)?.status === 'needs-input', 'needs-input', 15_000);
    await recorder.settle();
    expect((await records.list()).map((r) => r.pid)).toContain(first.pid);

    registry.write(first.id, 'y\r');
    await eventually(() => registry.get(first.id)?.status === 'failed', 'failed');
    expect(registry.get(first.id)).toMatchObject({ exitCode: 1, reason: 'exited with code 1' });
    expect(statuses.get(first.id)).toEqual(['starting', 'busy', 'needs-input', 'failed']);

    const second = await eventually(() => {
      const live = registry.liveForAgent('flaky');
      return live && live.id !== first.id ? live : undefined;
    }, 'the relaunched session');
    expect(second.pid).not.toBe(first.pid);

    await recorder.settle();
    const log = await transcripts.read('flaky', 100_000);
    expect(log).toContain('working 1');
    expect(log).toContain('Do you want to proceed? (y/n)');
    expect(log).toContain('failing on purpose');
    expect((await records.list()).map((r) => r.pid)).not.toContain(first.pid);
  });
});

describe('no orphans', () => {
  it('kills every session’s whole tree on killAll, including grandchildren that ignore SIGHUP and SIGTERM', async () => {
    const registry = new SessionRegistry({ mirrors: new XtermHeadlessMirrorFactory(), events: new InMemoryEventBus(), endStatus: exitStatus });
    const pty = new NodePtyAdapter({ killGraceMs: 300 });
    const cwd = tempDir('tessera-killall-');
    const stubborn = `process.on('SIGHUP', () => {}); process.on('SIGTERM', () => {}); setInterval(() => {}, 1000);`;
    const agent = `require('node:child_process').spawn(process.execPath, ['-e', ${JSON.stringify(stubborn)}], { stdio: 'ignore' });
      process.on('SIGHUP', () => {}); process.stdout.write('started\\n'); setInterval(() => {}, 1000);`;
    const leaders: number[] = [];
    for (const id of ['a', 'b']) {
      const spawned = pty.spawn({ command: process.execPath, args: ['-e', agent], cwd, env: env(cwd), size: { cols: 80, rows: 24 } });
      if (!spawned.ok) throw new Error('spawn');
      leaders.push(spawned.value.pid);
      registry.add({ id, agent: id, agentName: id, profile: 'p', pid: spawned.value.pid, cwd, status: 'starting', startedAt: 0, size: { cols: 80, rows: 24 }, missingSkills: [] }, spawned.value);
    }
    cleanups.push(() => registry.killAll());
    await eventually(() => leaders.every((pid) => sessionProcesses(pid).length === 2), 'agents and grandchildren running');
    registry.killAll();
    await eventually(() => leaders.every((pid) => sessionProcesses(pid).length === 0), 'every process gone', 15_000);
    await eventually(() => registry.list().every((s) => s.status === 'exited'), 'both sessions exited (not failed: quit asked for it)');
  });

  it('finds the agents a crashed Tessera left behind, and kills them with their grandchildren when asked', async () => {
    const configDir = join(tempDir('tessera-crash-'), 'processes');
    const cwd = tempDir('tessera-crash-cwd-');
    // A previous Tessera: starts an agent (which forks a grandchild, both ignoring SIGHUP), records it, and dies.
    const stubborn = `process.on('SIGHUP', () => {}); setInterval(() => {}, 1000);`;
    const agentScript = `require('node:child_process').spawn(process.execPath, ['-e', ${JSON.stringify(stubborn)}], { stdio: 'ignore' });
      process.on('SIGHUP', () => {}); setInterval(() => {}, 1000);`;
    const host = `
      import { NodePtyAdapter } from ${JSON.stringify(resolve(__dirname, '..', 'adapters', 'pty', 'node-pty-adapter.ts'))};
      import { JsonProcessRecordStore } from ${JSON.stringify(resolve(__dirname, '..', 'adapters', 'process-record', 'json-process-record.ts'))};
      import { NodeProcessControl } from ${JSON.stringify(resolve(__dirname, '..', 'adapters', 'process-record', 'node-process-control.ts'))};
      const spawned = new NodePtyAdapter().spawn({ command: process.execPath, args: ['-e', ${JSON.stringify(agentScript)}], cwd: ${JSON.stringify(cwd)}, env: { PATH: process.env.PATH }, size: { cols: 80, rows: 24 } });
      const pid = spawned.value.pid;
      const control = new NodeProcessControl();
      await new JsonProcessRecordStore(${JSON.stringify(configDir)}).add({ pid, pgid: pid, agent: 'rev', project: ${JSON.stringify(cwd)}, startedAt: Date.now(), hostPid: process.pid, identity: control.identify(pid), hostIdentity: control.identify(process.pid) });
      setTimeout(() => { process.stdout.write(String(pid) + '\\n'); process.kill(process.pid, 'SIGKILL'); }, 500);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', host], { cwd: resolve(__dirname, '..'), stdio: ['ignore', 'pipe', 'inherit'] });
    const agentPid = await new Promise<number>((done) => child.stdout.once('data', (d: Buffer) => done(Number(String(d).trim()))));
    await new Promise((done) => child.once('exit', done));
    cleanups.push(() => {
      try {
        process.kill(-agentPid, 'SIGKILL');
      } catch {
        // gone, as it should be
      }
    });
    await eventually(() => sessionProcesses(agentPid).length === 2, 'the orphaned agent and its grandchild still running');

    const deps = { records: new JsonProcessRecordStore(configDir), control: new NodeProcessControl(), hostPid: process.pid };
    const found = await new FindOrphans(deps).execute();
    expect(found.ok && found.value.map((r) => [r.pid, r.agent])).toEqual([[agentPid, 'rev']]);
    const killed = await new KillOrphans(deps).execute({ pids: 'all' });
    expect(killed.ok && killed.value.map((r) => r.pid)).toEqual([agentPid]);
    await eventually(() => sessionProcesses(agentPid).length === 0, 'nothing left of the crashed run');
    expect(await deps.records.list()).toEqual([]);
  });

  it('finds and kills, after a crash, a process an agent started that left its group and session (setsid)', async () => {
    const configDir = join(tempDir('tessera-crash-setsid-'), 'processes');
    const cwd = tempDir('tessera-crash-setsid-cwd-');
    const mark = randomUUID();
    cleanups.push(() => void killMarked(mark));
    // A previous Tessera: starts an agent that starts `setsid sleep`, records it with its mark, and dies.
    const agentScript = `require('node:child_process').spawn('setsid', ['sleep', '300'], { stdio: 'ignore' });
      process.on('SIGHUP', () => {}); setInterval(() => {}, 1000);`;
    const host = `
      import { NodePtyAdapter } from ${JSON.stringify(resolve(__dirname, '..', 'adapters', 'pty', 'node-pty-adapter.ts'))};
      import { JsonProcessRecordStore } from ${JSON.stringify(resolve(__dirname, '..', 'adapters', 'process-record', 'json-process-record.ts'))};
      import { NodeProcessControl } from ${JSON.stringify(resolve(__dirname, '..', 'adapters', 'process-record', 'node-process-control.ts'))};
      const spawned = new NodePtyAdapter().spawn({ command: process.execPath, args: ['-e', ${JSON.stringify(agentScript)}], cwd: ${JSON.stringify(cwd)}, env: { PATH: process.env.PATH }, size: { cols: 80, rows: 24 }, mark: ${JSON.stringify(mark)} });
      const pid = spawned.value.pid;
      const control = new NodeProcessControl();
      await new JsonProcessRecordStore(${JSON.stringify(configDir)}).add({ pid, pgid: pid, agent: 'rev', project: ${JSON.stringify(cwd)}, startedAt: Date.now(), hostPid: process.pid, identity: control.identify(pid), hostIdentity: control.identify(process.pid), mark: ${JSON.stringify(mark)} });
      setTimeout(() => { process.stdout.write(String(pid) + '\\n'); process.kill(process.pid, 'SIGKILL'); }, 500);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', host], { cwd: resolve(__dirname, '..'), stdio: ['ignore', 'pipe', 'inherit'] });
    const agentPid = await new Promise<number>((done) => child.stdout.once('data', (d: Buffer) => done(Number(String(d).trim()))));
    await new Promise((done) => child.once('exit', done));
    const escaped = await eventually(async () => (await systemProcessTable.marked(mark)).find((pid) => sessionOf(pid) === pid && pid !== agentPid), 'the sleep that left the agent’s session');
    cleanups.push(() => {
      for (const pid of [agentPid, escaped]) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone, as it should be
        }
      }
    });

    const deps = { records: new JsonProcessRecordStore(configDir), control: new NodeProcessControl(), hostPid: process.pid };
    const found = await new FindOrphans(deps).execute();
    expect(found.ok && found.value.map((r) => [r.pid, r.agent])).toEqual([[agentPid, 'rev']]);
    await new KillOrphans(deps).execute({ pids: 'all' });
    await eventually(async () => (await systemProcessTable.marked(mark)).length === 0, 'nothing carrying the session’s mark');
    expect(sessionOf(escaped)).toBeUndefined();
  });
});

