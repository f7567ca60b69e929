import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { z } from 'zod';
import type { Response } from '../../contract/contract';
import { isAgentToolMethod } from '../../contract/agent-tools';
import { PROTOCOL_VERSION, serverMethods, type ServerMethodName, type ServerStatusDto } from '../../contract/session-protocol';
import { err, ok, type Result } from '../../domain/result';
import type { AppHost } from '../app-host';
import { appendMessagesLog } from '../composition-root';
import { describeError } from '../describe-error';
import { projectDto, sessionDto } from '../router/dto';
import { randomToken, startWebServer, type RunningWebServer } from '../web/web-server';
import { AgentCapabilities, handleAgentTool } from './agent-tools';
import { IdleWatch } from './idle-watch';
import { socketDuplex } from './node-duplex';
import { serveProtocol } from './protocol-endpoint';
import { acquireServerLock, type LockError } from './server-lock';
import { readServerSettings, writeServerSettings } from './server-settings';
import { checkSocket, ensureRuntimeDir, resumePath, serverSocketPath, type UnsafeRuntimeError } from './runtime-dir';

/**
 * The session server: one per user, holding the app host (every project, every agent) for as long
 * as agents run or clients are connected, whatever happens to the terminal or window that started
 * it. It serves the session protocol on a Unix socket in the runtime folder and, once `tessera web`
 * asks, browsers on loopback HTTP + WebSocket at a port remembered in server.json. It exits when asked
 * (`server.stop`, a signal) or after `idleExitMs` with no agent running and no client connected;
 * either way every agent's process tree is killed on the way out.
 */
export interface SessionServerOptions {
  readonly host: AppHost;
  readonly runtimeDir: string;
  readonly configDir: string;
  readonly app: string;
  /** The built renderer served to browsers. */
  readonly staticDir: string;
  readonly idleExitMs: number;
  readonly log: (message: string, error?: unknown) => void;
  readonly pid?: number;
  /** The agents' capabilities for `tessera mcp` (agent-tools.ts); without it every agent tool is refused. */
  readonly capabilities?: AgentCapabilities;
}

export type StopReason = 'asked' | 'idle' | 'restart';

export interface RunningSessionServer {
  readonly socketPath: string;
  /** Resolves once the server has stopped: agents killed, socket and lock removed. */
  readonly stopped: Promise<StopReason>;
  /** Stops the server; with 'restart', the agents that declare a resume are written down first to be relaunched by the next server. */
  stop(reason: StopReason): Promise<void>;
}

export type StartServerError = UnsafeRuntimeError | LockError | { readonly kind: 'listen-failed'; readonly message: string };

const ResumeFile = z.array(
  z.object({ root: z.string(), slug: z.string(), cols: z.number().int(), rows: z.number().int(), args: z.array(z.string()) }),
);

