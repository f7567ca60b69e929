import { describe, expect, it } from 'vitest';
import { RecordingEventBus } from '../adapters/events/recording-event-bus';
import { FakePtyPort } from '../adapters/memory/fake-pty';
import { FakeProcessControl, InMemoryProcessRecordStore } from '../adapters/memory/in-memory-process-records';
import { InMemoryTranscriptStore } from '../adapters/memory/in-memory-transcript-store';
import { PlainTextMirrorFactory } from '../adapters/memory/plain-text-mirror';
import { sessionHeader } from '../domain/transcript-header';
import { ReadTranscript } from './read-transcript';
import { SessionRecorder } from './session-recorder';
import { SessionRegistry } from './session-registry';

function world() {
  const registry = new SessionRegistry({ mirrors: new PlainTextMirrorFactory(), events: new RecordingEventBus() });
  const transcripts = new InMemoryTranscriptStore();
  const records = new InMemoryProcessRecordStore();
  const control = new FakeProcessControl();
  const host = control.start();
  const recorder = new SessionRecorder({ registry, projectRoot: '/proj', transcripts, records, control, hostPid: host.pid });
  recorder.start();
  const pty = new FakePtyPort().define('agent');
  const launch = (id: string, agent: string) => {
    const spawned = pty.spawn({ command: 'agent', args: [], cwd: '/p', env: {}, size: { cols: 40, rows: 5 } });
    if (!spawned.ok) throw new Error('spawn');
    control.start({ pid: spawned.value.pid });
    registry.add({ id, agent, agentName: agent, profile: 'fake', pid: spawned.value.pid, cwd: '/p', status: 'starting', startedAt: 5, size: { cols: 40, rows: 5 }, missingSkills: [] }, spawned.value);
    return pty.last();
  };
  return { registry, transcripts, records, control, host, recorder, launch };
}

describe('SessionRecorder', () => {
  it('appends each session’s raw output to its agent’s transcript, across sessions of that agent', async () => {
    const { transcripts, recorder, launch } = world();
    const first = launch('s1', 'rev');
    first.emit('\x1b[1mhello\x1b[0m\r\n');
    first.exit(0);
    const second = launch('s2', 'rev');
    second.emit('again\r\n');
    launch('s3', 'other').emit('elsewhere');
    await recorder.settle();
    // Each session starts with its boundary line, so runs of one agent read apart.
    const header = (id: string, agent: string, pid: number) => sessionHeader({ id, agentName: agent, profile: 'fake', pid, startedAt: 5, size: { cols: 40, rows: 5 } });
    expect(await transcripts.read('rev', 1000)).toBe(`${header('s1', 'rev', first.pid)}\x1b[1mhello\x1b[0m\r\n${header('s2', 'rev', second.pid)}again\r\n`);
    const read = await new ReadTranscript({ transcripts }).execute({ slug: 'other' });
    expect(read).toMatchObject({ ok: true, value: expect.stringMatching(/^\r\n──── other: session s3 started .*\r\nelsewhere$/) });
  });

  it('records a running session’s process with identities, and forgets it when it ends', async () => {
    const { records, control, host, recorder, launch } = world();
    const agent = launch('s1', 'rev');
    await recorder.settle();
    expect(await records.list()).toEqual([{
      pid: agent.pid, pgid: agent.pid, agent: 'rev', project: '/proj', startedAt: 5, hostPid: host.pid,
      identity: control.identify(agent.pid), hostIdentity: control.identify(host.pid), mark: 's1',
    }]);
    control.end(agent.pid);
    agent.exit(1);
    await recorder.settle();
    expect(await records.list()).toEqual([]);
  });

  it('keeps the record of a session whose leader exited while a process it started runs on, for the next run’s sweep', async () => {
    const { records, control, recorder, launch } = world();
    const agent = launch('a1b2c3d4-0000-4000-8000-000000000001', 'rev');
    // A daemon of the agent's: it left the group and the session, and carries the session's mark.
    control.start({ mark: 'a1b2c3d4-0000-4000-8000-000000000001' });
    control.end(agent.pid);
    agent.exit(0);
    await recorder.settle();
    expect(await records.list()).toMatchObject([{ pid: agent.pid, mark: 'a1b2c3d4-0000-4000-8000-000000000001' }]);
  });
});

describe('SessionRecorder at an exit', () => {
  it('looks for what is left of a session only once every listener has heard of its exit', async () => {
    const { registry, control, recorder, launch } = world();
    const order: string[] = [];
    const isAlive = control.isAlive.bind(control);
    control.isAlive = (target) => {
      order.push('looked for what is left');
      return isAlive(target);
    };
    const agent = launch('s1', 'rev');
    // A view attaches after the recorder has: it hears the exit after the recorder's own listener.
    registry.onExit('s1', () => order.push('view heard the exit'));
    control.end(agent.pid);
    agent.exit(0);
    await recorder.settle();
    expect(order).toEqual(['view heard the exit', 'looked for what is left']);
  });

  it('reads the host’s identity once, however many sessions it records', async () => {
    const { control, host, recorder, launch } = world();
    const asked: number[] = [];
    const identify = control.identify.bind(control);
    control.identify = (pid) => {
      asked.push(pid);
      return identify(pid);
    };
    launch('s1', 'one');
    launch('s2', 'two');
    await recorder.settle();
    expect(asked.filter((pid) => pid === host.pid)).toHaveLength(1);
  });
});

describe('ReadTranscript', () => {
  it('refuses a name that is not a slug', async () => {
    const result = await new ReadTranscript({ transcripts: new InMemoryTranscriptStore() }).execute({ slug: '../etc' });
    expect(result.ok).toBe(false);
  });
});
