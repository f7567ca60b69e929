import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, lstat, open, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, basename, join, resolve } from 'node:path';
import type { FileSystem, FsError, PathKind } from '../../domain/ports/file-system.port';
import { err, ok, type Result } from '../../domain/result';
import { checkFile, checkFolders, insideTessera, O_NOFOLLOW } from '../shared/no-follow';

const failure = (path: string, error: unknown): FsError => ({
  kind: 'fs-failed',
  path,
  message: error instanceof Error ? error.message : String(error),
});

/** The real file system. Inside a project's `.tessera` no link is followed (see no-follow.ts). */
export class NodeFileSystem implements FileSystem {
  join(...segments: string[]): string {
    return join(...segments);
  }

  resolve(path: string): string {
    return resolve(path);
  }

  async realpath(path: string): Promise<string> {
    try {
      return await realpath(path);
    } catch {
      return resolve(path);
    }
  }

  async kind(path: string): Promise<PathKind> {
    try {
      // Inside .tessera a link is neither file nor folder: it is 'other', whatever it points to.
      if (insideTessera(path)) await checkFolders(dirname(path), { create: false });
      const info = insideTessera(path) ? await lstat(path) : await stat(path);
      if (info.isFile()) return 'file';
      if (info.isDirectory()) return 'directory';
      return 'other';
    } catch (error) {
      if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return 'missing';
      // Includes a link (or a file where a folder should be) inside .tessera.
      return 'other';
    }
  }

  async mkdirp(path: string): Promise<Result<void, FsError>> {
    try {
      await checkFolders(path, { create: true });
      return ok(undefined);
    } catch (error) {
      return err(failure(path, error));
    }
  }

  async readText(path: string): Promise<Result<string, FsError>> {
    try {
      await checkFile(path, { createFolders: false });
      const handle = await open(path, constants.O_RDONLY | O_NOFOLLOW);
      try {
        return ok(await handle.readFile('utf8'));
      } finally {
        await handle.close();
      }
    } catch (error) {
      return err(failure(path, error));
    }
  }

  async writeTextAtomic(path: string, text: string): Promise<Result<void, FsError>> {
    // The temp file sits beside the target so rename stays on one file system (atomic on POSIX).
    const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      // rename would replace a link rather than follow it, but a link there is refused all the same.
      await checkFile(path, { createFolders: false });
      await writeFile(temp, text, { encoding: 'utf8', flag: 'wx' });
      await rename(temp, path);
      return ok(undefined);
    } catch (error) {
      await rm(temp, { force: true }).catch(() => undefined);
      return err(failure(path, error));
    }
  }

  async isWritableDirectory(path: string): Promise<boolean> {
    try {
      if (insideTessera(path)) await checkFolders(path, { create: false });
      if (!(await stat(path)).isDirectory()) return false;
      await access(path, constants.W_OK | constants.X_OK);
      return true;
    } catch {
      return false;
    }
  }
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
