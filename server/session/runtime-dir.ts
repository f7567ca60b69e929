import { lstatSync, mkdirSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { err, ok, type Result } from '../../domain/result';
import { userConfigDir } from '../config-dir';

/**
 * Where the session server listens: `$XDG_RUNTIME_DIR/tessera/` (a per-user tmpfs the system
 * empties at logout or reboot), or `<config>/tessera/run/` where XDG_RUNTIME_DIR is unset. The folder
 * is 0700 and the socket 0600, both the user's own: the socket's permissions are the whole of its
 * authentication, so a client refuses a folder or socket that another user owns or could reach.
 */
export function runtimeDir(env: Readonly<Record<string, string | undefined>>): string {
  const xdg = env.XDG_RUNTIME_DIR;
  if (xdg) return join(xdg, 'tessera');
  return join(userConfigDir(env), 'tessera', 'run');
}

export const serverSocketPath = (dir: string): string => join(dir, 'server.sock');
export const serverPidPath = (dir: string): string => join(dir, 'server.pid');
export const serverLogPath = (dir: string): string => join(dir, 'server.log');
export const resumePath = (dir: string): string => join(dir, 'resume.json');

export type UnsafeRuntimeError = { readonly kind: 'runtime-unsafe'; readonly message: string };
export type RuntimeMissing = { readonly kind: 'runtime-missing'; readonly path: string };

/** The uid this process runs as (undefined on Windows, where the checks below do not apply). */
function myUid(): number | undefined {
  return typeof process.getuid === 'function' ? process.getuid() : undefined;
}

/** Creates the runtime folder (0700) if needed, then checks it as a client would. */
export function ensureRuntimeDir(dir: string): Result<void, UnsafeRuntimeError> {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    return err({ kind: 'runtime-unsafe', message: `cannot create ${dir}: ${(error as Error).message}` });
  }
  const checked = checkRuntimeDir(dir);
  if (!checked.ok && checked.error.kind === 'runtime-missing') return err({ kind: 'runtime-unsafe', message: `${dir} vanished as it was made` });
  return checked as Result<void, UnsafeRuntimeError>;
}

/** The folder is a real folder (no symlink), the user's own, and closed to everyone else. */
export function checkRuntimeDir(dir: string): Result<void, UnsafeRuntimeError | RuntimeMissing> {
  const stats = lstatOrUndefined(dir);
  if (!stats) return err({ kind: 'runtime-missing', path: dir });
  if (!stats.isDirectory()) return err({ kind: 'runtime-unsafe', message: `${dir} is not a folder` });
  return private0700(dir, stats, 'folder');
}

/** The socket is a socket, the user's own, and readable and writable by no one else. */
export function checkSocket(path: string): Result<void, UnsafeRuntimeError | RuntimeMissing> {
  const stats = lstatOrUndefined(path);
  if (!stats) return err({ kind: 'runtime-missing', path });
  if (!stats.isSocket()) return err({ kind: 'runtime-unsafe', message: `${path} is not a socket` });
  return private0700(path, stats, 'socket');
}

function private0700(path: string, stats: Stats, what: string): Result<void, UnsafeRuntimeError> {
  const uid = myUid();
  if (uid === undefined) return ok(undefined);
  if (stats.uid !== uid) return err({ kind: 'runtime-unsafe', message: `the ${what} ${path} belongs to another user (uid ${stats.uid}); refusing to use it` });
  if ((stats.mode & 0o077) !== 0) {
    return err({
      kind: 'runtime-unsafe',
      message: `the ${what} ${path} is open to other users (mode ${(stats.mode & 0o777).toString(8)}); refusing to use it (chmod go= it, or remove it)`,
    });
  }
  return ok(undefined);
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}
