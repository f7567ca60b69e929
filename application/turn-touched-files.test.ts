import { afterAll, describe, expect, it } from 'vitest';
import { ScratchGit } from '../adapters/contracts/scratch-git';
import { RecordingEventBus } from '../adapters/events/recording-event-bus';
import { CliGitCheckpoints } from '../adapters/git/cli-git-checkpoints';
import type { AgentHookChannel, HookCall } from '../domain/ports/agent-hooks.port';
import { ok } from '../domain/result';
import type { RecordTurnBoundaryInput } from './record-turn-boundary';
import { TurnBoundaryRecorder } from './turn-boundaries';
import { TurnTouchedFiles, type ShellEffectsDeps } from './turn-touched-files';

const scratch = new ScratchGit('tessera-touched-');
afterAll(() => scratch.dispose());

function world(shellEffects?: ShellEffectsDeps) {
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
  const touched = new TurnTouchedFiles({ channel, registry: { get: (id) => sessions[id] }, events, ...(shellEffects ? { shellEffects } : {}) });
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

/** Real checkpoints that tell when their nth snapshot of the working tree is taken. */
class CountedCheckpoints extends CliGitCheckpoints {
  private count = 0;
  private readonly waiting: Array<{ n: number; resolve: () => void }> = [];

  override async snapshot(...args: Parameters<CliGitCheckpoints['snapshot']>): ReturnType<CliGitCheckpoints['snapshot']> {
    const snapshot = await super.snapshot(...args);
    this.count += 1;
    for (const w of this.waiting.filter((x) => x.n <= this.count)) w.resolve();
    return snapshot;
  }

  taken(n: number): Promise<void> {
    return n <= this.count ? Promise.resolve() : new Promise((resolve) => this.waiting.push({ n, resolve }));
  }
}

describe('TurnTouchedFiles with shell commands', () => {
  it('names what changed in the working tree from the turn’s start to the end of the agent’s shell command, and not what changed before or after', async () => {
    const root = scratch.repo({ 'kept.txt': 'k\n', 'made.txt': 'm\n' });
    const checkpoints = new CountedCheckpoints();
    const w = world({ checkpoints, workTreeOf: (agent) => Promise.resolve(agent === 'alpha' ? root : undefined) });
    const bash = (phase: 'PreToolUse' | 'PostToolUse', id: string) => w.hook('s1', { hook_event_name: phase, tool_name: 'Bash', tool_use_id: id, tool_input: { command: 'make' } });
    scratch.write(root, 'before.txt', 'written before the turn\n');
    w.boundary('alpha', 'started');
    await checkpoints.taken(1);
    bash('PreToolUse', 't1');
    scratch.write(root, 'made.txt', 'made by the command\n');
    scratch.write(root, 'src/new.ts', 'new\n');
    bash('PostToolUse', 't1');
    await checkpoints.taken(2);
    scratch.write(root, 'after.txt', 'written after the command\n');
    w.boundary('alpha', 'ended');
    await w.recorder.settle();
    const ended = w.recorded.find((r) => r.boundary === 'ended');
    expect(ended?.touched ? [...ended.touched].sort() : undefined).toEqual([`${root}/made.txt`, `${root}/src/new.ts`]);
  });
});
