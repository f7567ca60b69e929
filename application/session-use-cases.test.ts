import { describe, expect, it } from 'vitest';
import { RecordingEventBus } from '../adapters/events/recording-event-bus';
import { FakePtyPort } from '../adapters/memory/fake-pty';
import { FixedClock } from '../adapters/memory/fixed-clock';
import { InMemoryAgentStore } from '../adapters/memory/in-memory-agent-store';
import { InMemoryFileSystem } from '../adapters/memory/in-memory-file-system';
import { InMemorySkillStore } from '../adapters/memory/in-memory-skill-store';
import { PlainTextMirrorFactory } from '../adapters/memory/plain-text-mirror';
import { SequentialIds } from '../adapters/memory/sequential-ids';
import type { ProfileStore } from '../domain/ports/profile-store.port';
import type { Profile } from '../domain/profile';
import { ok } from '../domain/result';
import { KillSession } from './kill-session';
import { LaunchAgent } from './launch-agent';
import { ListSessions } from './list-sessions';
import { ResizeSession } from './resize-session';
import { RestartSession } from './restart-session';
import { SessionRegistry } from './session-registry';
import { SnapshotSession } from './snapshot-session';
import { WriteToSession } from './write-to-session';

const profile = (over: Partial<Profile> = {}): Profile => ({
  id: 'fake',
  name: 'Fake',
  command: 'fake-agent',
  args: [],
  env: {},
  inject: { kind: 'args', args: ['--context-file', '{contextPath}'] },
  status: { needsInput: [], busy: [] },
  resume: { args: ['--continue'] },
  builtin: false,
  ...over,
});

async function world(profiles: Profile[] = [profile()]) {
  const agents = new InMemoryAgentStore();
  await agents.save({ slug: 'rev', name: 'Rev', profile: 'fake', skills: [], workspace: 'run-dir', args: [], env: {}, persona: 'Review.' });
  await agents.save({ slug: 'plain', name: 'Plain', profile: 'plain', skills: [], workspace: 'run-dir', args: [], env: {}, persona: 'Hi.' });
  const profileStore: ProfileStore = {
    list: async () => profiles,
    get: async (id) => profiles.find((p) => p.id === id),
    broken: async () => [],
    save: async () => ok(undefined),
  };
  const fs = new InMemoryFileSystem();
  const pty = new FakePtyPort().define('fake-agent', (p) => {
    p.output(`started ${p.spec.args.join(' ')}\r\n`);
    p.onInput((data) => p.output(`got ${data}\r\n`));
  });
  const events = new RecordingEventBus();
  const registry = new SessionRegistry({ mirrors: new PlainTextMirrorFactory(), events });
  const launch = new LaunchAgent({
    projectRoot: '/proj', agents, profiles: profileStore, skills: new InMemorySkillStore(), fs, pty, registry, events,
    clock: new FixedClock(), ids: new SequentialIds('s'), baseEnv: {},
  });
  const started = await launch.execute({ slug: 'rev', size: { cols: 60, rows: 6 } });
  if (!started.ok) throw new Error(JSON.stringify(started.error));
  return {
    pty, registry, events, launch, id: started.value.id,
    write: new WriteToSession({ registry }),
    resize: new ResizeSession({ registry }),
    kill: new KillSession({ registry }),
    restart: new RestartSession({ registry, profiles: profileStore, launch }),
    snapshot: new SnapshotSession({ registry }),
    list: new ListSessions({ registry }),
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('session use cases', () => {
  it('writes input to a live session and refuses an ended or unknown one', async () => {
    const w = await world();
    expect(await w.write.execute({ id: w.id, data: 'hi\r' })).toEqual({ ok: true, value: undefined });
    expect(w.pty.last().written).toEqual(['hi\r']);
    expect(await w.write.execute({ id: 'nope', data: 'x' })).toEqual({ ok: false, error: { kind: 'session-not-found', id: 'nope' } });
    w.pty.last().exit(0);
    expect(await w.write.execute({ id: w.id, data: 'x' })).toEqual({ ok: false, error: { kind: 'session-not-live', id: w.id } });
  });

  it('clamps a resize into range and applies it to the PTY', async () => {
    const w = await world();
    const resized = await w.resize.execute({ id: w.id, cols: 5000, rows: 0 });
    expect(resized.ok && resized.value.size).toEqual({ cols: 1000, rows: 1 });
    expect(w.pty.last().sizes).toEqual([{ cols: 1000, rows: 1 }]);
    expect((await w.resize.execute({ id: w.id, cols: Number.NaN, rows: 3 })).ok).toBe(false);
    expect(await w.resize.execute({ id: 'nope', cols: 3, rows: 3 })).toEqual({ ok: false, error: { kind: 'session-not-found', id: 'nope' } });
  });

  it('kills a session, again without error, and reports an unknown one', async () => {
    const w = await world();
    expect(await w.kill.execute({ id: w.id })).toEqual({ ok: true, value: undefined });
    expect(await w.kill.execute({ id: w.id })).toEqual({ ok: true, value: undefined });
    expect(w.registry.get(w.id)?.status).toBe('exited');
    expect(await w.kill.execute({ id: 'nope' })).toEqual({ ok: false, error: { kind: 'session-not-found', id: 'nope' } });
  });

  it('snapshots the screen as text and lists the sessions', async () => {
    const w = await world();
    await tick();
    const shot = await w.snapshot.execute({ id: w.id });
    expect(shot.ok && shot.value.text).toContain('started --context-file /proj/.tessera/run/rev/context.md');
    expect(await w.snapshot.execute({ id: 'nope' })).toEqual({ ok: false, error: { kind: 'session-not-found', id: 'nope' } });
    const listed = await w.list.execute();
    expect(listed.ok && listed.value.map((s) => [s.id, s.status])).toEqual([[w.id, 'busy']]);
  });

  it('restarts a live session: kills it, then launches the agent again at the same size', async () => {
    const w = await world();
    await w.resize.execute({ id: w.id, cols: 70, rows: 9 });
    const restarted = await w.restart.execute({ id: w.id, resume: false });
    expect(restarted.ok && restarted.value.id).toBe('s-2');
    expect(w.pty.handles[0]?.killed).toBe(true);
    expect(w.pty.spawned[1]?.size).toEqual({ cols: 70, rows: 9 });
    expect(w.pty.spawned[1]?.args).not.toContain('--continue');
  });

  it('appends the profile resume args when asked to resume', async () => {
    const w = await world();
    w.pty.last().exit(1);
    const restarted = await w.restart.execute({ id: w.id, resume: true });
    expect(restarted.ok).toBe(true);
    expect(w.pty.spawned[1]?.args.at(-1)).toBe('--continue');
  });

  it('refuses to resume with a profile that declares no resume args, leaving the session alone', async () => {
    const w = await world([profile({ resume: undefined })]);
    expect(await w.restart.execute({ id: w.id, resume: true })).toEqual({ ok: false, error: { kind: 'resume-unsupported', profileId: 'fake' } });
    expect(w.pty.last().killed).toBe(false);
    expect(await w.restart.execute({ id: 'nope', resume: false })).toEqual({ ok: false, error: { kind: 'session-not-found', id: 'nope' } });
  });
});
