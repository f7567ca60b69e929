import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../adapters/contracts/eventually';
import { processAlive } from '../adapters/contracts/process-alive';
import type { AppHost } from '../server/app-host';
import { createAppHost } from '../server/composition-root';
import { definedEnv } from '../server/config-dir';
import { AgentCapabilities } from '../server/session/agent-tools';
import { startSessionServer, type RunningSessionServer } from '../server/session/session-server';
import { appVersion, repoRoot } from './app-version';
import { buildMcpBundle } from './mcp-bundle-build';

/**
 * The prebuilt `tessera mcp` against the one run from the sources, each started as an agent's CLI
 * starts it (Node, over stdio) and talking to a real session server of this version: the same
 * handshake, the same tools, and the same answer from the server.
 */
let dir: string;
let bundle: string;
let host: AppHost;
let server: RunningSessionServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tessera-mcp-program-'));
  bundle = join(dir, 'tessera-mcp.mjs');
  const sources = await buildMcpBundle(repoRoot, bundle);
  expect(sources).toContain('server/session/mcp-server.ts');
  expect(sources.filter((source) => /node-pty|^adapters\/|^application\/|composition/.test(source))).toEqual([]);
  const configDir = join(dir, 'config');
  mkdirSync(configDir);
  host = createAppHost({ configDir, env: { ...definedEnv(), TESSERA_CONFIG_DIR: configDir }, log: () => undefined });
  const started = await startSessionServer({
    host,
    runtimeDir: join(dir, 'run', 'tessera'),
    configDir,
    app: appVersion({}),
    staticDir: dir,
    idleExitMs: 600_000,
    log: () => undefined,
    capabilities: new AgentCapabilities(),
  });
  if (!started.ok) throw new Error(JSON.stringify(started.error));
  server = started.value;
}, 60_000);

afterAll(async () => {
  await server?.stop('asked');
  await host?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

interface Started {
  readonly mcp: Client;
  readonly pid: number;
}

/** The program started as an agent's CLI starts it, with a capability no agent holds. */
async function started(args: string[]): Promise<Started> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args,
    env: { PATH: process.env.PATH ?? '', XDG_RUNTIME_DIR: join(dir, 'run'), TESSERA_MCP_CAPABILITY: 'x'.repeat(32) },
    stderr: 'ignore',
  });
  const mcp = new Client({ name: 'test-agent', version: '1.0.0' });
  await mcp.connect(transport);
  return { mcp, pid: transport.pid! };
}

describe('the prebuilt tessera mcp', () => {
  it('answers the handshake with the tools of the sources, reaches the session server of this version, and ends when its client closes', async () => {
    const fromSources = await started([join(repoRoot, 'bin', 'tessera'), 'mcp']);
    const prebuilt = await started([bundle]);
    expect(prebuilt.mcp.getServerVersion()).toEqual(fromSources.mcp.getServerVersion());
    const tools = await prebuilt.mcp.listTools();
    expect(tools.tools.map((tool) => tool.name)).toEqual(['list_agents', 'read_agent', 'send_message', 'launch_agent', 'wait_for_agent', 'set_status']);
    expect(tools).toEqual(await fromSources.mcp.listTools());
    const answer = await prebuilt.mcp.callTool({ name: 'list_agents', arguments: {} });
    expect(answer).toMatchObject({ isError: true, content: [{ type: 'text', text: expect.stringContaining('does not speak for a running agent') }] });
    expect(answer).toEqual(await fromSources.mcp.callTool({ name: 'list_agents', arguments: {} }));
    for (const program of [prebuilt, fromSources]) {
      await program.mcp.close();
      await eventually(() => !processAlive(program.pid), `tessera mcp (pid ${program.pid}) to end`);
    }
  }, 60_000);
});
