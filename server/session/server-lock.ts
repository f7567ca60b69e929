import { openSync, readFileSync, unlinkSync, writeSync, closeSync } from 'node:fs';
import { createConnection } from 'node:net';
import { err, ok, type Result } from '../../domain/result';
import { serverPidPath, serverSocketPath } from './runtime-dir';

export type LockError = { readonly kind: 'server-running'; readonly pid: number } | { readonly kind: 'lock-failed'; readonly message: string };

export interface ServerLock {
  /** Removes the pid file if it is still this process's. */
  release(): void;
}

/**
 * One server per user: `server.pid` in the runtime folder, created exclusively. A pid file whose
 * process is gone (a crash, a reboot) is stale and replaced; one whose process still runs, and is a
 * Tessera server (its command line says so, or the socket answers), means a server is running.
 */
export async function acquireServerLock(
  dir: string,
  pid: number = process.pid,
  isServer: (pid: number) => Promise<boolean> = (holder) => isServerProcess(holder, serverSocketPath(dir)),
): Promise<Result<ServerLock, LockError>> {
  const path = serverPidPath(dir);
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, `${pid}\n`);
      closeSync(fd);
      return ok({ release: () => releaseIfMine(path, pid) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return err({ kind: 'lock-failed', message: (error as Error).message });
    }
    const holder = readPid(path);
    if (holder !== undefined && holder !== pid && (await isServer(holder))) return err({ kind: 'server-running', pid: holder });
    // Stale: only the file we read is removed, so a fresh lock taken meanwhile by another starter stays.
    if (readPid(path) === holder) removeQuietly(path);
  }
  return err({ kind: 'lock-failed', message: `${path} keeps reappearing` });
}

/** The pid in a server's pid file, if any. */
export function readPid(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** The process runs, and is Tessera (where /proc tells) or serves the socket: a reused pid is not a server. */
export async function isServerProcess(pid: number, socketPath: string): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('tessera')) return true;
  } catch {
    return true;
  }
  return answers(socketPath);
}

function answers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection(socketPath);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function releaseIfMine(path: string, pid: number): void {
  if (readPid(path) === pid) removeQuietly(path);
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
