import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../adapters/contracts/eventually';
import { GeminiWorkspaceHookSetup } from '../adapters/agent-hooks/gemini-hook-launch';
import { UnixHookChannel } from '../adapters/agent-hooks/unix-hook-channel';
import { InMemoryEventBus } from '../adapters/events/in-memory-event-bus';
import { InMemoryAgentStore } from '../adapters/memory/in-memory-agent-store';
import { InMemorySkillStore } from '../adapters/memory/in-memory-skill-store';
import { XtermHeadlessMirrorFactory } from '../adapters/mirror/xterm-headless-mirror';
import { NodeFileSystem } from '../adapters/node-fs/node-file-system';
import { builtinProfiles } from '../adapters/profiles/builtin-profiles';
import { NodePtyAdapter } from '../adapters/pty/node-pty-adapter';
import { RandomIdGenerator } from '../adapters/system/random-id-generator';
import { SystemClock } from '../adapters/system/system-clock';
import type { ProfileStore } from '../domain/ports/profile-store.port';
import { ok } from '../domain/result';
import { lastUserText, ModelServer } from '../e2e/fixtures/model-server/model-server';
import { prepareAgentHome, type RealCli } from '../e2e/fixtures/real-agents/agent-homes';
import { LaunchAgent } from './launch-agent';
import { SessionRegistry } from './session-registry';

// The real agent CLIs launched by LaunchAgent with the built-in profiles, on real node-pty: what
// the profiles' arguments do to the real thing, first run included. Real-agent tier only.

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface World {
  readonly root: string;
  readonly projectRoot: string;
  readonly server: ModelServer;
  /** Tessera's own file of the answers Gemini was given in its launches. */
  readonly rememberedTrustFile: string;
  /** `again`: launch with that earlier agent's home as it is now (what the CLI wrote there kept). */
  launch(input: { cli: RealCli; args?: string[]; trusted?: (runDir: string) => string[]; onboarded?: boolean; again?: LaunchedAgent }): Promise<LaunchedAgent>;
}

interface LaunchedAgent {
  screen(): Promise<string>;
  write(data: string): void;
  stop(): Promise<void>;
  exited(): boolean;
  readonly home: string;
  readonly env: Readonly<Record<string, string>>;
}

async function world(): Promise<World> {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'tessera-real-')));
  const projectRoot = join(root, 'project');
  execFileSync('git', ['init', '-q', projectRoot]);
  const server = await ModelServer.start();
  const registry = new SessionRegistry({ mirrors: new XtermHeadlessMirrorFactory(), events: new InMemoryEventBus() });
  const started: LaunchedAgent[] = [];
  // Every agent is stopped and gone before its home is removed: a CLI writes its session files as it exits.
  const stopAll = async () => {
    for (const agent of started) if (!agent.exited()) await agent.stop();
  };
  cleanups.push(() => rmSync(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }), () => server.close(), stopAll);
  const hookChannel = new UnixHookChannel({ program: { file: process.execPath, args: [hookScript] }, parentDir: root, waitMs: 5000 });
  cleanups.push(() => hookChannel.close());
  const rememberedTrustFile = join(root, 'config', 'tessera', 'gemini-trusted-folders.json');
  const profiles = builtinProfiles({ SHELL: '/bin/sh' });
  const profileStore: ProfileStore = { list: async () => profiles, get: async (id) => profiles.find((p) => p.id === id), broken: async () => [], save: async () => ok(undefined) };
  return {
    root,
    projectRoot,
    server,
    rememberedTrustFile,
    async launch({ cli, args = [], trusted = () => [], onboarded = true, again }) {
      const slug = `${cli}-agent`;
      const runDir = join(projectRoot, '.tessera', 'run', slug);
      const home = again ?? prepareAgentHome({ cli, dir: join(root, slug), modelUrl: server.url, trusted: trusted(runDir), onboarded });
      const agents = new InMemoryAgentStore();
      await agents.save({ slug, name: slug, profile: cli, skills: [], workspace: 'run-dir', args, env: home.env, persona: 'PERSONA-MARKER' });
      const launch = new LaunchAgent({
        projectRoot, agents, profiles: profileStore, skills: new InMemorySkillStore(), fs: new NodeFileSystem(), pty: new NodePtyAdapter({ killGraceMs: 1000 }),
        registry, events: new InMemoryEventBus(), clock: new SystemClock(), ids: new RandomIdGenerator(),
        baseEnv: { PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm-256color', COLORTERM: 'truecolor' },
        // Gemini's run dir is trusted only with the files Tessera's hook setup writes there, as in the host.
        hooks: new GeminiWorkspaceHookSetup(hookChannel, { rememberedTrustFile }),
      });
      const launched = await launch.execute({ slug, size: { cols: 120, rows: 40 } });
      if (!launched.ok) throw new Error(`launch failed: ${JSON.stringify(launched.error)}`);
      const id = launched.value.id;
      let gone = false;
      registry.onExit(id, () => {
        gone = true;
      });
      const agent: LaunchedAgent = {
        screen: async () => (await registry.screenText(id)) ?? '',
        write: (data) => void registry.write(id, data),
        stop: async () => {
          registry.kill(id);
          await eventually(async () => gone, 'the agent exited', timeout);
        },
        exited: () => gone,
        home: home.home,
        env: home.env,
      };
      started.push(agent);
      return agent;
    },
  };
}

