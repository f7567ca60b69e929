import { fileURLToPath } from 'node:url';
import type { ServerStatusDto } from '../contract/session-protocol';
import { logLine } from '../server/log-line';
import { agentPrograms } from '../server/session/agent-programs';
import { mcpBundleForAgents } from '../server/session/mcp-bundle';
import { runtimeDir } from '../server/session/runtime-dir';
import { join } from 'node:path';
import { appVersion, repoRoot } from './app-version';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliIo } from './cli-io';
import { processGone } from '../server/session/server-connection';
import { connectOnce, openServer } from './server-connection';
import { defaultStaticDir } from './web-command';
import { formatDuration } from './session-format';

const USAGE = 'usage: tessera server run [--foreground] | stop [--yes] | status [--json] | restart [--yes]';

/** The server's mirror and frontmatter threads load the TypeScript sources through tsx. */
const MIRROR_WORKER = new URL('../adapters/mirror/mirror-worker-boot.mjs', import.meta.url);
const FRONTMATTER_WORKER = new URL('../adapters/shared/frontmatter-worker-boot.mjs', import.meta.url);
/** The hook program agents' CLIs run at their events, under this Node. */
const HOOK_SCRIPT = fileURLToPath(new URL('../adapters/agent-hooks/tessera-hook.mjs', import.meta.url));

/** How long `stop` and `restart` wait for the old server to be gone (its agents killed). */
const STOP_WAIT_MS = 30_000;

export interface ServerCommandIo extends CliIo {
  /** Asks the user a yes/no question on their terminal; undefined where there is none (a script). */
  readonly confirm?: (question: string) => Promise<boolean>;
}

/** `tessera server ...`: run (what the other commands start), stop, status, restart. */
export async function runServerCommand(argv: readonly string[], io: ServerCommandIo): Promise<number> {
  const [sub, ...rest] = argv;
  const flags = new Set(rest);
  const allowed: Record<string, readonly string[]> = { run: ['--foreground'], stop: ['--yes', '-y'], status: ['--json'], restart: ['--yes', '-y'] };
  if (sub === undefined || !(sub in allowed)) return usage(io, sub === undefined ? 'which server command?' : `unknown server command ${sub}`);
  for (const flag of flags) if (!allowed[sub]?.includes(flag)) return usage(io, `unknown option ${flag} for server ${sub}`);
  const yes = flags.has('--yes') || flags.has('-y');
  switch (sub) {
    case 'run':
      return flags.has('--foreground') ? runForeground(io) : runDetached(io);
    case 'status':
      return status(io, flags.has('--json'));
    case 'stop':
      return stop(io, yes);
    default:
      return restart(io, yes);
  }
}

function usage(io: CliIo, message: string): number {
  io.stderr.write(`tessera server: ${message} (${USAGE})\n`);
  return EXIT_USAGE;
}

/** The server in this process, until it stops; its log goes to stderr (server.log when started on demand). */
async function runForeground(io: CliIo): Promise<number> {
  const log = (message: string, error?: unknown): void => void io.stderr.write(`${new Date().toISOString()} ${logLine(message, error)}\n`);
  const { runSessionServer } = await import('../server/session/run-server');
  // Decided once: the server's own code is what it loaded at its start too.
  const mcpBundle = mcpBundleForAgents(repoRoot, log);
  const failed = await runSessionServer({
    env: io.env,
    app: appVersion(io.env),
    staticDir: defaultStaticDir(),
    mirrorWorker: MIRROR_WORKER,
    frontmatterWorker: FRONTMATTER_WORKER,
    log,
    programs: agentPrograms({
      kind: 'node',
      node: process.execPath,
      tesseraBin: join(repoRoot, 'bin', 'tessera'),
      hookScript: HOOK_SCRIPT,
      ...(mcpBundle !== undefined ? { mcpBundle } : {}),
    }),
    hooks: io.env.TESSERA_AGENT_HOOKS !== 'off',
  });
  if (failed === undefined) return EXIT_OK;
  io.stderr.write(`tessera server: ${failed}\n`);
  return EXIT_FAILURE;
}

async function runDetached(io: CliIo): Promise<number> {
  const client = await openServer(io, { start: true });
  if (!client.ok) return fail(io, client.error.message);
  io.stdout.write(`Tessera server running (pid ${client.value.server.pid}, version ${client.value.server.app})\n`);
  client.value.close();
  return EXIT_OK;
}

async function status(io: CliIo, json: boolean): Promise<number> {
  const client = await connectOnce(runtimeDir(io.env), 'script', io.env);
  if (!client.ok) {
    if (client.error.kind !== 'server-not-running') return fail(io, client.error.message);
    io.stdout.write(json ? `${JSON.stringify({ running: false })}\n` : 'No Tessera server is running.\n');
    return EXIT_FAILURE;
  }
  const answer = await client.value.callServer('server.status', {});
  client.value.close();
  if (!answer.ok) return fail(io, answer.error.message);
  const s = answer.value;
  if (json) {
    io.stdout.write(`${JSON.stringify({ running: true, ...s })}\n`);
    return EXIT_OK;
  }
  const running = s.sessions.filter((session) => session.status !== 'exited' && session.status !== 'failed').length;
  io.stdout.write(
    [
      `Tessera server ${s.app} running (pid ${s.pid}) for ${formatDuration(Date.now() - s.startedAt)}`,
      `agents running: ${running}; clients: ${Math.max(0, s.clients - 1)}; projects open: ${s.projects.map((p) => p.name).join(', ') || 'none'}`,
      ...(s.webUrl ? [`web: ${s.webUrl}`] : []),
      `exits after ${formatDuration(s.idleExitMs)} with no agent running and no client connected`,
    ].join('\n') + '\n',
  );
  return EXIT_OK;
}

