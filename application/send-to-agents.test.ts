import { describe, expect, it } from 'vitest';
import { RecordingEventBus } from '../adapters/events/recording-event-bus';
import { FakePtyPort, type FakePtyHandle } from '../adapters/memory/fake-pty';
import { PlainTextMirrorFactory } from '../adapters/memory/plain-text-mirror';
import { SendToAgents } from './send-to-agents';
import { SessionRegistry } from './session-registry';

function world() {
  const events = new RecordingEventBus();
  const registry = new SessionRegistry({ mirrors: new PlainTextMirrorFactory(), events });
  const pty = new FakePtyPort().define('agent');
  const handles = new Map<string, FakePtyHandle>();
  const start = (id: string) => {
    const spawned = pty.spawn({ command: 'agent', args: [], cwd: '/p', env: {}, size: { cols: 40, rows: 5 } });
    if (!spawned.ok) throw new Error('spawn');
    registry.add({ id, agent: `agent-${id}`, agentName: id, profile: 'fake', pid: spawned.value.pid, cwd: '/p', status: 'starting', startedAt: 1, size: { cols: 40, rows: 5 }, missingSkills: [] }, spawned.value);
    handles.set(id, pty.last());
    return pty.last();
  };
  const send = new SendToAgents({ registry, events });
  send.start();
  const written = (id: string) => handles.get(id)?.written ?? [];
  return { registry, start, send, written };
}

describe('SendToAgents', () => {
  it('writes the message with Enter to an idle agent at once', async () => {
    const { registry, start, send, written } = world();
    start('a');
    registry.setStatus('a', 'idle');
    const result = await send.execute({ message: 'run the tests\n', to: ['a'] });
    expect(result).toEqual({ ok: true, value: [{ id: 'a', agent: 'agent-a', outcome: 'sent' }] });
    expect(written('a')).toEqual(['run the tests\r']);
  });

  it('queues for a busy agent and delivers when it becomes idle, in order', async () => {
    const { registry, start, send, written } = world();
    start('a');
    registry.setStatus('a', 'busy');
    await send.execute({ message: 'first', to: ['a'] });
    const second = await send.execute({ message: 'second', to: ['a'] });
    expect(second.ok && second.value).toEqual([{ id: 'a', agent: 'agent-a', outcome: 'queued', status: 'busy' }]);
    expect(written('a')).toEqual([]);
    expect(send.queued('a')).toEqual(['first', 'second']);
    registry.setStatus('a', 'idle');
    expect(written('a')).toEqual(['first\r', 'second\r']);
    expect(send.queued('a')).toEqual([]);
  });

  it('never types onto a needs-input prompt: the message waits until the agent is idle', async () => {
    const { registry, start, send, written } = world();
    start('a');
    registry.setStatus('a', 'needs-input');
    const result = await send.execute({ message: 'hello', to: ['a'] });
    expect(result.ok && result.value[0]).toMatchObject({ outcome: 'queued', status: 'needs-input' });
    registry.setStatus('a', 'busy');
    expect(written('a')).toEqual([]);
    registry.setStatus('a', 'idle');
    expect(written('a')).toEqual(['hello\r']);
  });

  it('sends to all live agents, reporting each, and skips ended or unknown ones', async () => {
    const { registry, start, send, written } = world();
    start('a');
    start('b');
    start('c').exit(0);
    registry.setStatus('a', 'idle');
    const all = await send.execute({ message: 'status?', to: 'all' });
    expect(all.ok && all.value).toEqual([
      { id: 'a', agent: 'agent-a', outcome: 'sent' },
      { id: 'b', agent: 'agent-b', outcome: 'queued', status: 'starting' },
    ]);
    const some = await send.execute({ message: 'x', to: ['c', 'zzz'] });
    expect(some.ok && some.value).toEqual([
      { id: 'c', agent: 'agent-c', outcome: 'skipped', reason: 'session-not-live' },
      { id: 'zzz', outcome: 'skipped', reason: 'session-not-found' },
    ]);
    expect(written('c')).toEqual([]);
  });

  it('drops a queue when its session ends, and refuses an empty message', async () => {
    const { registry, start, send } = world();
    const agent = start('a');
    registry.setStatus('a', 'busy');
    await send.execute({ message: 'later', to: ['a'] });
    agent.exit(1);
    expect(send.queued('a')).toEqual([]);
    expect(await send.execute({ message: '  ', to: 'all' })).toEqual({ ok: false, error: { kind: 'message-empty' } });
  });

  it('drops what waits for a session on cancel, so nothing is typed later', async () => {
    const { registry, start, send, written } = world();
    start('a');
    registry.setStatus('a', 'busy');
    await send.execute({ message: 'one', to: ['a'] });
    expect(send.cancel('a')).toBe(1);
    registry.setStatus('a', 'idle');
    expect(written('a')).toEqual([]);
    const result = await send.execute({ message: 'two', to: ['a'] });
    expect(result.ok && result.value[0]?.outcome).toBe('sent');
    expect(written('a')).toEqual(['two\r']);
  });
});
