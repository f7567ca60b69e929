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

const TERMINAL_REPORT = { script: 'echo "term=[$TERM] colorterm=[$COLORTERM]"', printed: /term=\[.*\] colorterm=\[.*\]/ };

/** Launches a shell agent that prints its TERM and COLORTERM (or what `report` says), and returns what it printed. */
async function terminalEnvOfAgent(
  input: { hostEnv: Record<string, string>; drawnIn?: ProcessSettings['drawnIn']; profileEnv?: Record<string, string> },
  report: { script: string; printed: RegExp } = TERMINAL_REPORT,
): Promise<string> {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'tessera-session-env-')));
  const agents = new InMemoryAgentStore();
  await agents.save({ slug: 'printer', name: 'Printer', profile: 'printer', skills: [], workspace: 'project', args: [], env: {}, persona: '' });
  const profile: Profile = {
    id: 'printer', name: 'Printer', command: '/bin/sh', args: ['-c', `${report.script}; sleep 30`],
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
  await eventually(async () => report.printed.test(await screen()), 'the agent printed its report');
  return report.printed.exec(await screen())?.[0] ?? '';
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

  it('is the user’s own when npm started Tessera: PATH without Tessera’s node_modules/.bin, no npm variables', async () => {
    const userPath = '/usr/local/bin:/usr/bin:/bin';
    const hostEnv = {
      PATH: `/src/tessera/node_modules/.bin:/src/node_modules/.bin:/node_modules/.bin:${userPath}`,
      npm_lifecycle_event: 'web', npm_config_cache: '/tmp/npm-cache', INIT_CWD: '/src/tessera',
    };
    const printed = await terminalEnvOfAgent({ hostEnv }, {
      script: 'echo "path=[$PATH] npm=[$npm_lifecycle_event$npm_config_cache] init=[$INIT_CWD]"',
      printed: /path=\[[^\]]*\] npm=\[[^\]]*\] init=\[[^\]]*\]/,
    });
    expect(printed.replace(/\s+/g, '')).toBe(`path=[${userPath}]npm=[]init=[]`.replace(/\s+/g, ''));
  });
});
