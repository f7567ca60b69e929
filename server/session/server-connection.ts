import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, statSync, truncateSync } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import { connectSession, type ConnectError, type SessionClient } from '../../contract/session-client';
import type { ClientKind } from '../../contract/session-protocol';
import { err, ok, type Result } from '../../domain/result';
import { socketDuplex } from './node-duplex';
import { checkRuntimeDir, checkSocket, ensureRuntimeDir, serverLogPath, serverSocketPath } from './runtime-dir';

/**
 * How a client program (the command line, the desktop app) reaches the session server: over its
 * Unix socket, after checking that the folder and the socket are this user's alone; started on
 * demand, detached (its own session, its output to server.log in the runtime folder), so closing the
 * terminal or window that started it, or losing the SSH connection, never reaches it.
 */

export type ServerConnectError =
  | { readonly kind: 'server-not-running'; readonly message: string }
  | { readonly kind: 'runtime-unsafe'; readonly message: string }
  | { readonly kind: 'server-start-failed'; readonly message: string }
  | ConnectError;

/** The program that runs the server in the foreground, started detached by `openServer`. */
export interface ServerCommand {
  readonly file: string;
  readonly args: readonly string[];
}

export interface OpenServerOptions {
  /** The runtime folder (runtime-dir.ts). */
  readonly dir: string;
  /** This client's version; a server of another version refuses it. */
  readonly app: string;
  readonly client: ClientKind;
  /** How to start the server when none runs; without it, none is started. */
  readonly start?: ServerCommand;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** How long to wait for a server just started (ms). */
  readonly startTimeoutMs?: number;
}

const timers = {
  setTimeout: (fn: () => void, ms: number): unknown => setTimeout(fn, ms),
  clearTimeout: (handle: unknown): void => clearTimeout(handle as ReturnType<typeof setTimeout>),
  queueMicrotask: (fn: () => void): void => queueMicrotask(fn),
};

/** The log is cut back once it passes this, at the next start. */
const MAX_LOG_BYTES = 4 * 1024 * 1024;

export async function openServer(options: OpenServerOptions): Promise<Result<SessionClient, ServerConnectError>> {
  const { dir } = options;
  const first = await connectOnce(dir, options.client, options.app);
  if (first.ok || first.error.kind !== 'server-not-running' || !options.start) return first;
  const started = startServer(options.start, dir, options.env);
  if (!started.ok) return started;
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  let exited: number | null | undefined;
  started.value.on('exit', (code) => (exited = code));
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const attempt = await connectOnce(dir, options.client, options.app);
    if (attempt.ok || attempt.error.kind !== 'server-not-running') return attempt;
    // A server that exited at once could not start (another one won the race only if it answers next time).
    if ((exited !== undefined && exited !== 0) || Date.now() > deadline) {
      return err({ kind: 'server-start-failed', message: `the Tessera server did not start${exited !== undefined ? ` (it exited with ${exited})` : ' in time'}${logTail(dir)}` });
    }
  }
}

/** Connects to a running server, without starting one. */
export async function connectOnce(dir: string, client: ClientKind, app: string): Promise<Result<SessionClient, ServerConnectError>> {
  const folder = checkRuntimeDir(dir);
  if (!folder.ok) {
    if (folder.error.kind === 'runtime-missing') return err({ kind: 'server-not-running', message: 'no Tessera server is running' });
    return err({ kind: 'runtime-unsafe', message: folder.error.message });
  }
  const path = serverSocketPath(dir);
  const socketCheck = checkSocket(path);
  if (!socketCheck.ok) {
    if (socketCheck.error.kind === 'runtime-missing') return err({ kind: 'server-not-running', message: 'no Tessera server is running' });
    return err({ kind: 'runtime-unsafe', message: socketCheck.error.message });
  }
  const socket = await openSocket(path);
  if (!socket.ok) return socket;
  const connected = await connectSession(socketDuplex(socket.value), { app, client, timers });
  return connected.ok ? ok(connected.value) : err(connected.error);
}

/** Waits until `pid` is gone (its agents killed on its way out); false after `timeoutMs`. */
export async function processGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

function openSocket(path: string): Promise<Result<Socket, ServerConnectError>> {
  return new Promise((resolve) => {
    const socket = createConnection(path);
    const onError = (error: NodeJS.ErrnoException): void => {
      socket.destroy();
      if (error.code === 'ECONNREFUSED' || error.code === 'ENOENT') resolve(err({ kind: 'server-not-running', message: 'no Tessera server is running' }));
      else resolve(err({ kind: 'runtime-unsafe', message: `cannot connect to ${path}: ${error.message}` }));
    };
    socket.once('error', onError);
    socket.once('connect', () => {
      socket.off('error', onError);
      resolve(ok(socket));
    });
  });
}

function startServer(command: ServerCommand, dir: string, env: Readonly<Record<string, string | undefined>>): Result<ReturnType<typeof spawn>, ServerConnectError> {
  const made = ensureRuntimeDir(dir);
  if (!made.ok) return err({ kind: 'runtime-unsafe', message: made.error.message });
  const logPath = serverLogPath(dir);
  try {
    if (statSync(logPath).size > MAX_LOG_BYTES) truncateSync(logPath, 0);
  } catch {
    // no log yet
  }
  const log = openSync(logPath, 'a', 0o600);
  try {
    const child = spawn(command.file, [...command.args], {
      // Its own session: no terminal hang-up, Ctrl-C or quitting app of ours reaches it.
      detached: true,
      stdio: ['ignore', log, log],
      env: { ...env } as NodeJS.ProcessEnv,
      cwd: '/',
    });
    child.unref();
    // A missing program is reported on the child, not thrown: it then exits at once with no code.
    child.on('error', () => undefined);
    return ok(child);
  } catch (error) {
    return err({ kind: 'server-start-failed', message: `cannot start the Tessera server: ${(error as Error).message}` });
  } finally {
    closeSync(log);
  }
}

function logTail(dir: string): string {
  try {
    const lines = readFileSync(serverLogPath(dir), 'utf8').trimEnd().split('\n').slice(-3).join(' | ');
    return lines ? `; its log says: ${lines}` : '';
  } catch {
    return '';
  }
}
