import { describe, expect, it } from 'vitest';
import { RecordingEventBus } from '../adapters/events/recording-event-bus';
import type { AgentHookChannel, HookCall } from '../domain/ports/agent-hooks.port';
import { ok } from '../domain/result';
import type { RecordTurnBoundaryInput } from './record-turn-boundary';
import { TurnBoundaryRecorder } from './turn-boundaries';
import { TurnTouchedFiles } from './turn-touched-files';

function world() {
  const events = new RecordingEventBus();
  const listeners = new Set<(call: HookCall) => boolean>();
  const channel: AgentHookChannel = {
    open: () => Promise.reject(new Error('not used')),
    onCall: (listener) => {
      listeners.add(listener);
      return { dispose: () => void listeners.delete(listener) };
    },
    close: () => Promise.resolve(),
  };
  const sessions: Record<string, { agent: string; cwd: string }> = { s1: { agent: 'alpha', cwd: '/p/.tessera/run/alpha' }, s2: { agent: 'beta', cwd: '/p' } };
  const touched = new TurnTouchedFiles({ channel, registry: { get: (id) => sessions[id] }, events });
  touched.start();
  const recorded: RecordTurnBoundaryInput[] = [];
  const recorder = new TurnBoundaryRecorder({
    events,
    touched,
    record: { execute: (input) => (recorded.push(input), Promise.resolve(ok({ turn: 1, boundary: input.boundary, pruned: [] }))) },
    onError: () => undefined,
  });
  recorder.start();
  const taken: boolean[] = [];
  const hook = (sessionId: string, payload: object) => {
    const call: HookCall = { sessionId, payload, waiting: false, answer: () => true, onGone: () => ({ dispose: () => undefined }) };
    for (const listener of listeners) taken.push(listener(call));
  };
  const write = (sessionId: string, file: string) => hook(sessionId, { hook_event_name: 'PostToolUse', tool_name: 'Write', tool_input: { file_path: file } });
  const boundary = (agent: string, which: 'started' | 'ended') => events.publish({ type: 'turns.boundary', agent, boundary: which });
  return { recorder, recorded, write, hook, boundary, taken };
}

describe('TurnTouchedFiles', () => {
  it('gives each agent’s turn end the files its own write events named in that turn, and no one else’s', async () => {
    const w = world();
    w.boundary('alpha', 'started');
    w.boundary('beta', 'started');
    w.write('s1', '/p/a.txt');
    w.write('s2', 'shared.txt');
    w.write('s1', '../../../shared.txt');
    w.hook('s1', { hook_event_name: 'PostToolUse', tool_name: 'Bash', tool_input: { command: 'touch x' } });
    w.write('s3', '/p/unknown-session.txt');
    w.boundary('alpha', 'ended');
    w.boundary('beta', 'ended');
    await w.recorder.settle();
    expect(w.recorded).toEqual([
      { slug: 'alpha', boundary: 'started' },
      { slug: 'beta', boundary: 'started' },
      { slug: 'alpha', boundary: 'ended', touched: ['/p/a.txt', '/p/shared.txt'] },
      { slug: 'beta', boundary: 'ended', touched: ['/p/shared.txt'] },
    ]);
    // It only listens: the hook calls are left for the approvals to take and answer.
    expect(w.taken.every((t) => !t)).toBe(true);
  });

  it('forgets at a turn’s start what was named before it, and ends a turn with no events without files', async () => {
    const w = world();
    w.write('s1', '/p/stale.txt');
    w.boundary('alpha', 'started');
    w.write('s1', '/p/fresh.txt');
    w.boundary('alpha', 'ended');
    w.boundary('alpha', 'started');
    w.boundary('alpha', 'ended');
    await w.recorder.settle();
    expect(w.recorded.filter((r) => r.boundary === 'ended')).toEqual([
      { slug: 'alpha', boundary: 'ended', touched: ['/p/fresh.txt'] },
      { slug: 'alpha', boundary: 'ended' },
    ]);
  });
});
