import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodePtyAdapter } from '../adapters/pty/node-pty-adapter';
import { definedEnv } from '../server/config-dir';
import { main } from './main';

/**
 * The agent commands against a real session server (started on demand by `launch`, detached) and the
 * fake agent CLI of e2e/fixtures; `attach` runs in a real PTY as a user's terminal would run it.
 */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fakeAgent = join(repoRoot, 'e2e', 'fixtures', 'fake-agent');

/** Starting the server runs it from the sources through tsx: seconds on a busy machine. */
const SERVER_TEST_MS = 180_000;

let dir: string;
let project: string;
let env: Record<string, string>;

async function tessera(args: string[], cwd: string = project): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) }, env, cwd });
  return { code, out, err };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tessera-cli-server-'));
  project = join(dir, 'shop');
  mkdirSync(project);
  mkdirSync(join(dir, 'run'), { mode: 0o700 });
  const configDir = join(dir, 'config');
  mkdirSync(join(configDir, 'tessera', 'profiles'), { recursive: true });
  writeFileSync(
    join(configDir, 'tessera', 'profiles', 'fake.json'),
    JSON.stringify({ id: 'fake', name: 'fake', command: fakeAgent, args: [], env: {}, inject: { kind: 'convention-file', target: 'AGENTS.md' }, status: { needsInput: ['\\(y/n\\)'], busy: [] } }),
  );
  env = { ...definedEnv(), TESSERA_CONFIG_DIR: configDir, XDG_RUNTIME_DIR: join(dir, 'run'), SHELL: '/bin/sh' };
  expect((await tessera(['agents', 'create', '--name', 'Bot', '--profile', 'fake'])).code).toBe(0);
});

afterAll(async () => {
  await tessera(['server', 'stop', '--yes']);
  rmSync(dir, { recursive: true, force: true });
});