async function stop(io: ServerCommandIo, yes: boolean): Promise<number> {
  const client = await connectOnce(runtimeDir(io.env), 'script', io.env);
  if (!client.ok) {
    if (client.error.kind === 'version-mismatch') return stopBySignal(io, client.error.server.pid, 'SIGTERM', yes, 'stop');
    if (client.error.kind !== 'server-not-running') return fail(io, client.error.message);
    io.stdout.write('No Tessera server is running.\n');
    return EXIT_OK;
  }
  const pid = client.value.server.pid;
  let answer = await client.value.callServer('server.stop', { force: yes });
  if (!answer.ok && answer.error.kind === 'agents-running') {
    const agreed = await agree(io, `${answer.error.message} Stop the server? [y/N] `);
    if (!agreed) {
      client.value.close();
      return agreed === undefined ? fail(io, `${answer.error.message} Nothing stopped (pass --yes to stop them).`) : cancelled(io);
    }
    answer = await client.value.callServer('server.stop', { force: true });
  }
  client.value.close();
  if (!answer.ok) return fail(io, answer.error.message);
  if (!(await gone(pid))) return fail(io, `the server (pid ${pid}) is still stopping after ${STOP_WAIT_MS / 1000} s`);
  const n = answer.value.stopped;
  io.stdout.write(`Tessera server stopped${n > 0 ? ` (${n} agent${n === 1 ? '' : 's'} stopped)` : ''}.\n`);
  return EXIT_OK;
}

async function restart(io: ServerCommandIo, yes: boolean): Promise<number> {
  const dir = runtimeDir(io.env);
  const client = await connectOnce(dir, 'script', io.env);
  let pid: number | undefined;
  if (client.ok) {
    pid = client.value.server.pid;
    const answer = await client.value.callServer('server.status', {});
    client.value.close();
    const running = answer.ok ? liveAgents(answer.value) : 0;
    if (running > 0 && !yes) {
      const question = `${running} agent${running === 1 ? ' is' : 's are'} running; a restart stops ${running === 1 ? 'it' : 'them'} and relaunches those whose profile declares a resume. Restart? [y/N] `;
      const agreed = await agree(io, question);
      if (!agreed) return agreed === undefined ? fail(io, `${running} agents are running; nothing restarted (pass --yes to restart anyway).`) : cancelled(io);
    }
  } else if (client.error.kind === 'version-mismatch') {
    pid = client.error.server.pid;
    if (!yes) {
      const agreed = await agree(io, `The running server (version ${client.error.server.app}) stops with its agents, and those whose profile declares a resume are relaunched. Restart? [y/N] `);
      if (!agreed) return agreed === undefined ? fail(io, 'nothing restarted (pass --yes to restart anyway)') : cancelled(io);
    }
  } else if (client.error.kind !== 'server-not-running') {
    return fail(io, client.error.message);
  }
  if (pid !== undefined) {
    try {
      process.kill(pid, 'SIGUSR2');
    } catch (error) {
      return fail(io, `cannot stop the server (pid ${pid}): ${(error as Error).message}`);
    }
    if (!(await gone(pid))) return fail(io, `the server (pid ${pid}) is still stopping after ${STOP_WAIT_MS / 1000} s`);
  }
  const next = await openServer(io, { start: true });
  if (!next.ok) return fail(io, next.error.message);
  const after = await next.value.callServer('server.status', {});
  next.value.close();
  const resumed = after.ok ? liveAgents(after.value) : 0;
  io.stdout.write(`Tessera server restarted (pid ${next.value.server.pid}, version ${next.value.server.app}); ${resumed} agent${resumed === 1 ? '' : 's'} resumed.\n`);
  return EXIT_OK;
}

async function stopBySignal(io: ServerCommandIo, pid: number, signal: NodeJS.Signals, yes: boolean, verb: string): Promise<number> {
  if (!yes) {
    const agreed = await agree(io, `The running server (another version) ${verb}s with every agent it runs. Go on? [y/N] `);
    if (!agreed) return agreed === undefined ? fail(io, `nothing done (pass --yes to ${verb} it)`) : cancelled(io);
  }
  try {
    process.kill(pid, signal);
  } catch (error) {
    return fail(io, `cannot stop the server (pid ${pid}): ${(error as Error).message}`);
  }
  if (!(await gone(pid))) return fail(io, `the server (pid ${pid}) is still stopping after ${STOP_WAIT_MS / 1000} s`);
  io.stdout.write('Tessera server stopped.\n');
  return EXIT_OK;
}

function liveAgents(status: ServerStatusDto): number {
  return status.sessions.filter((session) => session.status !== 'exited' && session.status !== 'failed').length;
}

/** The user's yes (true), no (false), or undefined when there is no one to ask. */
async function agree(io: ServerCommandIo, question: string): Promise<boolean | undefined> {
  return io.confirm ? io.confirm(question) : undefined;
}

function cancelled(io: CliIo): number {
  io.stderr.write('tessera server: cancelled; nothing stopped\n');
  return EXIT_FAILURE;
}

function fail(io: CliIo, message: string): number {
  io.stderr.write(`tessera server: ${message}\n`);
  return EXIT_FAILURE;
}

/** Waits until `pid` is gone (its agents killed on its way out). */
function gone(pid: number): Promise<boolean> {
  return processGone(pid, STOP_WAIT_MS);
}
