import { describe, expect, it } from 'vitest';
import { RecordingEventBus } from '../adapters/events/recording-event-bus';
import { FakePtyPort } from '../adapters/memory/fake-pty';
import { FixedClock } from '../adapters/memory/fixed-clock';
import { InMemoryAgentStore } from '../adapters/memory/in-memory-agent-store';
import { InMemoryFileSystem } from '../adapters/memory/in-memory-file-system';
import { InMemorySkillStore } from '../adapters/memory/in-memory-skill-store';
import { PlainTextMirrorFactory } from '../adapters/memory/plain-text-mirror';
import { SequentialIds } from '../adapters/memory/sequential-ids';
import type { AgentHookSetup, HookLaunchInput } from '../domain/ports/agent-hooks.port';
import type { WorkspaceMode } from '../domain/agent';
import { ok } from '../domain/result';
import { LaunchAgent } from './launch-agent';
import { SessionRegistry } from './session-registry';

/** A setup for one CLI that records what it was asked. */
function setupFor(cli: string, asked: HookLaunchInput[]): AgentHookSetup {
  return {
    prepare: async (input) => {
      asked.push(input);
      return input.command === cli ? { args: [`--${cli}-hooks`], env: { FROM: cli }, dispose: () => undefined } : undefined;
    },
  };
}

describe('LaunchAgent with hook setups', () => {
  const ROOT = '/home/u/proj';

  async function launchIn(workspace: WorkspaceMode, agentEnv: Record<string, string> = {}): Promise<HookLaunchInput | undefined> {
    const asked: HookLaunchInput[] = [];
    const agents = new InMemoryAgentStore();
    await agents.save({ slug: 'gem', name: 'Gem', profile: 'gemini', skills: [], workspace, args: [], env: agentEnv, persona: 'You code.' });
    const fs = new InMemoryFileSystem();
    await fs.mkdirp(ROOT);
    const profile = { id: 'gemini', name: 'Gemini', command: 'gemini', args: [], env: { GEMINI_CLI_HOME: '/profile/home', HOME: '/profile/h' }, inject: { kind: 'stdin' as const }, status: { needsInput: [], busy: [] }, builtin: false };
    const events = new RecordingEventBus();
    const launch = new LaunchAgent({
      projectRoot: ROOT,
      agents,
      profiles: { list: async () => [profile], get: async (id: string) => (id === 'gemini' ? profile : undefined), broken: async () => [], save: async () => ok(undefined) },
      skills: new InMemorySkillStore(),
      fs,
      pty: new FakePtyPort().define('gemini'),
      registry: new SessionRegistry({ mirrors: new PlainTextMirrorFactory(), events }),
      events,
      clock: new FixedClock(5000),
      ids: new SequentialIds('s'),
      baseEnv: { PATH: '/usr/bin' },
      hooks: setupFor('gemini', asked),
    });
    expect((await launch.execute({ slug: 'gem', size: { cols: 80, rows: 24 } })).ok).toBe(true);
    return asked[0];
  }

  it("tells the setup the agent's working directory and its run dir, so it knows when they are one (Tessera's own folder)", async () => {
    expect(await launchIn('run-dir')).toMatchObject({ command: 'gemini', cwd: `${ROOT}/.tessera/run/gem`, runDir: `${ROOT}/.tessera/run/gem` });
    expect(await launchIn('project')).toMatchObject({ command: 'gemini', cwd: ROOT, runDir: `${ROOT}/.tessera/run/gem` });
  });

  it("tells the setup the environment the agent starts with (its profile's and its own over the host's), where the CLI finds the user's files", async () => {
    const input = await launchIn('run-dir', { HOME: '/agent/home' });
    expect(input?.env).toMatchObject({ PATH: '/usr/bin', GEMINI_CLI_HOME: '/profile/home', HOME: '/agent/home' });
  });
});
