import { describe, expect, it } from 'vitest';
import { RecordingEventBus } from '../adapters/events/recording-event-bus';
import { FakePtyPort, type FakePtyHandle } from '../adapters/memory/fake-pty';
import { InMemoryProfileStore } from '../adapters/memory/in-memory-profile-store';
import { ManualScheduler } from '../adapters/memory/manual-scheduler';
import { PlainTextMirrorFactory } from '../adapters/memory/plain-text-mirror';
import type { Profile } from '../domain/profile';
import { SendToAgents } from './send-to-agents';
import { SessionRegistry } from './session-registry';
import { DEFAULT_SUBMIT_TIMING, SubmitMessage } from './submit-message';

const profile: Profile = {
  id: 'fake', name: 'Fake', command: 'agent', args: [], env: {}, inject: { kind: 'stdin' },
  status: { needsInput: ['\\(y/n\\)\\s*$', 'Yes, I trust this folder'], busy: [] }, builtin: false,
};
const { settleMs, silentMs, maxMs, turnStartMs } = DEFAULT_SUBMIT_TIMING;

function world() {
  const events = new RecordingEventBus();
  const registry = new SessionRegistry({ mirrors: new PlainTextMirrorFactory(), events });
  const scheduler = new ManualScheduler();
  const pty = new FakePtyPort().define('agent');
  const handles = new Map<string, FakePtyHandle>();
  const start = (id: string) => {
    const spawned = pty.spawn({ command: 'agent', args: [], cwd: '/p', env: {}, size: { cols: 40, rows: 5 } });
    if (!spawned.ok) throw new Error('spawn');
    registry.add({ id, agent: `agent-${id}`, agentName: id, profile: 'fake', pid: spawned.value.pid, cwd: '/p', status: 'starting', startedAt: 1, size: { cols: 40, rows: 5 }, missingSkills: [] }, spawned.value);
    handles.set(id, pty.last());
    return pty.last();
  };
  const submit = new SubmitMessage({ registry, profiles: new InMemoryProfileStore([profile]), scheduler });
  const send = new SendToAgents({ registry, events, submit });
  send.start();
  const written = (id: string) => handles.get(id)?.written ?? [];
  /** Sends and lets the submissions run to their end with time moving on. */
  const sendAndWait = async (message: string, to: readonly string[] | 'all') => {
    const result = send.execute({ message, to });
    await scheduler.advanceAsync(maxMs);
    return result;
  };
  return { registry, start, send, written, scheduler, sendAndWait };
}

