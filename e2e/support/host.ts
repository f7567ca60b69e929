import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const fakeAgentPath = join(repoRoot, 'e2e', 'fixtures', 'fake-agent');

/**
 * A temp world for one spec: a copy of the sample project, a config dir with a profile that runs the
 * fake agent, and a runtime dir of its own, so each spec has its own session server.
 */
export interface World {
  readonly projectDir: string;
  readonly configDir: string;
  readonly runtimeDir: string;
  readonly root: string;
  /** The environment `tessera` runs in for this world. */
  readonly env: NodeJS.ProcessEnv;
  /** Removes the world; a session server still running in it is killed first (with its agents). */
  cleanup(): void;
}

/** A server left behind by a failed spec still exits by itself, soon after its last agent and client. */
const E2E_IDLE_EXIT_SECONDS = '120';

/**
 * The environment a user's terminal gives Tessera: the test runner's CI markers left out, since agents
 * inherit them and a CLI that sees one runs headless (Gemini CLI reads `CI=true` as "no terminal").
 */
function userEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const ciMarker = (key: string) => key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key === 'GITHUB_ACTIONS' || key.startsWith('CI_');
  return Object.fromEntries(Object.entries(env).filter(([key]) => !ciMarker(key)));
}

export function makeWorld(): World {
  const root = mkdtempSync(join(tmpdir(), 'tessera-e2e-'));
  const projectDir = join(root, 'sample-project');
  const configDir = join(root, 'config');
  const runtimeDir = join(root, 'run');
  mkdirSync(runtimeDir, { mode: 0o700 });
  const env: NodeJS.ProcessEnv = {
    ...userEnvironment(process.env),
    TESSERA_CONFIG_DIR: configDir,
    XDG_RUNTIME_DIR: runtimeDir,
    TESSERA_SERVER_IDLE_SECONDS: E2E_IDLE_EXIT_SECONDS,
    SHELL: '/bin/sh',
  };
  cpSync(join(repoRoot, 'e2e', 'fixtures', 'sample-project'), projectDir, { recursive: true });
  mkdirSync(join(configDir, 'tessera', 'profiles'), { recursive: true });
  // The fake agent reads AGENTS.md from its run directory, as Codex or OpenCode would.
  writeFileSync(
    join(configDir, 'tessera', 'profiles', 'fake.json'),
    JSON.stringify({
      id: 'fake',
      name: 'Fake agent',
      command: fakeAgentPath,
      args: [],
      env: {},
      inject: { kind: 'convention-file', target: 'AGENTS.md' },
      status: { needsInput: ['\\(y/n\\)'], busy: [] },
    }),
  );
  // The same fake agent on a script: busy for about a second, asks "(y/n)", exits 1 on `y`.
  writeFileSync(
    join(configDir, 'tessera', 'profiles', 'fake-script.json'),
    JSON.stringify({
      id: 'fake-script',
      name: 'Fake agent (asks, then fails)',
      command: fakeAgentPath,
      args: ['--script', 'busy-then-ask-then-fail'],
      env: {},
      inject: { kind: 'convention-file', target: 'AGENTS.md' },
      status: { needsInput: ['\\(y/n\\)\\s*$'], busy: [] },
      resume: { args: ['--continue'] },
    }),
  );
  return {
    root,
    projectDir,
    configDir,
    runtimeDir,
    env,
    cleanup: () => {
      killServerOf(runtimeDir);
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The pid of the world's session server, while its pid file is there. */
export function serverPid(world: Pick<World, 'runtimeDir'>): number | undefined {
  try {
    const pid = Number(readFileSync(join(world.runtimeDir, 'tessera', 'server.pid'), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** The last resort after a spec that could not stop its server: SIGTERM still kills every agent on the way out. */
function killServerOf(runtimeDir: string): void {
  const pid = serverPid({ runtimeDir });
  if (pid === undefined) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

/** Runs `tessera ARGS` in the world; resolves with its exit code and output. */
export function tessera(world: Pick<World, 'env' | 'root'>, args: readonly string[], cwd: string = world.root): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(join(repoRoot, 'bin', 'tessera'), [...args], { cwd, env: world.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolvePromise) => child.on('close', (code) => resolvePromise({ code, stdout, stderr })));
}

/** The session server of a world, serving browsers as `tessera web` set it up, exactly as a user would. */
export interface Host {
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  /** `tessera server stop --yes`: the server goes, and every agent with it. */
  stop(): Promise<void>;
}

export async function startHost(world: World, opts: { openProject?: boolean; port?: number } = {}): Promise<Host> {
  const args = ['web'];
  if (opts.openProject !== false) args.push(world.projectDir);
  if (opts.port !== undefined) args.push('--port', String(opts.port));
  const child = spawn(join(repoRoot, 'bin', 'tessera'), args, { cwd: world.root, env: world.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let errText = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errText += chunk.toString();
  });
  const url = await readyUrl(child, () => errText);
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    stop: () => stopServer(world),
  };
}

/** Stops the world's server and waits until its process is gone. */
export async function stopServer(world: World): Promise<void> {
  const pid = serverPid(world);
  const stopped = await tessera(world, ['server', 'stop', '--yes']);
  if (stopped.code !== 0) throw new Error(`tessera server stop failed (${stopped.code}): ${stopped.stderr}`);
  if (pid !== undefined) await processGone(pid);
}

/** Resolves once `pid` no longer runs (30 s at most). */
export async function processGone(pid: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 50));
  }
  throw new Error(`process ${pid} still runs`);
}

/** The URL `tessera web` prints once it is ready; rejects (with its output) if it exits or takes over 30 s. Also used by the bench. */
export function readyUrl(child: ChildProcess, errText: () => string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`tessera web did not print its URL in time.\nstdout: ${out}\nstderr: ${errText()}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Tessera web: (\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolvePromise(match[1]);
      }
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      // `tessera web` exits 0 right after printing the URL (the server runs on); the output may be read after the exit.
      const match = /Tessera web: (\S+)/.exec(out);
      if (code === 0 && match?.[1]) resolvePromise(match[1]);
      else reject(new Error(`tessera web exited with ${code} before it was ready.\nstdout: ${out}\nstderr: ${errText()}`));
    });
  });
}

/** SIGTERM, then SIGKILL after 10 s; resolves once the process is gone. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolvePromise();
    });
    child.kill('SIGTERM');
  });
}
