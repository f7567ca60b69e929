import { constants } from 'node:fs';
import { lstat, mkdir, realpath } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';

/**
 * Tessera's own folder is `<project>/.tessera`, and a cloned repository controls what is in it: a
 * link there (`logs/bot.log -> ~/.bashrc`, `run/x -> ~`) would make Tessera read or write outside
 * the project. So inside `.tessera` no link is followed, on read or on write: every folder from
 * `.tessera` down is checked with lstat (and its realpath must stay under the project), and files
 * are opened with O_NOFOLLOW. Paths outside a `.tessera` folder (a
 * worktree in the data dir, the user's config) are the user's and are left alone, except the
 * project folders Tessera reads by itself, such as `.claude` on import (checkFoldersFrom).
 *
 * One module for the rule, shared by the adapters that touch `.tessera` (node-fs, fs-stores): a
 * security check kept in copies is one a fix can miss. It implements no port, so it is a library of
 * the adapters, not an adapter (the transcripts adapter keeps a synchronous variant of its own).
 */

/** O_NOFOLLOW where the platform has it (not on Windows, where git checkouts make no links by default). */
export const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;

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
 * Checks that every folder of `dir` from `.tessera` down is a real folder, not a link; with
 * `create`, makes the missing ones one at a time. Rejects with LinkRefusedError, or an ENOENT
 * error for a missing folder without `create`. Does nothing for a folder outside `.tessera`
 * except make it when asked.
 */
export async function checkFolders(dir: string, options: { readonly create: boolean }): Promise<void> {
  const inside = insideTessera(dir);
  if (!inside) {
    if (options.create) await mkdir(dir, { recursive: true });
    return;
  }
  await checkFoldersBelow(inside.base, inside.segments, options);
}

/**
 * The same rule for any folder of a project Tessera reads on its own initiative (`.claude` for an
 * import): every folder from `base` (the project root, itself trusted) down to `dir` is a real
 * folder, and `dir` resolves to where it says it is.
 */
export async function checkFoldersFrom(base: string, dir: string): Promise<void> {
  const rel = relative(base, dir);
  if (rel.startsWith('..') || isAbsolute(rel)) throw new LinkRefusedError(dir);
  await checkFoldersBelow(base, rel === '' ? [] : rel.split(sep), { create: false });
}

async function checkFoldersBelow(base: string, segments: readonly string[], options: { readonly create: boolean }): Promise<void> {
  let current = base;
  for (const segment of segments) {
    current = join(current, segment);
    let info = await lstat(current).catch((error: unknown) => {
      const code = (error as { code?: string } | undefined)?.code;
      if (options.create && (code === 'ENOENT' || code === 'ENOTDIR')) return undefined;
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
  const [real, realBase] = await Promise.all([realpath(current), realpath(base)]);
  if (real !== join(realBase, ...segments)) throw new LinkRefusedError(current);
}

/** For a file inside `.tessera`: its folders are real folders, and the file itself is not a link (missing is fine). */
export async function checkFile(path: string, options: { readonly createFolders: boolean }): Promise<void> {
  await checkFolders(dirname(path), { create: options.createFolders });
  if (!insideTessera(path)) return;
  const info = await lstat(path).catch(() => undefined);
  if (info?.isSymbolicLink()) throw new LinkRefusedError(path);
}