describe('SendToAgents', () => {
  it('types the text, then presses Enter once the CLI has taken it: its echo has settled', async () => {
    const { registry, start, send, written, scheduler } = world();
    const agent = start('a');
    registry.setStatus('a', 'idle');
    const result = send.execute({ message: 'run the tests\n', to: ['a'] });
    await scheduler.advanceAsync(0);
    expect(written('a')).toEqual(['run the tests']);
    agent.emit('run the');
    await scheduler.advanceAsync(settleMs - 1);
    agent.emit(' tests');
    await scheduler.advanceAsync(settleMs - 1);
    expect(written('a')).toEqual(['run the tests']);
    await scheduler.advanceAsync(1);
    expect(written('a')).toEqual(['run the tests', '\r']);
    expect(await result).toEqual({ ok: true, value: [{ id: 'a', agent: 'agent-a', outcome: 'sent' }] });
  });

  it('pastes the text when the CLI switched bracketed paste on, so a multi-line message stays one', async () => {
    const { registry, start, written, sendAndWait } = world();
    start('a').emit('\x1b[?2004h> ');
    registry.setStatus('a', 'idle');
    await sendAndWait('line one\nline two\x1b[201~', ['a']);
    expect(written('a')).toEqual(['\x1b[200~line one\nline two\x1b[201~', '\r']);
  });

  it('tells a program that heard its terminal lose focus that focus is back before typing, and that it is gone again after Enter', async () => {
    const { registry, start, send, written, scheduler } = world();
    const agent = start('a');
    agent.emit('\x1b[?1004h\x1b[?2004h> ');
    registry.setStatus('a', 'idle');
    registry.write('a', '\x1b[O');
    const result = send.execute({ message: 'hello', to: ['a'] });
    await scheduler.advanceAsync(0);
    agent.emit('hello');
    await scheduler.advanceAsync(maxMs);
    expect(written('a')).toEqual(['\x1b[O', '\x1b[I', '\x1b[200~hello\x1b[201~', '\r', '\x1b[O']);
    expect((await result).ok).toBe(true);
  });

  it('says nothing of focus to a program that did not ask for focus reports, or whose view still has focus', async () => {
    const { registry, start, written, sendAndWait } = world();
    start('a').emit('> ');
    start('b').emit('\x1b[?1004h> ');
    for (const id of ['a', 'b']) registry.setStatus(id, 'idle');
    registry.write('a', '\x1b[O');
    registry.write('b', '\x1b[I');
    await sendAndWait('hello', ['a', 'b']);
    expect(written('a')).toEqual(['\x1b[O', 'hello', '\r']);
    expect(written('b')).toEqual(['\x1b[I', 'hello', '\r']);
  });

  it('leaves focus as a view reported it while the message was being typed', async () => {
    const { registry, start, send, written, scheduler } = world();
    const agent = start('a');
    agent.emit('\x1b[?1004h> ');
    registry.setStatus('a', 'idle');
    registry.write('a', '\x1b[O');
    void send.execute({ message: 'hello', to: ['a'] });
    await scheduler.advanceAsync(0);
    registry.write('a', '\x1b[I');
    agent.emit('hello');
    await scheduler.advanceAsync(maxMs);
    expect(written('a')).toEqual(['\x1b[O', '\x1b[I', 'hello', '\x1b[I', '\r']);
  });

  it('waits for the screen to show the text, not for any output: a redraw before the echo does not count', async () => {
    const { registry, start, send, written, scheduler } = world();
    const agent = start('a');
    registry.setStatus('a', 'idle');
    void send.execute({ message: 'SEND-MARKER: hi', to: ['a'] });
    await scheduler.advanceAsync(0);
    agent.emit('\r\nShift+Tab to accept edits\r\n');
    await scheduler.advanceAsync(3 * settleMs);
    expect(written('a')).toEqual(['SEND-MARKER: hi']);
    agent.emit('> SEND-MARKER: hi');
    await scheduler.advanceAsync(settleMs);
    expect(written('a')).toEqual(['SEND-MARKER: hi', '\r']);
  });

  it('presses Enter at the latest after its bound when the screen never shows the text, quiet or noisy', async () => {
    const { registry, start, send, written, scheduler } = world();
    start('a');
    const noisy = start('b');
    registry.setStatus('a', 'idle');
    registry.setStatus('b', 'idle');
    void send.execute({ message: 'hidden', to: ['a', 'b'] });
    await scheduler.advanceAsync(silentMs);
    for (let t = silentMs; t < maxMs - settleMs; t += settleMs / 2) {
      noisy.emit('.');
      await scheduler.advanceAsync(settleMs / 2);
    }
    expect(written('a')).toEqual(['hidden']);
    expect(written('b')).toEqual(['hidden']);
    await scheduler.advanceAsync(settleMs);
    expect(written('a')).toEqual(['hidden', '\r']);
    expect(written('b')).toEqual(['hidden', '\r']);
  });

  /** Sends `hello` to one agent whose status comes from its hooks, up to its first Enter. */
  async function sentToHooksAgent() {
    const w = world();
    const agent = w.start('a');
    w.registry.setStatus('a', 'idle', 'hooks');
    const result = w.send.execute({ message: 'hello', to: ['a'] });
    await w.scheduler.advanceAsync(0);
    agent.emit('> hello');
    await w.scheduler.advanceAsync(settleMs);
    return { ...w, agent, result };
  }

  it('presses Enter once more when an agent whose hooks tell its turns starts none, and its screen still shows the text', async () => {
    const { written, scheduler, result } = await sentToHooksAgent();
    expect(written('a')).toEqual(['hello', '\r']);
    await scheduler.advanceAsync(turnStartMs - 1);
    expect(written('a')).toEqual(['hello', '\r']);
    await scheduler.advanceAsync(1);
    expect(written('a')).toEqual(['hello', '\r', '\r']);
    expect(await result).toEqual({ ok: true, value: [{ id: 'a', agent: 'agent-a', outcome: 'sent' }] });
  });

  it('never presses Enter again onto a question its screen shows, though the hooks have not said so yet', async () => {
    const { agent, written, scheduler, result } = await sentToHooksAgent();
    agent.emit('\r\nOverwrite? (y/n) ');
    await scheduler.advanceAsync(turnStartMs + maxMs);
    expect(written('a')).toEqual(['hello', '\r']);
    expect((await result).ok).toBe(true);
  });

  it('presses Enter once more for an agent whose title tells its turns, as for one whose hooks do', async () => {
    const { registry, start, send, written, scheduler } = world();
    const agent = start('a');
    registry.setStatus('a', 'idle', 'title');
    const result = send.execute({ message: 'hello', to: ['a'] });
    await scheduler.advanceAsync(0);
    agent.emit('> hello');
    await scheduler.advanceAsync(settleMs + turnStartMs);
    expect(written('a')).toEqual(['hello', '\r', '\r']);
    expect((await result).ok).toBe(true);
  });

  it('presses Enter only once when the hooks announce the turn, or when the user types meanwhile, or when nothing tells its turns', async () => {
    const { registry, start, send, written, scheduler } = world();
    const started = start('started');
    const typed = start('typed');
    const plain = start('plain');
    registry.setStatus('started', 'idle', 'hooks');
    registry.setStatus('typed', 'idle', 'hooks');
    registry.setStatus('plain', 'idle');
    const result = send.execute({ message: 'hello', to: ['started', 'typed', 'plain'] });
    await scheduler.advanceAsync(0);
    for (const agent of [started, typed, plain]) agent.emit('> hello');
    await scheduler.advanceAsync(settleMs);
    registry.setStatus('started', 'busy', 'hooks');
    registry.write('typed', 'x');
    await scheduler.advanceAsync(turnStartMs + maxMs);
    expect(written('started')).toEqual(['hello', '\r']);
    expect(written('typed')).toEqual(['hello', '\r', 'x']);
    expect(written('plain')).toEqual(['hello', '\r']);
    expect((await result).ok).toBe(true);
  });

  it('refuses an agent that is asking a question, by its status or by what its screen shows now', async () => {
    const { registry, start, written, sendAndWait } = world();
    start('asks');
    registry.setStatus('asks', 'needs-input');
    const menu = start('menu');
    menu.emit('Quick safety check\r\n> No, exit\r\n  Yes, I trust this folder');
    registry.setStatus('menu', 'idle');
    const result = await sendAndWait('hello', ['asks', 'menu']);
    expect(result.ok && result.value).toEqual([
      { id: 'asks', agent: 'agent-asks', outcome: 'skipped', reason: 'asking-a-question' },
      { id: 'menu', agent: 'agent-menu', outcome: 'skipped', reason: 'asking-a-question' },
    ]);
    expect(written('asks')).toEqual([]);
    expect(written('menu')).toEqual([]);
  });

  it('queues for a busy agent and submits when it becomes idle, one message after the other', async () => {
    const { registry, start, send, written, scheduler, sendAndWait } = world();
    start('a');
    registry.setStatus('a', 'busy');
    await sendAndWait('first', ['a']);
    const second = await sendAndWait('second', ['a']);
    expect(second.ok && second.value).toEqual([{ id: 'a', agent: 'agent-a', outcome: 'queued', status: 'busy' }]);
    expect(written('a')).toEqual([]);
    expect(send.queued('a')).toEqual(['first', 'second']);
    registry.setStatus('a', 'idle');
    await scheduler.advanceAsync(2 * maxMs);
    expect(written('a')).toEqual(['first', '\r', 'second', '\r']);
    expect(send.queued('a')).toEqual([]);
  });

  it('keeps a queued message when the agent turned idle on a question, and submits it at the next idle', async () => {
    const { registry, start, send, written, scheduler, sendAndWait } = world();
    const agent = start('a');
    registry.setStatus('a', 'busy');
    await sendAndWait('later', ['a']);
    agent.emit('Overwrite? (y/n) ');
    registry.setStatus('a', 'idle');
    await scheduler.advanceAsync(maxMs);
    expect(written('a')).toEqual([]);
    expect(send.queued('a')).toEqual(['later']);
    agent.emit('y\r\ndone\r\n$ ');
    registry.setStatus('a', 'busy');
    registry.setStatus('a', 'idle');
    await scheduler.advanceAsync(maxMs);
    expect(written('a')).toEqual(['later', '\r']);
  });

  it('sends to all live agents, reporting each, and skips ended or unknown ones', async () => {
    const { registry, start, written, sendAndWait } = world();
    start('a');
    start('b');
    start('c').exit(0);
    registry.setStatus('a', 'idle');
    const all = await sendAndWait('status?', 'all');
    expect(all.ok && all.value).toEqual([
      { id: 'a', agent: 'agent-a', outcome: 'sent' },
      { id: 'b', agent: 'agent-b', outcome: 'queued', status: 'starting' },
    ]);
    const some = await sendAndWait('x', ['c', 'zzz']);
    expect(some.ok && some.value).toEqual([
      { id: 'c', agent: 'agent-c', outcome: 'skipped', reason: 'session-not-live' },
      { id: 'zzz', outcome: 'skipped', reason: 'session-not-found' },
    ]);
    expect(written('c')).toEqual([]);
  });

  it('drops a queue when its session ends, and refuses an empty message', async () => {
    const { registry, start, send, sendAndWait } = world();
    const agent = start('a');
    registry.setStatus('a', 'busy');
    await sendAndWait('later', ['a']);
    agent.exit(1);
    expect(send.queued('a')).toEqual([]);
    expect(await send.execute({ message: '  ', to: 'all' })).toEqual({ ok: false, error: { kind: 'message-empty' } });
  });

  it('drops what waits for a session on cancel, so nothing is typed later', async () => {
    const { registry, start, send, written, scheduler, sendAndWait } = world();
    start('a');
    registry.setStatus('a', 'busy');
    await sendAndWait('one', ['a']);
    expect(send.cancel('a')).toBe(1);
    registry.setStatus('a', 'idle');
    await scheduler.advanceAsync(maxMs);
    expect(written('a')).toEqual([]);
    const result = await sendAndWait('two', ['a']);
    expect(result.ok && result.value[0]?.outcome).toBe('sent');
    expect(written('a')).toEqual(['two', '\r']);
  });
});
