import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../adapters/contracts/eventually';
import { InMemoryAgentStore } from '../adapters/memory/in-memory-agent-store';
import { InMemorySkillStore } from '../adapters/memory/in-memory-skill-store';
import type { ProfileStore } from '../domain/ports/profile-store.port';
import type { Profile } from '../domain/profile';
import { ok } from '../domain/result';
import { InMemoryEventBus } from '../adapters/events/in-memory-event-bus';
import { wireProcess, wireProjectSessions, type ProcessSettings } from './composition-root';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

/** Launches a shell agent that prints its TERM and COLORTERM, and returns what it printed. */
async function terminalEnvOfAgent(input: { hostEnv: Record<string, string>; drawnIn?: ProcessSettings['drawnIn']; profileEnv?: Record<string, string> }): Promise<string> {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'tessera-session-env-')));
  const agents = new InMemoryAgentStore();
  await agents.save({ slug: 'printer', name: 'Printer', profile: 'printer', skills: [], workspace: 'project', args: [], env: {}, persona: '' });
  const profile: Profile = {
    id: 'printer', name: 'Printer', command: '/bin/sh', args: ['-c', 'echo "term=[$TERM] colorterm=[$COLORTERM]"; sleep 30'],
    env: input.profileEnv ?? {}, inject: { kind: 'stdin' }, status: { needsInput: [], busy: [] }, builtin: false,
  };
  const profiles: ProfileStore = { list: async () => [profile], get: async (id) => (id === profile.id ? profile : undefined), broken: async () => [], save: async () => ok(undefined) };
  const proc = wireProcess({
    configDir: join(root, 'config'),
    env: { PATH: process.env.PATH, HOME: root, ...input.hostEnv },
    log: () => undefined,
    ...(input.drawnIn ? { drawnIn: input.drawnIn } : {}),
  });
  const services = wireProjectSessions(proc, { root, events: new InMemoryEventBus(), stores: { agents, skills: new InMemorySkillStore(), profiles } });
  cleanups.push(() => {
    services.registry.killAll();
    rmSync(root, { recursive: true, force: true });
  });
  const launched = await services.launch.execute({ slug: 'printer', size: { cols: 120, rows: 10 } });
  if (!launched.ok) throw new Error(`launch failed: ${launched.error.kind}`);
  const screen = async () => (await services.registry.screenText(launched.value.id)) ?? '';
  await eventually(async () => /term=\[.*\] colorterm=\[.*\]/.test(await screen()), 'the agent printed its terminal');
  return /term=\[.*\] colorterm=\[.*\]/.exec(await screen())?.[0] ?? '';
}

describe('the environment agents get', () => {
  it('says the pane is xterm-256color with true colour, whatever terminal started Tessera', async () => {
    expect(await terminalEnvOfAgent({ hostEnv: { TERM: 'screen' } })).toBe('term=[xterm-256color] colorterm=[truecolor]');
  });

  it('keeps the caller’s own terminal when the agent is drawn there (tessera run)', async () => {
    expect(await terminalEnvOfAgent({ hostEnv: { TERM: 'screen' }, drawnIn: 'caller-terminal' })).toBe('term=[screen] colorterm=[]');
  });

  it('lets a profile’s env choose another terminal', async () => {
    expect(await terminalEnvOfAgent({ hostEnv: {}, profileEnv: { TERM: 'vt100', COLORTERM: '' } })).toBe('term=[vt100] colorterm=[]');
  });
});
