import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as nodePty from 'node-pty';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { eventually } from '../contracts/eventually';
import { sessionMembers } from '../contracts/proc';

/**
 * The session server run in a terminal's foreground (`tessera server run --foreground`), and the terminal closed (its window, or an SSH connection that
 * dropped): the kernel hangs up the host, and writes to the terminal fail from then on. The host
 * must stop every agent it started before it goes. node-pty stands for the terminal emulator; it
 * lives here because this folder is the one place node-pty may be imported.
 */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(repoRoot, 'bin', 'tessera');

const temps: string[] = [];
const terminals: nodePty.IPty[] = [];
/** Sessions of agents a failing run may leave behind: killed after it, so a failure leaves no orphan. */
const agents: number[] = [];
afterEach(() => {
  const pids = [...terminals.splice(0).map((terminal) => terminal.pid), ...agents.splice(0).flatMap(sessionMembers)];
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function call(url: URL, method: string, params: object): Promise<{ ok: boolean; value?: { pid?: number } }> {
  const ws = new WebSocket(`ws://${url.host}/rpc?token=${url.searchParams.get('token')}`, { origin: url.origin });
  await new Promise((r, j) => {
    ws.once('open', r);
    ws.once('error', j);
  });
  const reply = new Promise<{ result: { ok: boolean; value?: { pid?: number } } }>((r) =>
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id?: number; result: { ok: boolean; value?: { pid?: number } } };
      if (message.id === 1) r(message);
    }),
  );
  ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }));
  const { result } = await reply;
  ws.close();
  return result;
}

describe('closing the terminal that runs the session server in its foreground', () => {
  it('stops every process of every agent before the host goes', { timeout: 120_000 }, async () => {
    const base = realpathSync(mkdtempSync(join(tmpdir(), 'tessera-hangup-')));
    temps.push(base);
    const project = join(base, 'project');
    const config = join(base, 'config');
    mkdirSync(project);
    mkdirSync(join(config, 'tessera', 'profiles'), { recursive: true });
    // An agent with work of its own in the background (a build, a dev server) that outlives a mere
    // hang-up of its terminal, as agents that save their state on SIGHUP, or ignore it, do. When the
    // host dies the kernel hangs up each agent's terminal too, and only that would reach this one.
    const script = 'trap "" HUP; sleep 300 & sleep 300';
    const profile = { id: 'busy', name: 'busy', command: '/bin/sh', args: ['-c', script], env: {}, inject: { kind: 'stdin' }, status: { needsInput: [], busy: [] } };
    writeFileSync(join(config, 'tessera', 'profiles', 'busy.json'), JSON.stringify(profile));

    const runtime = join(base, 'run');
    mkdirSync(runtime, { mode: 0o700 });
    const env = { ...process.env, TESSERA_CONFIG_DIR: config, HOME: base, XDG_RUNTIME_DIR: runtime } as Record<string, string>;
    const terminal = nodePty.spawn(bin, ['server', 'run', '--foreground'], { cwd: base, env, cols: 100, rows: 30 });
    terminals.push(terminal);
    let screen = '';
    terminal.onData((data) => (screen += data));
    let exited = false;
    terminal.onExit(() => (exited = true));
    // Starting from the sources (tsx) on a busy machine takes a while.
    await eventually(() => existsSync(join(runtime, 'tessera', 'server.sock')) || undefined, `the server's socket (it printed: ${screen})`, 40_000);
    const web = execFileSync(bin, ['web', project], { cwd: base, env, encoding: 'utf8' });
    const url = new URL(/Tessera web: (\S+)/.exec(web)?.[1] ?? '');

    expect(await call(url, 'agents.create', { name: 'Busy', profile: 'busy' })).toMatchObject({ ok: true });
    const launched = await call(url, 'agents.launch', { slug: 'busy' });
    const agent = launched.value?.pid ?? 0;
    expect(agent).toBeGreaterThan(0);
    agents.push(agent);
    await eventually(() => sessionMembers(agent).length >= 3 || undefined, 'the agent and its two sleeps', 20_000);

    // What a terminal emulator does when its window closes: the master side goes, the host is hung
    // up. node-pty's Unix terminal does that in destroy(), which its typings leave out.
    (terminal as nodePty.IPty & { destroy(): void }).destroy();
    await eventually(() => exited || undefined, 'the host to exit', 30_000);
    await eventually(() => sessionMembers(agent).length === 0 || undefined, 'no process of the agent left', 20_000);
  });
});
