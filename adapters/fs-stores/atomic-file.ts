import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, link, lstat, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { checkFile, checkFolders, checkFoldersFrom, insideTessera, LinkRefusedError, O_NOFOLLOW } from '../shared/no-follow';
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

/**
 * Creates `path` with `text`, whole or not at all, and never over an existing file: the text goes
 * to a temp file that is then hard-linked to its name, which fails if the name is taken. Where the
 * file system has no hard links, the copy is made with an exclusive create instead.
 */
export async function writeNewFile(path: string, text: string): Promise<Result<void, { readonly kind: 'file-exists' } | StoreWriteError>> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await checkFile(path, { createFolders: true });
    await writeFile(temp, text, { encoding: 'utf8', flag: 'wx' });
    try {
      await link(temp, path);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
      await copyFile(temp, path, constants.COPYFILE_EXCL);
    }
    return ok(undefined);
  } catch (error) {
    if ((error as { code?: string }).code === 'EEXIST') return err({ kind: 'file-exists' });
    return err({ kind: 'store-write-failed', path, message: messageOf(error) });
  } finally {
    await rm(temp, { force: true }).catch(() => undefined);
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
 * readFile(path, 'utf8'), except that inside `.tessera` a link (the file or a folder above it) is
 * refused with LinkRefusedError, and so is anything but a regular file (a FIFO would block the read).
 * With `base` (a project root), the same holds for every folder from `base` down, wherever the file
 * is: what an import reads from `.claude`. A missing file rejects with ENOENT, as readFile does.
 */
export async function readTextNoFollow(path: string, base?: string): Promise<string> {
  const guarded = base !== undefined || insideTessera(path) !== undefined;
  if (base !== undefined) await checkFoldersFrom(base, dirname(path));
  else if (guarded) await checkFile(path, { createFolders: false });
  if (guarded) {
    const info = await lstat(path);
    if (!info.isFile()) throw new LinkRefusedError(path);
  }
  const handle = await open(path, constants.O_RDONLY | (guarded ? O_NOFOLLOW : 0));
  try {
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}
