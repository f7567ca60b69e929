import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, mkdir, open, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, sep } from 'node:path';
import { err, ok, type Result } from '../../domain/result';
import type { StoreWriteError } from '../../domain/ports/agent-store.port';

/**
 * Writes through a temp file in the same directory, then renames: a reader (or a crash) sees the
 * old file or the new one, never half of one. The temp name starts with a dot so listings skip it.
 */
export async function writeFileAtomic(path: string, text: string): Promise<Result<void, StoreWriteError>> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    // Inside .tessera: real folders only, and a link at the target is refused rather than replaced.
    await checkFile(path, { createFolders: true });
    await writeFile(temp, text, { encoding: 'utf8', flag: 'wx' });
    await rename(temp, path);
    return ok(undefined);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    return err({ kind: 'store-write-failed', path, message: messageOf(error) });
  }
}

/** Content-based, so an edit that restores the old text is not a conflict, and mtime granularity cannot hide a change. */
export function revisionOf(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 20);
}

/**
 * Moves `path` into `trashDir` as `<stem>-<timestamp><ext>`; a clash (two deletes in one
 * millisecond) gets a counter. Returns the new path. Never overwrites anything in the trash.
 */
export async function moveToTrash(path: string, trashDir: string, stem: string, ext: string, now: number): Promise<Result<string, StoreWriteError>> {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  try {
    await checkFolders(dirname(path), { create: false });
    await checkFolders(trashDir, { create: true });
    for (let n = 1; n < 1000; n++) {
      const target = join(trashDir, `${stem}-${stamp}${n === 1 ? '' : `-${n}`}${ext}`);
      if (await exists(target)) continue;
      await rename(path, target);
      return ok(target);
    }
    return err({ kind: 'store-write-failed', path, message: 'the trash has no free name for this time stamp' });
  } catch (error) {
    return err({ kind: 'store-write-failed', path, message: messageOf(error) });
  }
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function isMissing(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * Tessera's own folder is `<project>/.tessera` (DESIGN §2), and a cloned repository controls what
 * is in it: a link there (`agents/passwd.md -> /etc/passwd`, `trash -> ~`) would make Tessera read
 * or write outside the project (finding 2). So inside `.tessera` no link is followed, on read or on
 * write: every folder from `.tessera` down is checked with lstat (and its realpath must stay under
 * the project), and files are opened with O_NOFOLLOW. Paths outside a `.tessera` folder (the
 * user's config: global skills, profiles, recent.json) are the user's, links and all.
 *
 * (adapters/node-fs and adapters/transcripts hold the same rule: adapters never import each other.)
 */
const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;

export class LinkRefusedError extends Error {
  readonly code = 'ELINK';
  constructor(readonly path: string) {
    super(`"${path}" is a symbolic link (or not a folder), and Tessera follows no links inside .tessera`);
  }
}

/** The folder holding `.tessera` and the segments from `.tessera` to `path`, or undefined outside a `.tessera`. */
export function insideTessera(path: string): { readonly base: string; readonly segments: readonly string[] } | undefined {
  const parts = path.split(sep);
  const at = parts.indexOf('.tessera');
  if (at <= 0) return undefined;
  return { base: parts.slice(0, at).join(sep) || sep, segments: parts.slice(at) };
}

/**
 * Every folder of `dir` from `.tessera` down must be a real folder, not a link; with `create` the
 * missing ones are made one at a time. Rejects with LinkRefusedError, or ENOENT for a missing
 * folder without `create`. Outside `.tessera` it only makes the folder when asked.
 */
export async function checkFolders(dir: string, options: { readonly create: boolean }): Promise<void> {
  const inside = insideTessera(dir);
  if (!inside) {
    if (options.create) await mkdir(dir, { recursive: true });
    return;
  }
  let current = inside.base;
  for (const segment of inside.segments) {
    current = join(current, segment);
    let info = await lstat(current).catch((error: unknown) => {
      if (options.create && isMissing(error)) return undefined;
      throw error;
    });
    if (!info) {
      await mkdir(current).catch((error: unknown) => {
        if ((error as { code?: string }).code !== 'EEXIST') throw error;
      });
      info = await lstat(current);
    }
    if (info.isSymbolicLink() || !info.isDirectory()) throw new LinkRefusedError(current);
  }
  // Belt and braces: whatever the walk saw, the folder must resolve to where it says it is.
  const [real, realBase] = await Promise.all([realpath(dir), realpath(inside.base)]);
  if (real !== join(realBase, ...inside.segments)) throw new LinkRefusedError(dir);
}

/** A file inside `.tessera`: real folders above it, and not a link itself (missing is fine). */
export async function checkFile(path: string, options: { readonly createFolders: boolean }): Promise<void> {
  await checkFolders(dirname(path), { create: options.createFolders });
  if (!insideTessera(path)) return;
  const info = await lstat(path).catch(() => undefined);
  if (info?.isSymbolicLink()) throw new LinkRefusedError(path);
}

/**
 * readFile(path, 'utf8'), except that inside `.tessera` a link (the file or a folder above it) is
 * refused with LinkRefusedError, and so is anything but a regular file (a FIFO would block the read).
 * A missing file rejects with ENOENT, as readFile does.
 */
export async function readTextNoFollow(path: string): Promise<string> {
  const inside = insideTessera(path) !== undefined;
  if (inside) {
    await checkFile(path, { createFolders: false });
    const info = await lstat(path);
    if (!info.isFile()) throw new LinkRefusedError(path);
  }
  const handle = await open(path, constants.O_RDONLY | (inside ? O_NOFOLLOW : 0));
  try {
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}
