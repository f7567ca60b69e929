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
import { SERVER_FLAG } from './desktop-session';
import { desktopAgentPrograms, programMode, runAgentProgram, type AgentProgramDeps } from './program-modes';

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

function recorder(overrides: Partial<AgentProgramDeps> = {}) {
  const seen: string[] = [];
  const deps: AgentProgramDeps = {
    serveMcp: async () => (seen.push('mcp'), 0),
    runHook: () => void seen.push('hook'),
    exit: (code) => void seen.push(`exit ${code}`),
    log: (message) => void seen.push(`log ${message}`),
    ...overrides,
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

  it('serves MCP and exits with its code, or 1 when it fails', async () => {
    const served = recorder({ serveMcp: async () => 3 });
    runAgentProgram('mcp', served.deps);
    await settled();
    expect(served.seen).toEqual(['exit 3']);
    const failed = recorder({ serveMcp: async () => Promise.reject(new Error('boom')) });
    runAgentProgram('mcp', failed.deps);
    await settled();
    expect(failed.seen).toEqual(['log tessera mcp failed', 'exit 1']);
  });

  it('loads the hook program, which ends the process itself, and exits 0 when it cannot load, so the agent carries on', () => {
    const loaded = recorder();
    runAgentProgram('hook', loaded.deps);
    expect(loaded.seen).toEqual(['hook']);
    const broken = recorder({ runHook: () => { throw new Error('missing'); } });
    runAgentProgram('hook', broken.deps);
    expect(broken.seen).toEqual(['log the hook program could not start', 'exit 0']);
  });
});

describe("the agents' programs of the desktop app's server", () => {
  it('are the app binary with a flag when packaged, and Node with the scripts from the sources', () => {
    expect(desktopAgentPrograms({ packaged: true, execPath: '/opt/Tessera/tessera', repoRoot, node: 'node' })).toEqual({
      mcp: { file: '/opt/Tessera/tessera', args: [MCP_FLAG] },
      hook: { file: '/opt/Tessera/tessera', args: [HOOK_FLAG] },
    });
    const sources = desktopAgentPrograms({ packaged: false, execPath: '/x/electron', repoRoot, node: process.execPath });
    expect(sources).toEqual({ mcp: { file: process.execPath, args: [join(repoRoot, 'bin', 'tessera'), 'mcp'] }, hook: { file: process.execPath, args: [join(repoRoot, 'adapters', 'agent-hooks', 'tessera-hook.mjs')] } });
    expect(existsSync(sources.mcp.args[0]!) && existsSync(sources.hook.args[0]!)).toBe(true);
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
