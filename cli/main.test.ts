import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parseWebArgs } from './web-command';
import type { CliIo } from './cli-io';
import { runDesktop } from './desktop-command';
import { main } from './main';
import { unknownCommandLine } from './unknown-command';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(repoRoot, 'bin', 'tessera');

function memoryIo(cwd: string): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    env: { TESSERA_CONFIG_DIR: join(cwd, 'config') },
    cwd,
    stopSignal: () => new Promise<string>(() => undefined),
    out: () => out,
    err: () => err,
  };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tessera-cli-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('tessera (the dispatcher)', () => {
  it('prints help with exit 0', async () => {
    const io = memoryIo(dir);
    expect(await main(['--help'], io)).toBe(0);
    expect(io.out()).toContain('tessera web [DIR]');
  });

  it('refuses an unknown option with one line and exit 2', async () => {
    const io = memoryIo(dir);
    expect(await main(['--frobnicate'], io)).toBe(2);
    expect(io.err()).toBe('tessera: unknown option --frobnicate (see tessera --help)\n');
  });

  it('says a mistyped command is one, with the command it may have meant, instead of taking it for a folder', async () => {
    const io = memoryIo(dir);
    expect(await main(['agent', 'list'], io)).toBe(2);
    expect(io.err()).toBe('tessera: unknown command "agent" (did you mean "tessera agents"?); see tessera --help\n');
    const other = memoryIo(dir);
    expect(await main(['frob', 'x'], other)).toBe(2);
    expect(other.err()).toBe('tessera: unknown command "frob"; see tessera --help\n');
  });

  it('still takes a folder whose name is close to a command for the folder to open', () => {
    expect(unknownCommandLine(['agent'], dir)).toBe('tessera: unknown command "agent" (did you mean "tessera agents"?); see tessera --help');
    mkdirSync(join(dir, 'agent'));
    expect(unknownCommandLine(['agent'], dir)).toBeUndefined();
    expect(unknownCommandLine(['my-project'], dir)).toBeUndefined();
  });

  it('sends agents and skills to their commands', async () => {
    const io = memoryIo(dir);
    mkdirSync(join(dir, 'p'));
    expect(await main(['agents', 'list', '--project', 'p', '--json'], io)).toBe(0);
    expect(JSON.parse(io.out())).toEqual([]);
    expect(await main(['skills', 'bogus'], io)).toBe(2);
  });

  it('refuses bad web arguments with one line and exit 2', async () => {
    for (const argv of [['--port', 'x'], ['--port', '70000'], ['--host'], ['a', 'b'], ['--nope']]) {
      const io = memoryIo(dir);
      expect(await main(['web', ...argv], io)).toBe(2);
      expect(io.err().trim().split('\n')).toHaveLength(1);
    }
  });

  it('reports a web project folder that does not exist as bad input', async () => {
    const io = memoryIo(dir);
    expect(await main(['web', 'missing'], io)).toBe(2);
    expect(io.err()).toBe(`tessera web: The folder "${join(dir, 'missing')}" does not exist.\n`);
    expect(io.out()).toBe('');
  });
});

describe('parseWebArgs', () => {
  it('leaves host and port to the server unless given, and reads both flag forms', () => {
    expect(parseWebArgs([])).toEqual({ newToken: false });
    expect(parseWebArgs(['proj', '--host=0.0.0.0', '--port', '8080', '--token', 't'])).toEqual({ dir: 'proj', host: '0.0.0.0', port: 8080, token: 't', newToken: false });
    expect(parseWebArgs(['--new-token'])).toEqual({ newToken: true });
    expect(() => parseWebArgs(['--new-token', '--token', 't'])).toThrow(/do not go together/);
  });
});

describe('tessera [DIR] (the desktop app)', () => {
  it('says in one line that the desktop runtime could not be downloaded, and that npm run web runs the same app', async () => {
    const io = memoryIo(dir);
    mkdirSync(join(dir, 'proj'));
    const code = await runDesktop(['proj'], io, { binary: () => undefined, mainBundle: join(dir, 'main.cjs') });
    expect(code).toBe(1);
    expect(io.err()).toMatch(/^tessera: the desktop runtime \(Electron\) could not be downloaded[^\n]*`npm run web` \(or `tessera web proj`\) runs the same app in a browser\.\n$/);
  });

  it('refuses a project path that is not a folder', async () => {
    const io = memoryIo(dir);
    writeFileSync(join(dir, 'file.txt'), '');
    expect(await runDesktop(['file.txt'], io, { binary: () => '/bin/true', mainBundle: join(dir, 'main.cjs') })).toBe(2);
  });

  it('starts the Electron binary on the bundle with the project, and returns its exit code', async () => {
    const io = memoryIo(dir);
    mkdirSync(join(dir, 'proj'));
    const fakeElectron = join(dir, 'electron');
    const record = join(dir, 'argv.txt');
    writeFileSync(fakeElectron, `#!/bin/sh\necho "$@" > ${record}\nexit 4\n`, { mode: 0o755 });
    writeFileSync(join(dir, 'main.cjs'), '');
    expect(await runDesktop(['proj'], io, { binary: () => fakeElectron, mainBundle: join(dir, 'main.cjs') })).toBe(4);
    expect(readFileSync(record, 'utf8').trim()).toBe(`${join(dir, 'main.cjs')} --tessera-project=${join(dir, 'proj')}`);
  });
});

describe('bin/tessera web (a real process)', () => {
  it('prints exactly one ready line, exits 0, and leaves the server serving behind the token until stopped', async () => {
    mkdirSync(join(dir, 'proj'));
    mkdirSync(join(dir, 'run'), { mode: 0o700 });
    const env = { ...process.env, TESSERA_CONFIG_DIR: join(dir, 'config'), XDG_RUNTIME_DIR: join(dir, 'run') };
    const run = (args: string[]) =>
      new Promise<{ code: number | null; out: string; err: string }>((resolveRun) => {
        const child = spawn(bin, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
        child.on('close', (code) => resolveRun({ code, out, err }));
      });
    try {
      const web = await run(['web', 'proj']);
      expect(web.code, web.err).toBe(0);
      const match = /^Tessera web: (http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32})\n$/.exec(web.out);
      expect(match, `stdout: ${web.out}\nstderr: ${web.err}`).not.toBeNull();
      const url = new URL(match?.[1] ?? '');
      const refused = await new Promise<number>((r) => {
        const bare = new WebSocket(`ws://${url.host}/rpc`, { origin: url.origin });
        bare.once('unexpected-response', (_request, response) => r(response.statusCode ?? 0));
        bare.once('open', () => (bare.close(), r(101)));
      });
      expect(refused).toBe(401);
      const ws = new WebSocket(`ws://${url.host}/rpc?token=${url.searchParams.get('token')}`, { origin: url.origin });
      await new Promise((r, j) => {
        ws.once('open', r);
        ws.once('error', j);
      });
      const reply = new Promise<string>((r) => ws.once('message', (data) => r(String(data))));
      ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'project.current' }));
      expect(JSON.parse(await reply)).toEqual({ jsonrpc: '2.0', id: 1, result: { ok: true, value: { root: join(dir, 'proj'), name: 'proj' } } });
      ws.close();
      const again = await run(['web']);
      expect(again.out).toBe(web.out);
    } finally {
      const stopped = await run(['server', 'stop', '--yes']);
      expect(stopped.code, stopped.err).toBe(0);
    }
  });
});
