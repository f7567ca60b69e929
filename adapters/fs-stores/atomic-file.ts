import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { err, ok, type Result } from '../../domain/result';
import type { StoreWriteError } from '../../domain/ports/agent-store.port';

/**
 * Writes through a temp file in the same directory, then renames: a reader (or a crash) sees the
 * old file or the new one, never half of one. The temp name starts with a dot so listings skip it.
 */
export async function writeFileAtomic(path: string, text: string): Promise<Result<void, StoreWriteError>> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await mkdir(dirname(path), { recursive: true });
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
    await mkdir(trashDir, { recursive: true });
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