/** Waits for the agent's screen to match; the error shows the last screen. */
async function untilScreen(agent: LaunchedAgent, pattern: RegExp, what: string): Promise<void> {
  let last = '';
  try {
    await eventually(async () => pattern.test((last = await agent.screen())), what, timeout);
  } catch {
    throw new Error(`${what}: ${pattern} never showed (exited: ${agent.exited()}). The screen:\n${last}`);
  }
}

const hookScript = join(dirname(fileURLToPath(import.meta.url)), '../adapters/agent-hooks/tessera-hook.mjs');
const READY: Record<RealCli, RegExp> = { claude: /auto mode on|\? for shortcuts/, codex: /\? for shortcuts/, gemini: /Type your message/ };
// Generous: the CLIs start slowly on a loaded machine (Gemini loads its whole workspace after a trust answer).
const timeout = 90_000;

describe('the built-in profiles with the real CLIs', () => {
  it('Claude: an agent argument after the project access stays an argument (an opening prompt reaches the model)', async () => {
    const w = await world();
    w.server.script({ kind: 'text', text: 'ANSWER-MARKER' });
    const agent = await w.launch({ cli: 'claude', args: ['OPENING-PROMPT-MARKER'], trusted: (runDir) => [runDir, w.projectRoot] });
    const main = await w.server.waitFor((r) => r.role === 'main', 60_000);
    expect(lastUserText(main)).toContain('OPENING-PROMPT-MARKER');
    await eventually(async () => (await agent.screen()).includes('ANSWER-MARKER'), 'the answer on the screen', timeout);
  }, 120_000);

  it('Codex: a first run (no sandbox chosen, nothing trusted) asks to trust the folder and keeps running', async () => {
    const w = await world();
    const agent = await w.launch({ cli: 'codex', onboarded: false });
    await eventually(async () => /Trust and continue|Trust all and continue/.test(await agent.screen()) || agent.exited(), 'the trust question', timeout);
    expect(agent.exited()).toBe(false);
    expect(await agent.screen()).not.toContain('Error adding directories');
  }, 120_000);

  it('Gemini: never asks about its own run dir, asks about the project root until "remember", then starts without a question', async () => {
    const w = await world();
    const first = await w.launch({ cli: 'gemini' });
    await eventually(async () => /Do you trust the following folders/.test(await first.screen()), 'the project-root question', timeout);
    const question = await first.screen();
    expect(question).not.toContain('Do you trust the files in this folder');
    expect(question).toContain(w.projectRoot);
    expect(question).toContain('2. Yes, and remember the directories as trusted');
    // Down to "2. Yes, and remember", then Enter: Gemini writes the answer into the launch's trust file.
    first.write('\x1b[B');
    await eventually(async () => /●\s*2\. Yes, and remember/.test(await first.screen()), 'the second choice selected', timeout);
    // Enter again while the question stays: on a loaded machine Gemini can miss a key sent as the selection redraws.
    await eventually(async () => {
      if (!/Do you trust the following folders/.test(await first.screen())) return true;
      first.write('\r');
      await new Promise((resolve) => setTimeout(resolve, 3000));
      return false;
    }, 'the answer taken', timeout);
    await untilScreen(first, READY.gemini, 'Gemini ready after the answer');
    const userTrust = readFileSync(join(first.home, '.gemini', 'trustedFolders.json'), 'utf8');
    await first.stop();
    // The answer is Tessera's to keep: the user's own file is as it was.
    expect(readFileSync(join(first.home, '.gemini', 'trustedFolders.json'), 'utf8')).toBe(userTrust);
    expect(userTrust).not.toContain(w.projectRoot);
    expect(readFileSync(w.rememberedTrustFile, 'utf8')).toContain(w.projectRoot);

    const second = await w.launch({ cli: 'gemini', again: first });
    await eventually(async () => READY.gemini.test(await second.screen()) || /Do you trust/.test(await second.screen()), 'Gemini ready or asking', timeout);
    expect(await second.screen()).not.toMatch(/Do you trust/);
  }, 240_000);
});
