import { describe, expect, it } from 'vitest';
import { RecordingEventBus } from '../adapters/events/recording-event-bus';
import { FakePtyPort } from '../adapters/memory/fake-pty';
import { FixedClock } from '../adapters/memory/fixed-clock';
import { InMemoryAgentStore } from '../adapters/memory/in-memory-agent-store';
import { InMemoryFileSystem } from '../adapters/memory/in-memory-file-system';
import { InMemorySkillStore } from '../adapters/memory/in-memory-skill-store';
import { PlainTextMirrorFactory } from '../adapters/memory/plain-text-mirror';
import { SequentialIds } from '../adapters/memory/sequential-ids';
import type { AgentHookSetup } from '../domain/ports/agent-hooks.port';
import type { UsageSource } from '../domain/ports/usage-source.port';
import { ok } from '../domain/result';
import { LaunchAgent } from './launch-agent';
import { SessionRegistry } from './session-registry';

const ROOT = '/home/u/proj';

/** A status-line setup that records what it was asked and what it withdrew. */
function recordingStatusLine(forCommand: string, settings?: Readonly<Record<string, unknown>>) {
  const log: string[] = [];
  const setup: UsageSource = {
    async prepare(input) {
      log.push(`prepare ${input.sessionId} ${input.command} ${input.cwd} ${input.env.TESSERA_AGENT}`);
      if (input.command !== forCommand) return undefined;
      return { args: ['--settings', `/data/${input.sessionId}.json`], ...(settings ? { settings } : {}), dispose: () => void log.push(`dispose ${input.sessionId}`) };
    },
    report: () => undefined,
  };
  return { setup, log };
}

/** Hook settings of a session's own, in a folder of the hook channel's. */
const HOOKS_DIR = '/run/tessera/hooks';
const hookSetup: AgentHookSetup = {
  prepare: async (input) => ({ args: ['--settings', `${HOOKS_DIR}/${input.sessionId}.json`], settings: { hooks: { Stop: [] } }, env: { TESSERA_HOOK_TOKEN: 'secret' }, dispose: () => undefined }),
};

async function world(command: string, usage: UsageSource, hooks?: AgentHookSetup) {
  const agents = new InMemoryAgentStore();
  await agents.save({ slug: 'coder', name: 'Coder', profile: 'cli', skills: [], workspace: 'project', args: ['--agent-arg'], env: {}, persona: 'You code.' });
  const fs = new InMemoryFileSystem();
  await fs.mkdirp(ROOT);
  await fs.mkdirp(HOOKS_DIR);
  const pty = new FakePtyPort().define(command);
  const events = new RecordingEventBus();
  const registry = new SessionRegistry({ mirrors: new PlainTextMirrorFactory(), events });
  const profile = { id: 'cli', name: 'CLI', command, args: [], env: {}, inject: { kind: 'stdin' as const }, status: { needsInput: [], busy: [] }, builtin: false };
  const launch = new LaunchAgent({
    projectRoot: ROOT,
    agents,
    profiles: { list: async () => [profile], get: async (id: string) => (id === 'cli' ? profile : undefined), broken: async () => [], save: async () => ok(undefined) },
    skills: new InMemorySkillStore(),
    fs,
    pty,
    registry,
    events,
    clock: new FixedClock(5000),
    ids: new SequentialIds('s'),
    baseEnv: { PATH: '/usr/bin' },
    usage,
    ...(hooks ? { hooks } : {}),
  });
  return { pty, launch, fs };
}

describe('LaunchAgent with a status line', () => {
  it("puts the status line's settings before the agent's own arguments, and withdraws them when the session ends", async () => {
    const { setup, log } = recordingStatusLine('claude');
    const { pty, launch } = await world('claude', setup);
    const launched = await launch.execute({ slug: 'coder', size: { cols: 80, rows: 24 } });
    expect(launched.ok).toBe(true);
    expect(pty.spawned[0]?.args).toEqual(['--settings', '/data/s-1.json', '--agent-arg']);
    expect(log).toEqual([`prepare s-1 claude ${ROOT} coder`]);
    pty.last().exit(0);
    expect(log).toEqual([`prepare s-1 claude ${ROOT} coder`, 'dispose s-1']);
  });

  it('launches a CLI that takes no status line as it would without one', async () => {
    const { setup } = recordingStatusLine('claude');
    const { pty, launch } = await world('codex', setup);
    expect((await launch.execute({ slug: 'coder', size: { cols: 80, rows: 24 } })).ok).toBe(true);
    expect(pty.spawned[0]?.args).toEqual(['--agent-arg']);
  });

  it('launches the agent all the same when its status line cannot be prepared', async () => {
    const setup: UsageSource = { prepare: async () => Promise.reject(new Error('disk full')), report: () => undefined };
    const { pty, launch } = await world('claude', setup);
    expect((await launch.execute({ slug: 'coder', size: { cols: 80, rows: 24 } })).ok).toBe(true);
    expect(pty.spawned[0]?.args).toEqual(['--agent-arg']);
  });

  it("passes Tessera's hooks and the status line together, as one settings file holding both", async () => {
    const statusLine = { type: 'command', command: 'sh status-line.sh' };
    const { setup } = recordingStatusLine('claude', { statusLine });
    const { pty, launch, fs } = await world('claude', setup, hookSetup);
    expect((await launch.execute({ slug: 'coder', size: { cols: 80, rows: 24 } })).ok).toBe(true);
    const file = `${HOOKS_DIR}/s-1.json`;
    expect(pty.spawned[0]?.args).toEqual(['--settings', file, '--agent-arg']);
    const written = await fs.readText(file);
    expect(written.ok && JSON.parse(written.value)).toEqual({ hooks: { Stop: [] }, statusLine });
  });
});
