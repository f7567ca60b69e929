import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnixHookChannel } from '../adapters/agent-hooks/unix-hook-channel';
import { PerLaunchHookSetup } from '../adapters/agent-hooks/hook-launch';
import type { HookCall } from '../domain/ports/agent-hooks.port';
import { AgentCapabilities, agentToolsGrant } from '../server/session/agent-tools';
import { HOOK_FLAG, MCP_FLAG } from '../server/session/agent-programs';
import { desktopAgentPrograms, programMode, runProgram, SERVER_FLAG, type ProgramDeps, type ProgramLoaders } from './program-modes';

/**
 * The packaged app has no Node to run `tessera mcp` and the hook program with: its own binary runs
 * again with a flag and is that program. No Electron binary here, so the binary is faked: the
 * dispatch is the real one, and the hook program is the real CommonJS bundle the app loads.
 */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tessera-program-modes-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A start's dependencies, each recording its call: which module a start loads, and how it ends. */
function recorder(overrides: Partial<ProgramLoaders> = {}) {
  const seen: string[] = [];
  const deps: ProgramDeps = {
    load: {
      mcp: () => (seen.push('load mcp'), { serveAgentMcp: async (app) => (seen.push(`serve mcp ${app}`), 0) }),
      hook: () => void seen.push('load hook'),
      app: () => (seen.push('load app'), { runApp: (mode) => void seen.push(`run app ${mode}`) }),
      ...overrides,
    },
    version: () => '1.2.3',
    hideDock: () => void seen.push('hide dock'),
    exit: (code) => void seen.push(`exit ${code}`),
    log: (message) => void seen.push(`log ${message}`),
  };
  return { seen, deps };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('program mode of the app binary', () => {
  it('is chosen by its flag, and is the window without one', () => {
    expect(programMode(['/opt/Tessera/tessera'])).toBe('window');
    expect(programMode(['/opt/Tessera/tessera', '--tessera-project=/p'])).toBe('window');
    expect(programMode(['/opt/Tessera/tessera', SERVER_FLAG])).toBe('server');
    expect(programMode(['/opt/Tessera/tessera', MCP_FLAG])).toBe('mcp');
    expect(programMode(['/opt/Tessera/tessera', HOOK_FLAG, '--wait'])).toBe('hook');
    expect(programMode(['/x/electron', '/x/dist/electron/main.cjs', HOOK_FLAG])).toBe('hook');
  });

  it('loads only the app for the window and the server, and hands it the mode', () => {
    for (const mode of ['window', 'server'] as const) {
      const start = recorder();
      runProgram(mode, start.deps);
      expect(start.seen).toEqual(['load app', `run app ${mode}`]);
    }
  });

  it("loads only the MCP server for tessera mcp, serves it with the app's version, and exits with its code, or 1 when it fails", async () => {
    const served = recorder({ mcp: () => ({ serveAgentMcp: async (app) => (app === '1.2.3' ? 3 : 4) }) });
    runProgram('mcp', served.deps);
    await settled();
    expect(served.seen).toEqual(['hide dock', 'exit 3']);
    const plain = recorder();
    runProgram('mcp', plain.deps);
    await settled();
    expect(plain.seen).toEqual(['hide dock', 'load mcp', 'serve mcp 1.2.3', 'exit 0']);
    const failed = recorder({ mcp: () => ({ serveAgentMcp: async () => Promise.reject(new Error('boom')) }) });
    runProgram('mcp', failed.deps);
    await settled();
    expect(failed.seen).toEqual(['hide dock', 'log tessera mcp failed', 'exit 1']);
    const missing = recorder({ mcp: () => { throw new Error('cannot find tessera-mcp.cjs'); } });
    runProgram('mcp', missing.deps);
    await settled();
    expect(missing.seen).toEqual(['hide dock', 'log tessera mcp failed', 'exit 1']);
  });

  it('loads only the hook program, which ends the process itself, and exits 0 when it cannot load, so the agent carries on', () => {
    const loaded = recorder();
    runProgram('hook', loaded.deps);
    expect(loaded.seen).toEqual(['hide dock', 'load hook']);
    const broken = recorder({ hook: () => { throw new Error('missing'); } });
    runProgram('hook', broken.deps);
    expect(broken.seen).toEqual(['hide dock', 'log the hook program could not start', 'exit 0']);
  });
});

describe("the agents' programs of the desktop app's server", () => {
  it('are the app binary with a flag when packaged, and Node with the scripts from the sources, tessera mcp prebuilt when given', () => {
    expect(desktopAgentPrograms({ packaged: true, execPath: '/opt/Tessera/tessera', repoRoot, node: 'node' })).toEqual({
      mcp: { file: '/opt/Tessera/tessera', args: [MCP_FLAG] },
      hook: { file: '/opt/Tessera/tessera', args: [HOOK_FLAG] },
    });
    const sources = desktopAgentPrograms({ packaged: false, execPath: '/x/electron', repoRoot, node: process.execPath });
    expect(sources).toEqual({ mcp: { file: process.execPath, args: [join(repoRoot, 'bin', 'tessera'), 'mcp'] }, hook: { file: process.execPath, args: [join(repoRoot, 'adapters', 'agent-hooks', 'tessera-hook.mjs')] } });
    expect(existsSync(sources.mcp.args[0]!) && existsSync(sources.hook.args[0]!)).toBe(true);
    const prebuilt = desktopAgentPrograms({ packaged: false, execPath: '/x/electron', repoRoot, node: process.execPath, mcpBundle: '/r/dist/mcp/tessera-mcp.mjs' });
    expect(prebuilt).toEqual({ mcp: { file: process.execPath, args: ['/r/dist/mcp/tessera-mcp.mjs'] }, hook: sources.hook });
  });

  it("name the binary and its MCP flag in each agent's MCP configuration", () => {
    const packaged = desktopAgentPrograms({ packaged: true, execPath: '/opt/Tessera/tessera', repoRoot, node: 'node' });
    const tools = agentToolsGrant({ capabilities: new AgentCapabilities(), runtimeDir: join(dir, 'run'), mcpCommand: packaged.mcp, env: {} });
    const granted = tools.grant({ sessionId: 's1', slug: 'lead', projectRoot: '/p' });
    if (!granted.ok) throw new Error(granted.error.message);
    const config = JSON.parse(readFileSync(granted.value.configPath, 'utf8')) as { mcpServers: { tessera: { command: string; args: string[] } } };
    expect(config.mcpServers.tessera).toMatchObject({ command: '/opt/Tessera/tessera', args: [MCP_FLAG] });
    expect(tools.preview?.server).toEqual({ command: '/opt/Tessera/tessera', args: [MCP_FLAG] });
  });

  it("run the hook through the binary: Claude's hook command is the binary and its flag, and an event reaches the host and the answer comes back", async () => {
    // The real hook program, bundled as the desktop build bundles it.
    const bundle = join(dir, 'tessera-hook.cjs');
    await build({ entryPoints: [join(repoRoot, 'adapters', 'agent-hooks', 'tessera-hook.mjs')], outfile: bundle, bundle: true, platform: 'node', format: 'cjs', logLevel: 'silent' });
    // The app binary, faked: with the hook flag it loads the bundle as the app's main does, and is nothing else.
    const binary = join(dir, 'Tessera App');
    writeFileSync(binary, `#!${process.execPath}\nif (process.argv.includes(${JSON.stringify(HOOK_FLAG)})) require(${JSON.stringify(bundle)});\nelse process.exit(9);\n`, { mode: 0o755 });
    const packaged = desktopAgentPrograms({ packaged: true, execPath: binary, repoRoot, node: 'node' });

    const channel = new UnixHookChannel({ program: packaged.hook, parentDir: dir, waitMs: 5000 });
    try {
      const calls: HookCall[] = [];
      channel.onCall((call) => {
        calls.push(call);
        call.answer('{"decision":"allow"}');
        return true;
      });
      const launch = await new PerLaunchHookSetup(channel, 5000).prepare({ sessionId: 's1', command: 'claude' });
      if (!launch) throw new Error('no hooks for claude');
      const settings = JSON.parse(readFileSync(launch.args[1]!, 'utf8')) as { hooks: Record<string, Array<{ hooks: Array<{ command: string }> }>> };
      const command = settings.hooks.PermissionRequest?.[0]?.hooks[0]?.command;
      expect(command).toBe(`'${binary}' '${HOOK_FLAG}' --wait`);

      const answer = await new Promise<{ code: number | null; stdout: string }>((done) => {
        const child = spawn('sh', ['-c', command!], { env: { PATH: process.env.PATH ?? '', ...launch.env }, stdio: ['pipe', 'pipe', 'inherit'] });
        let stdout = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.on('close', (code) => done({ code, stdout }));
        child.stdin.end(JSON.stringify({ session_id: 'c1', hook_event_name: 'PermissionRequest', tool_name: 'Bash', tool_input: { command: 'ls' } }));
      });
      expect(answer).toEqual({ code: 0, stdout: '{"decision":"allow"}' });
      expect(calls.map((call) => [call.sessionId, call.waiting])).toEqual([['s1', true]]);
    } finally {
      await channel.close();
    }
  });
});
