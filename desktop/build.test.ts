import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../adapters/contracts/eventually';
import { processAlive } from '../adapters/contracts/process-alive';
import { HOOK_FLAG, MCP_FLAG } from '../server/session/agent-programs';
import { SERVER_FLAG } from './program-modes';

/**
 * The desktop build (desktop/build.mjs) as the app ships it: what each bundle is made of, per esbuild's
 * metafile, and its entry run under Node with Electron stubbed (there is no Electron binary here) and
 * the app's bundle replaced by one that only records it was loaded.
 */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const VERSION = '9.8.7';

let dir: string;
let marker: string;

interface Metafile {
  readonly inputs: Record<string, unknown>;
  readonly outputs: Record<string, { readonly imports: ReadonlyArray<{ readonly path: string; readonly external?: boolean }> }>;
}

function metafile(name: string): Metafile {
  return JSON.parse(readFileSync(join(dir, `${name}.meta.json`), 'utf8')) as Metafile;
}

/** The modules a bundle leaves to the runtime to load: Node's own, electron, node-pty. */
function externals(name: string): string[] {
  const imports = Object.values(metafile(name).outputs).flatMap((output) => output.imports.filter((entry) => entry.external).map((entry) => entry.path));
  return [...new Set(imports.filter((path) => !builtinModules.includes(path.replace(/^node:/, ''))))].sort();
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tessera-desktop-build-'));
  await promisify(execFile)(process.execPath, [join(repoRoot, 'desktop', 'build.mjs'), `--outdir=${dir}`, '--metafiles']);
  marker = join(dir, 'app-loaded');
  writeFileSync(join(dir, 'app.cjs'), `exports.runApp = (mode) => { require('node:fs').writeFileSync(${JSON.stringify(marker)}, mode); process.exit(0); };\n`);
  // Beside the bundles, where their require('electron') looks first.
  mkdirSync(join(dir, 'node_modules', 'electron'), { recursive: true });
  writeFileSync(join(dir, 'node_modules', 'electron', 'index.js'), `exports.app = { getVersion: () => ${JSON.stringify(VERSION)}, exit: (code) => process.exit(code) };\n`);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the desktop build', () => {
  it("bundles the entry without the app's modules, and each agent program without Electron, the host or a native module", () => {
    const host = /node-pty|composition|^application\/|^adapters\/|^server\/(router|terminal|web)\//;
    const entry = Object.keys(metafile('main').inputs);
    expect(entry).toContain('desktop/program-modes.ts');
    expect(entry.filter((input) => host.test(input) || /node_modules|^desktop\/(app-main|window|ipc|desktop-session)/.test(input))).toEqual([]);
    expect(externals('main')).toEqual(['electron']);

    const mcp = Object.keys(metafile('tessera-mcp').inputs);
    expect(mcp).toContain('server/session/mcp-server.ts');
    expect(mcp.filter((input) => host.test(input) || /^desktop\/(?!mcp-program\.ts$)/.test(input))).toEqual([]);
    expect(externals('tessera-mcp')).toEqual([]);

    expect(Object.keys(metafile('tessera-hook').inputs)).toEqual(['adapters/agent-hooks/tessera-hook.mjs']);
    expect(externals('tessera-hook')).toEqual([]);

    // The app's bundle is where the host's code went.
    expect(Object.keys(metafile('app').inputs)).toEqual(expect.arrayContaining(['desktop/app-main.ts', 'server/session/run-server.ts']));
  });

  it("serves tessera mcp with the app's version from the entry, and never loads the app", async () => {
    const transport = new StdioClientTransport({ command: process.execPath, args: [join(dir, 'main.cjs'), MCP_FLAG], env: { PATH: process.env.PATH ?? '', XDG_RUNTIME_DIR: join(dir, 'run'), TESSERA_MCP_CAPABILITY: 'x'.repeat(32) }, stderr: 'ignore' });
    const mcp = new Client({ name: 'test-agent', version: '1.0.0' });
    await mcp.connect(transport);
    const pid = transport.pid!;
    expect(mcp.getServerVersion()).toMatchObject({ name: 'tessera', version: VERSION });
    expect((await mcp.listTools()).tools.map((tool) => tool.name)).toContain('list_agents');
    await mcp.close();
    await eventually(() => !processAlive(pid), `tessera mcp (pid ${pid}) to end`);
    expect(existsSync(marker)).toBe(false);
  }, 30_000);

  it('runs the hook program from the entry, which ends at once with no host to reach, and never loads the app', async () => {
    const ended = await new Promise<{ code: number | null; stdout: string }>((done) => {
      const child = spawn(process.execPath, [join(dir, 'main.cjs'), HOOK_FLAG], { env: { PATH: process.env.PATH ?? '' }, stdio: ['pipe', 'pipe', 'inherit'] });
      let stdout = '';
      child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
      child.on('close', (code) => done({ code, stdout }));
      child.stdin.end(JSON.stringify({ session_id: 'c1', hook_event_name: 'Stop' }));
    });
    expect(ended).toEqual({ code: 0, stdout: '' });
    expect(existsSync(marker)).toBe(false);
  }, 30_000);

  it('loads the app for the window and the server, each with its mode', async () => {
    for (const [args, mode] of [[[], 'window'], [[SERVER_FLAG], 'server']] as const) {
      const code = await new Promise<number | null>((done) => {
        spawn(process.execPath, [join(dir, 'main.cjs'), ...args], { stdio: 'ignore' }).on('close', done);
      });
      expect([code, readFileSync(marker, 'utf8')]).toEqual([0, mode]);
      rmSync(marker);
    }
  }, 30_000);
});