export async function startSessionServer(options: SessionServerOptions): Promise<Result<RunningSessionServer, StartServerError>> {
  const { host, log } = options;
  const pid = options.pid ?? process.pid;
  const dir = ensureRuntimeDir(options.runtimeDir);
  if (!dir.ok) return dir;
  const lock = await acquireServerLock(options.runtimeDir, pid);
  if (!lock.ok) return lock;
  const socketPath = serverSocketPath(options.runtimeDir);
  // The lock is ours, so a socket left here belongs to a server that is gone.
  removeQuietly(socketPath);

  const startedAt = Date.now();
  const identity = { app: options.app, protocol: PROTOCOL_VERSION, pid, startedAt };
  const sockets = new Set<Socket>();
  let web: { server: RunningWebServer; host: string } | undefined;
  let stopping: Promise<void> | undefined;
  let resolveStopped!: (reason: StopReason) => void;
  const stopped = new Promise<StopReason>((resolve) => (resolveStopped = resolve));

  const status = (): ServerStatusDto => ({
    pid,
    app: options.app,
    protocol: PROTOCOL_VERSION,
    startedAt,
    clients: host.connectionCount,
    projects: host.projects().map(projectDto),
    sessions: host.sessions().map(({ project, session }) => ({ ...sessionDto(session), project: projectDto(project) })),
    ...(web ? { webUrl: web.server.url } : {}),
    idleExitMs: options.idleExitMs,
  });

  const serveWeb = async (params: z.output<(typeof serverMethods)['server.web']['params']>): Promise<Response<unknown>> => {
    const settings = readServerSettings(options.configDir);
    const token = params.token ?? (params.newToken || !settings.token ? randomToken() : settings.token);
    const bindHost = params.host ?? web?.host ?? '127.0.0.1';
    const wanted = params.port ?? settings.port ?? 0;
    if (web && web.host === bindHost && token === settings.token && (params.port === undefined || params.port === web.server.port)) {
      return openForViews(params.project, { url: web.server.url, host: bindHost, port: web.server.port });
    }
    await web?.server.close();
    web = undefined;
    let portTaken: number | undefined;
    let server: RunningWebServer;
    try {
      server = await startWebServer(host, { host: bindHost, port: wanted, token, staticDir: options.staticDir, log, identity });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || wanted === 0 || params.port !== undefined) {
        return { ok: false, error: { kind: 'listen-failed', message: `Cannot listen on ${bindHost}:${wanted}: ${(error as Error).message}` } };
      }
      // The remembered port is someone else's now: another one, remembered instead.
      portTaken = wanted;
      server = await startWebServer(host, { host: bindHost, port: 0, token, staticDir: options.staticDir, log, identity });
    }
    web = { server, host: bindHost };
    writeServerSettings(options.configDir, { ...settings, port: server.port, token });
    return openForViews(params.project, { url: server.url, host: bindHost, port: server.port, ...(portTaken !== undefined ? { portTaken } : {}) });
  };

  const openForViews = async (project: string | undefined, value: object): Promise<Response<unknown>> => {
    if (project === undefined) return { ok: true, value };
    const opened = await host.openForViews(project);
    return opened.ok ? { ok: true, value } : { ok: false, error: { kind: opened.error.kind, message: describeError(opened.error) } };
  };

  const capabilities = options.capabilities ?? new AgentCapabilities();
  const appendMessage = (root: string, line: string): Promise<void> => appendMessagesLog(root, line).catch((error: unknown) => log(`could not log a message between agents in ${root}`, error));
  const handleServerMethod = async (method: ServerMethodName, rawParams: unknown): Promise<Response<unknown>> => {
    if (isAgentToolMethod(method)) return handleAgentTool(method, rawParams, { host, capabilities, appendMessage });
    const parsed = serverMethods[method].params.safeParse(rawParams ?? {});
    if (!parsed.success) return { ok: false, error: { kind: 'invalid-params', message: `Invalid parameters: ${z.prettifyError(parsed.error).slice(0, 300)}` } };
    switch (method) {
      case 'server.status':
        return { ok: true, value: status() };
      case 'server.stop': {
        const { force } = parsed.data as { force: boolean };
        const running = host.liveSessionCount();
        if (running > 0 && !force) {
          return { ok: false, error: { kind: 'agents-running', message: `${running} agent${running === 1 ? ' is' : 's are'} running; stopping the server stops ${running === 1 ? 'it' : 'them'}.` } };
        }
        // The answer goes out before the connection does.
        setImmediate(() => void stop('asked'));
        return { ok: true, value: { stopped: running } };
      }
      case 'server.web':
        return serveWeb(parsed.data as z.output<(typeof serverMethods)['server.web']['params']>);
    }
  };

  const idle = new IdleWatch({
    idleMs: options.idleExitMs,
    busy: () => host.liveSessionCount() > 0 || host.connectionCount > 0 || sockets.size > 0,
    onIdle: () => {
      log(`no agent running and no client connected for ${Math.round(options.idleExitMs / 1000)} s: stopping`);
      void stop('idle');
    },
    now: () => Date.now(),
    setInterval: (fn, ms) => setInterval(fn, ms),
    clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
  });

  const listener: Server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => {
      sockets.delete(socket);
      idle.check();
    });
    serveProtocol(socketDuplex(socket), {
      host,
      serverMethods: handleServerMethod,
      app: options.app,
      pid,
      stopping: () => stopping !== undefined,
      log,
    });
  });

  // What the previous server wrote down at a restart runs again before anyone connects, so the first
  // client (the restarting command) already sees it.
  await resumeAgents(options.runtimeDir, host, log);

  // The socket is created 0600: no moment when another user could connect.
  const oldMask = process.umask(0o177);
  try {
    await new Promise<void>((resolve, reject) => {
      listener.once('error', reject);
      listener.listen(socketPath, () => {
        listener.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    lock.value.release();
    return err({ kind: 'listen-failed', message: `cannot listen on ${socketPath}: ${(error as Error).message}` });
  } finally {
    process.umask(oldMask);
  }
  const socketOk = checkSocket(socketPath);
  if (!socketOk.ok) {
    listener.close();
    lock.value.release();
    return err({ kind: 'listen-failed', message: socketOk.error.kind === 'runtime-unsafe' ? socketOk.error.message : `${socketPath} vanished` });
  }

  const stop = (reason: StopReason): Promise<void> => {
    stopping ??= (async () => {
      idle.stop();
      if (reason === 'restart') {
        try {
          writeFileSync(resumePath(options.runtimeDir), JSON.stringify(await host.resumable()), { mode: 0o600 });
        } catch (error) {
          log('could not write the agents to resume', error);
        }
      }
      listener.close();
      for (const socket of sockets) socket.destroy();
      await web?.server.close();
      await host.dispose();
      removeQuietly(socketPath);
      lock.value.release();
      log(`stopped (${reason})`);
      resolveStopped(reason);
    })();
    return stopping;
  };

  idle.start();
  log(`listening on ${socketPath} (pid ${pid}, version ${options.app})`);
  return ok({ socketPath, stopped, stop });
}

/** Relaunches what the previous server wrote down when it was restarted, with each profile's resume arguments. */
async function resumeAgents(runtimeDir: string, host: AppHost, log: (message: string, error?: unknown) => void): Promise<void> {
  const path = resumePath(runtimeDir);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return;
  }
  removeQuietly(path);
  let list: z.infer<typeof ResumeFile>;
  try {
    const parsed = ResumeFile.safeParse(JSON.parse(text));
    if (!parsed.success) return log('the list of agents to resume does not parse; none relaunched');
    list = parsed.data;
  } catch {
    return log('the list of agents to resume is not JSON; none relaunched');
  }
  for (const agent of list) {
    const opened = await host.openForViews(agent.root);
    if (!opened.ok) {
      log(`could not reopen ${agent.root} to resume ${agent.slug}: ${describeError(opened.error)}`);
      continue;
    }
    const launched = await host.relaunch(opened.value.root, agent.slug, { cols: agent.cols, rows: agent.rows }, agent.args);
    if (!launched.ok) log(`could not resume ${agent.slug} in ${agent.root}: ${describeError(launched.error)}`);
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
