import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const fakeAgentPath = join(repoRoot, 'e2e', 'fixtures', 'fake-agent');

/** A temp world for one spec: a copy of the sample project and a config dir with a profile that runs the fake agent. */
export interface World {
  readonly projectDir: string;
  readonly configDir: string;
  readonly root: string;
  cleanup(): void;
}

export function makeWorld(): World {
  const root = mkdtempSync(join(tmpdir(), 'tessera-e2e-'));
  const projectDir = join(root, 'sample-project');
  const configDir = join(root, 'config');
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
  // The same fake agent on a script: busy for about a second, asks "(y/n)", exits 1 on `y` (issue 5).
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
  return { root, projectDir, configDir, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** A running `tessera web` host, started exactly as a user would start it. */
export interface Host {
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  stop(): Promise<void>;
}

export async function startHost(world: World, opts: { openProject?: boolean; port?: number } = {}): Promise<Host> {
  const args = ['web', '--port', String(opts.port ?? 0)];
  if (opts.openProject !== false) args.splice(1, 0, world.projectDir);
  const child = spawn(join(repoRoot, 'bin', 'tessera'), args, {
    cwd: world.root,
    env: { ...process.env, TESSERA_CONFIG_DIR: world.configDir, SHELL: '/bin/sh' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
    stop: () => stopChild(child),
  };
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
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`tessera web exited with ${code} before it was ready.\nstdout: ${out}\nstderr: ${errText()}`));
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
