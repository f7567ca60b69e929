import { copyFile, mkdtemp, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GitFailedError } from '../../domain/ports/checkpoints.port';
import type { NotAGitRepositoryError } from '../../domain/ports/git.port';
import { err, ok, type Result } from '../../domain/result';
import type { GitProcess } from './git-process';

/** A checkout's own index, and the private temporary indexes checkpoints are built in without touching it. */

/**
 * Settings for calls on a temporary index: no file-system monitor (its answers are about the
 * user's index), no split index (its shared part would be written into the repository), and
 * paths printed as they are.
 */
export const TEMP_INDEX_CONFIG = ['-c', 'core.fsmonitor=false', '-c', 'core.splitIndex=false', '-c', 'core.quotePath=false'];

/** The checkout's top folder and the path of its index. */
export async function locateCheckout(git: GitProcess, dir: string): Promise<Result<{ top: string; index: string }, NotAGitRepositoryError>> {
  const where = await git.run(['-C', dir, 'rev-parse', '--show-toplevel', '--path-format=absolute', '--git-path', 'index']);
  const [top, index] = where.stdout.split('\n');
  // A bare repository or a .git folder answers without a top level: no working files to record.
  if (where.code !== 0 || !top || !index) return err({ kind: 'not-a-git-repository', path: dir });
  return ok({ top, index });
}

/**
 * Runs `work` with GIT_INDEX_FILE pointing at a private index, removed afterwards. Seeded from
 * `seed` (the checkout's index) when given. The copy is dated back before the original: git
 * trusts an entry's cached stat only when the file is older than the index, so a file changed
 * in the same instant the original index was written is still read again, never missed.
 */
export async function withTempIndex<T>(seed: string | undefined, work: (env: Record<string, string>) => Promise<Result<T, GitFailedError>>): Promise<Result<T, GitFailedError>> {
  let folder: string | undefined;
  try {
    folder = await mkdtemp(join(tmpdir(), 'tessera-index-'));
    const index = join(folder, 'index');
    if (seed) {
      const original = await stat(seed).catch(() => undefined);
      if (original) {
        await copyFile(seed, index);
        const before = original.mtimeMs / 1000 - 2;
        await utimes(index, before, before);
      }
    }
    return await work({ GIT_INDEX_FILE: index });
  } catch (error) {
    return err({ kind: 'git-failed', message: (error as Error).message });
  } finally {
    if (folder) await rm(folder, { recursive: true, force: true }).catch(() => undefined);
  }
}
