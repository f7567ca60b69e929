import { definedEnv, userConfigDir } from '../config-dir';
import { createAppHost } from '../composition-root';
import { AgentCapabilities, agentToolsGrant } from './agent-tools';
import { runtimeDir } from './runtime-dir';
import type { AgentPrograms } from './agent-programs';
import { idleExitMs, readServerSettings } from './server-settings';
import { startSessionServer, type StopReason } from './session-server';

export interface RunServerOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly app: string;
  /** The built renderer served to browsers. */
  readonly staticDir: string;
  /** The mirrors' and the frontmatter's threads (sources through tsx, or the desktop app's bundles). */
  readonly mirrorWorker: string | URL;
  readonly frontmatterWorker: string | URL;
  readonly log: (message: string, error?: unknown) => void;
  /** How agents' CLIs start `tessera mcp` and the hook program (agent-programs.ts); without it agents get neither. */
  readonly programs?: AgentPrograms;
  /** False when the user turned Tessera's hooks off: agents then get no hook program. */
  readonly hooks?: boolean;
}

/**
 * The session server in this process until it stops (what `tessera server run --foreground` and the
 * desktop app's binary with its server flag run): the host wired, the server started, stopped by
 * SIGTERM, SIGINT or SIGHUP, and by SIGUSR2 for a restart (the agents that declare a resume written
 * down for the next server), whatever version sends it. Resolves with an error line, or undefined
 * once it stopped.
 */
export async function runSessionServer(options: RunServerOptions): Promise<string | undefined> {
  const { env, log } = options;
  const configDir = userConfigDir(env);
  const settings = readServerSettings(configDir);
  const capabilities = new AgentCapabilities();
  const { programs } = options;
  const agentTools = programs ? agentToolsGrant({ capabilities, runtimeDir: runtimeDir(env), mcpCommand: programs.mcp, env }) : undefined;
  const host = createAppHost({
    configDir,
    env: definedEnv(env as NodeJS.ProcessEnv),
    log,
    mirrorWorker: options.mirrorWorker,
    frontmatterWorker: options.frontmatterWorker,
    ...(agentTools ? { agentTools } : {}),
    ...(programs && options.hooks !== false ? { hookProgram: programs.hook } : {}),
    ...(programs ? { mcpProgram: programs.mcp } : {}),
    ...(settings.agentsYieldCpu === false ? { agentsYieldCpu: false } : {}),
  });
  const started = await startSessionServer({
    host,
    runtimeDir: runtimeDir(env),
    configDir,
    app: options.app,
    staticDir: options.staticDir,
    idleExitMs: idleExitMs(env, settings),
    log,
    capabilities,
  });
  if (!started.ok) {
    await host.dispose();
    const error = started.error;
    return error.kind === 'server-running' ? `a server is already running (pid ${error.pid})` : error.message;
  }
  const server = started.value;
  const onSignal = (reason: StopReason) => () => void server.stop(reason);
  const handlers: Array<[NodeJS.Signals, () => void]> = [
    ['SIGTERM', onSignal('asked')],
    ['SIGINT', onSignal('asked')],
    ['SIGHUP', onSignal('asked')],
    ['SIGUSR2', onSignal('restart')],
  ];
  for (const [signal, handler] of handlers) process.on(signal, handler);
  try {
    await server.stopped;
    return undefined;
  } finally {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  }
}