describe('the agent commands', () => {
  it('say plainly that nothing runs when no server does', async () => {
    expect(await tessera(['ls'])).toEqual({ code: 0, out: 'No agents running (no Tessera server is running).\n', err: '' });
    expect(await tessera(['send', 'bot', 'hi'])).toEqual({ code: 1, out: '', err: 'tessera send: bot is not running (no Tessera server is running)\n' });
    expect((await tessera(['wait', 'bot', '--until', 'soon'])).code).toBe(2);
  });

  it('launch, list, wait for idle, send and read back, then stop an agent', async () => {
    const refused = await tessera(['launch', 'bot']);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/not trusted.*pass --trust/);
    const launched = await tessera(['launch', 'bot', '--trust']);
    expect(launched.code, launched.err).toBe(0);
    expect(launched.out).toMatch(/^Launched bot \(pid \d+\)\.\n$/);

    const listed = await tessera(['ls']);
    expect(listed.out).toMatch(/^PROJECT\s+AGENT\s+STATUS\s+UPTIME\nshop\s+bot\s+(starting|busy|idle)\s+\d+s\n$/);
    expect(await tessera(['wait', 'bot', '--until', 'idle', '--timeout', '30'])).toEqual({ code: 0, out: 'bot: idle\n', err: '' });

    expect(await tessera(['send', 'shop/bot', 'hello', 'from', 'a', 'script'])).toEqual({ code: 0, out: 'Sent to bot.\n', err: '' });
    let screen = '';
    for (let i = 0; i < 100 && !screen.includes('echo: hello from a script'); i++) {
      screen = (await tessera(['read', 'bot', '--lines', '3'])).out;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(screen).toContain('echo: hello from a script');
    expect(screen.trimEnd().split('\n')).toHaveLength(3);

    // Enough output to push the banner off the screen: --lines reads it back from the scrollback.
    for (let i = 0; i < 20; i++) expect((await tessera(['send', 'bot', `filler ${i}`])).code).toBe(0);
    for (let i = 0; i < 100 && !screen.includes('echo: filler 19'); i++) {
      screen = (await tessera(['read', 'bot'])).out;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(screen).not.toContain('== fake-agent ==');
    const scrollback = (await tessera(['read', 'bot', '--lines', '500'])).out;
    expect(scrollback).toContain('== fake-agent ==');
    expect(scrollback).toContain('echo: filler 19');
    expect(scrollback.indexOf('== fake-agent ==')).toBeLessThan(scrollback.indexOf('echo: filler 0'));

    const json = JSON.parse((await tessera(['ls', '--json'])).out) as Array<Record<string, unknown>>;
    expect(json).toMatchObject([{ project: 'shop', root: project, agent: 'bot', status: 'idle' }]);
    expect(await tessera(['wait', 'bot', '--until', 'exited', '--timeout', '0.5'])).toMatchObject({ code: 3, err: 'tessera wait: bot was not exited after 0.5 s\n' });

    expect(await tessera(['stop', 'bot'])).toEqual({ code: 0, out: 'Stopped bot.\n', err: '' });
    expect(await tessera(['wait', 'bot', '--until', 'exited'])).toMatchObject({ code: 0 });
    expect((await tessera(['ls'])).out).toMatch(/shop\s+bot\s+exited.*-\n$/);
  }, SERVER_TEST_MS);

  it('attach shows the agent in a terminal, passes typing to it, and detaches on Ctrl+\\ leaving it running', async () => {
    expect((await tessera(['launch', 'bot'])).code).toBe(0);
    expect((await tessera(['wait', 'bot', '--until', 'idle', '--timeout', '30'])).code).toBe(0);
    const pty = new NodePtyAdapter().spawn({ command: process.execPath, args: [join(repoRoot, 'bin', 'tessera'), 'attach', 'bot'], cwd: project, env, size: { cols: 100, rows: 30 } });
    if (!pty.ok) throw new Error(pty.error.kind);
    let screen = '';
    pty.value.onData((data) => (screen += data));
    const exited = new Promise<number>((r) => pty.value.onExit((exit) => r(exit.exitCode)));
    const until = async (text: string) => {
      for (let i = 0; i < 600 && !screen.includes(text); i++) await new Promise((r) => setTimeout(r, 50));
      expect(screen).toContain(text);
    };
    await until('Ctrl+\\ detaches');
    await until('fake-agent>');
    pty.value.write('typed in a pty\r');
    await until('echo: typed in a pty');
    pty.value.write('\x1c');
    expect(await exited).toBe(0);
    expect(screen).toContain('detached from bot');
    expect((await tessera(['ls'])).out).toMatch(/shop\s+bot\s+idle/);
    expect((await tessera(['read', 'bot'])).out).toContain('echo: typed in a pty');
  }, SERVER_TEST_MS);

  it('run refuses to start a second session of an agent the server runs, and points at attach and read', async () => {
    expect((await tessera(['launch', 'bot', '--trust'])).code).toBe(0);
    expect((await tessera(['wait', 'bot', '--until', 'idle', '--timeout', '30'])).code).toBe(0);
    const sessions = async () => (JSON.parse((await tessera(['ls', '--json'])).out) as Array<{ id: string; status: string }>).map((s) => `${s.id} ${s.status}`);
    const before = await sessions();
    const pty = new NodePtyAdapter().spawn({ command: process.execPath, args: [join(repoRoot, 'bin', 'tessera'), 'run', 'bot'], cwd: project, env, size: { cols: 200, rows: 30 } });
    if (!pty.ok) throw new Error(pty.error.kind);
    let screen = '';
    pty.value.onData((data) => (screen += data));
    const code = await new Promise<number>((r) => pty.value.onExit((exit) => r(exit.exitCode)));
    expect(code).toBe(1);
    expect(screen.trim()).toMatch(/^tessera run: bot already runs in the Tessera server \(project shop, pid \d+\); use `tessera attach bot` to work with it here, or `tessera read bot` to see its screen$/);
    expect(await sessions()).toEqual(before);
  }, SERVER_TEST_MS);
});
