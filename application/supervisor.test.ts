import { describe, expect, it } from 'vitest';
import { RecordingEventBus } from '../adapters/events/recording-event-bus';
import { FakePtyPort } from '../adapters/memory/fake-pty';
import { InMemoryAgentStore } from '../adapters/memory/in-memory-agent-store';
import { InMemoryFileSystem } from '../adapters/memory/in-memory-file-system';
import { InMemoryProfileStore } from '../adapters/memory/in-memory-profile-store';
import { InMemorySkillStore } from '../adapters/memory/in-memory-skill-store';
import { ManualScheduler } from '../adapters/memory/manual-scheduler';
import { PlainTextMirrorFactory } from '../adapters/memory/plain-text-mirror';
import { SequentialIds } from '../adapters/memory/sequential-ids';
import type { RestartPolicy } from '../domain/agent';
import type { Profile } from '../domain/profile';
import { exitStatus } from '../domain/status';
import { LaunchAgent } from './launch-agent';
import { SessionRegistry } from './session-registry';
import { Supervisor, type SupervisorEvent } from './supervisor';

const profile: Profile = { id: 'fake', name: 'Fake', command: 'agent', args: [], env: {}, inject: { kind: 'stdin' }, status: { needsInput: [], busy: [] }, builtin: false };

async function world(restart: RestartPolicy | undefined) {
  const scheduler = new ManualScheduler();
  const events = new RecordingEventBus();
  const registry = new SessionRegistry({ mirrors: new PlainTextMirrorFactory(), events, endStatus: exitStatus });
  const agents = new InMemoryAgentStore();
  await agents.save({ slug: 'rev', name: 'Rev', profile: 'fake', skills: [], workspace: 'project', args: [], env: {}, persona: 'p', ...(restart ? { restart } : {}) });
  const pty = new FakePtyPort().define('agent');
  const fs = new InMemoryFileSystem();
  await fs.mkdirp('/proj');
  const launch = new LaunchAgent({
    projectRoot: '/proj', agents, profiles: new InMemoryProfileStore([profile]), skills: new InMemorySkillStore(), fs, pty, registry, events,
    clock: scheduler, ids: new SequentialIds(), baseEnv: {},
  });
  const log: SupervisorEvent[] = [];
  const supervisor = new Supervisor({
    registry, agents, launch, scheduler, clock: scheduler, onEvent: (e) => log.push(e),
    backoff: { initialDelayMs: 1000, factor: 2, maxDelayMs: 3000, maxAttempts: 3, healthyAfterMs: 60_000 },
  });
  supervisor.start();
  const first = await launch.execute({ slug: 'rev', size: { cols: 80, rows: 24 } });
  if (!first.ok) throw new Error(JSON.stringify(first.error));
  return { scheduler, registry, pty, supervisor, log, agents };
}

describe('Supervisor', () => {
  it('relaunches an on-failure agent after a backoff, with growing delays, and gives up after the maximum', async () => {
    const { scheduler, registry, pty, log } = await world('on-failure');
    for (let i = 0; i < 3; i++) {
      pty.last().exit(1);
      await scheduler.advanceAsync(0);
      const delay = [1000, 2000, 3000][i] ?? 0;
      await scheduler.advanceAsync(delay - 1);
      expect(pty.handles).toHaveLength(i + 1);
      await scheduler.advanceAsync(1);
      expect(pty.handles).toHaveLength(i + 2);
      expect(registry.liveForAgent('rev')).toBeDefined();
    }
    pty.last().exit(1);
    await scheduler.advanceAsync(60_000);
    expect(pty.handles).toHaveLength(4);
    expect(registry.liveForAgent('rev')).toBeUndefined();
    expect(log.map((e) => e.kind)).toEqual([
      'restart-scheduled', 'restarted', 'restart-scheduled', 'restarted', 'restart-scheduled', 'restarted', 'gave-up',
    ]);
  });

  it('leaves a clean exit and a kill the user asked for alone', async () => {
    const { scheduler, registry, pty, log } = await world('on-failure');
    pty.last().exit(0);
    await scheduler.advanceAsync(10_000);
    expect(pty.handles).toHaveLength(1);
    expect(log).toEqual([]);
    expect(registry.list()).toHaveLength(1);
  });

  it('does not restart a user kill of an on-failure agent', async () => {
    const { scheduler, registry, pty } = await world('on-failure');
    const [session] = registry.list();
    registry.kill(session?.id ?? '');
    await scheduler.advanceAsync(10_000);
    expect(pty.handles).toHaveLength(1);
  });

  it('never restarts an agent without a restart policy', async () => {
    const { scheduler, pty } = await world(undefined);
    pty.last().exit(1);
    await scheduler.advanceAsync(10_000);
    expect(pty.handles).toHaveLength(1);
  });

  it('tells when the next attempt comes, and can call it off', async () => {
    const { scheduler, pty, supervisor } = await world('on-failure');
    pty.last().exit(1);
    await scheduler.advanceAsync(0);
    expect(supervisor.pending('rev')).toEqual({ attempt: 1, dueAt: scheduler.now() + 1000 });
    expect(supervisor.cancel('rev')).toBe(true);
    await scheduler.advanceAsync(10_000);
    expect(pty.handles).toHaveLength(1);
    expect(supervisor.pending('rev')).toBeUndefined();
  });

  it('counts a relaunch that cannot start as a failure and backs off again', async () => {
    const { scheduler, pty, log, agents } = await world('on-failure');
    await agents.save({ slug: 'rev', name: 'Rev', profile: 'gone', skills: [], workspace: 'project', args: [], env: {}, persona: 'p', restart: 'on-failure' });
    pty.last().exit(1);
    await scheduler.advanceAsync(1000);
    expect(log.map((e) => e.kind)).toEqual(['restart-scheduled', 'restart-failed', 'restart-scheduled']);
    expect(log.at(-1)).toMatchObject({ attempt: 2, delayMs: 2000 });
  });

  it('starts counting again after a run that stayed up', async () => {
    const { scheduler, pty, log } = await world('on-failure');
    pty.last().exit(1);
    await scheduler.advanceAsync(1000);
    await scheduler.advanceAsync(120_000);
    pty.last().exit(1);
    await scheduler.advanceAsync(0);
    expect(log.at(-1)).toEqual({ kind: 'restart-scheduled', agent: 'rev', attempt: 1, delayMs: 1000 });
  });
});
