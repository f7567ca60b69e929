import { lstat, mkdtemp, rm, rmdir, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { GitFailedError, PlanRestoreRequest, PlannedFile, RestoreOutcome, RestorePlan } from '../../domain/ports/checkpoints.port';
import { err, ok, type Result } from '../../domain/result';
import { locateCheckout, TEMP_INDEX_CONFIG, withTempIndex } from './git-index';
import { gitFailed, nulFields, type GitProcess } from './git-process';
import { isRegularFile, rawChange, sameEntry, type RawChange, type TreeEntry } from './git-tree-changes';

/**
 * Taking a turn back on the git command line: the plan (per file: restore, remove, merge with
 * what changed since, or conflict) as a tree built in a temporary index, then the files of that
 * tree written into the checkout. HEAD, the checkout's index and refs are never written.
 */
export class GitRestore {
  constructor(
    private readonly git: GitProcess,
    private readonly snapshotTimeoutMs: number,
  ) {}

  async planRestore(dir: string, request: PlanRestoreRequest): Promise<Result<RestorePlan, GitFailedError>> {
    const turn = await this.rawDiff(dir, request.to, request.undo);
    if (!turn.ok) return turn;
    const later = await this.rawDiff(dir, request.undo, request.current);
    if (!later.ok) return later;
    const files: PlannedFile[] = [];
    const updates: { path: string; entry: TreeEntry | undefined }[] = [];
    const plan = (path: string, outcome: RestoreOutcome, change?: { entry: TreeEntry | undefined }) => {
      files.push({ path, outcome, effect: change ? (change.entry ? 'write' : 'remove') : 'keep' });
      if (change) updates.push({ path, entry: change.entry });
    };
    for (const path of request.paths) {
      const change = turn.value.get(path);
      if (!change) {
        plan(path, 'unchanged');
        continue;
      }
      const target = change.before;
      const undone = change.after;
      const now = later.value.has(path) ? later.value.get(path)!.after : undone;
      if (sameEntry(now, target)) plan(path, 'unchanged');
      else if (sameEntry(now, undone)) plan(path, target ? 'restore' : 'remove', { entry: target });
      else {
        const merged = await this.mergeFile(dir, now, undone, target, request.onConflict);
        if (!merged.ok) return merged;
        const applies = merged.value.outcome !== 'conflict' || request.onConflict === 'take-restored';
        plan(path, merged.value.outcome, applies ? { entry: merged.value.entry } : undefined);
      }
    }
    const tree = await this.treeWith(dir, request.current, updates);
    if (!tree.ok) return tree;
    return ok({ tree: tree.value, files });
  }

  async writeFiles(dir: string, request: { readonly tree: string; readonly write: readonly string[]; readonly remove: readonly string[] }): Promise<Result<void, GitFailedError>> {
    const unsafe = [...request.write, ...request.remove].find((path) => !isSafeRelativePath(path));
    if (unsafe !== undefined) return err({ kind: 'git-failed', message: `"${unsafe}" is not a path inside the checkout` });
    const where = await locateCheckout(this.git, dir);
    if (!where.ok) return err({ kind: 'git-failed', message: `"${dir}" is not in a git checkout` });
    const { top } = where.value;
    if (request.write.length > 0) {
      const written = await withTempIndex(undefined, async (env) => {
        const read = await this.git.run(['-C', top, ...TEMP_INDEX_CONFIG, 'read-tree', request.tree], { env });
        if (read.code !== 0) return gitFailed(read);
        // checkout-index writes through git's own filters (line endings, LFS) and never through a linked folder.
        const out = await this.git.run(['-C', top, ...TEMP_INDEX_CONFIG, 'checkout-index', '-f', '-z', '--stdin'], { env, input: request.write.map((p) => `${p}\0`).join(''), timeoutMs: this.snapshotTimeoutMs });
        return out.code === 0 ? ok(undefined) : gitFailed(out);
      });
      if (!written.ok) return written;
    }
    for (const path of request.remove) {
      try {
        const info = await lstat(join(top, path));
        if (info.isDirectory()) continue;
        await unlink(join(top, path));
        await removeEmptyParents(top, path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return err({ kind: 'git-failed', message: (error as Error).message });
      }
    }
    return ok(undefined);
  }

  private async rawDiff(dir: string, from: string, to: string): Promise<Result<Map<string, RawChange>, GitFailedError>> {
    const diffed = await this.git.run(['-C', dir, ...TEMP_INDEX_CONFIG, 'diff-tree', '-r', '-z', '--no-renames', '--raw', from, to]);
    if (diffed.code !== 0) return gitFailed(diffed);
    const changes = new Map<string, RawChange>();
    const fields = nulFields(diffed.stdout);
    for (let i = 0; i + 1 < fields.length; i += 2) changes.set(fields[i + 1]!, rawChange(fields[i]!, fields[i + 1]!));
    return ok(changes);
  }

  /**
   * Takes a change back from one file edited since: git merge-file with the file as it is now as
   * ours, the undone state as base and the restored one as theirs. Binary files, links and files
   * deleted on one side cannot be merged by line: they conflict.
   */
  private async mergeFile(
    dir: string,
    now: TreeEntry | undefined,
    undone: TreeEntry | undefined,
    target: TreeEntry | undefined,
    onConflict: PlanRestoreRequest['onConflict'],
  ): Promise<Result<{ outcome: RestoreOutcome; entry: TreeEntry | undefined }, GitFailedError>> {
    const conflict = { outcome: 'conflict' as const, entry: onConflict === 'take-restored' ? target : now };
    if (!now || !undone || !target || !isRegularFile(now) || !isRegularFile(undone) || !isRegularFile(target)) return ok(conflict);
    let folder: string | undefined;
    try {
      folder = await mkdtemp(join(tmpdir(), 'tessera-merge-'));
      const files = { ours: join(folder, 'current'), base: join(folder, 'undone'), theirs: join(folder, 'restored') };
      for (const [file, entry] of [[files.ours, now], [files.base, undone], [files.theirs, target]] as const) {
        const blob = await this.git.runBytes(['-C', dir, 'cat-file', 'blob', entry.id]);
        if (blob.code !== 0) return gitFailed(blob);
        await writeFile(file, blob.stdout);
      }
      const merge = (favour: string[]) =>
        this.git.runBytes(['-C', folder!, 'merge-file', '-p', ...favour, '-L', 'current', '-L', 'undone', '-L', 'restored', files.ours, files.base, files.theirs]);
      let merged = await merge([]);
      // Exit codes: 0 clean, 1..127 the number of clashes, 255 an error (a binary file).
      if (merged.code < 0 || merged.code > 127) return ok(conflict);
      const clashed = merged.code > 0;
      if (clashed && onConflict === 'refuse') return ok(conflict);
      if (clashed) merged = await merge(['--theirs']);
      if (merged.code !== 0) return ok(conflict);
      const hashed = await this.git.run(['-C', dir, 'hash-object', '-w', '--no-filters', '--stdin'], { input: merged.stdout });
      if (hashed.code !== 0) return gitFailed(hashed);
      // A mode changed since the turn stays; otherwise the restored side's mode comes back.
      const mode = now.mode === undone.mode ? target.mode : now.mode;
      return ok({ outcome: clashed ? 'conflict' : 'merge', entry: { mode, id: hashed.stdout.trim() } });
    } catch (error) {
      return err({ kind: 'git-failed', message: (error as Error).message });
    } finally {
      if (folder) await rm(folder, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  /** The tree `base` with the given files replaced (or removed, for an undefined entry), built in a temporary index. */
  private async treeWith(dir: string, base: string, updates: readonly { path: string; entry: TreeEntry | undefined }[]): Promise<Result<string, GitFailedError>> {
    if (updates.length === 0) return ok(base);
    return withTempIndex(undefined, async (env) => {
      const read = await this.git.run(['-C', dir, ...TEMP_INDEX_CONFIG, 'read-tree', base], { env });
      if (read.code !== 0) return gitFailed(read);
      const zero = '0'.repeat(base.length);
      const input = updates.map(({ path, entry }) => (entry ? `${entry.mode} ${entry.id}\t${path}\0` : `0 ${zero}\t${path}\0`)).join('');
      const updated = await this.git.run(['-C', dir, ...TEMP_INDEX_CONFIG, 'update-index', '-z', '--index-info'], { env, input });
      if (updated.code !== 0) return gitFailed(updated);
      const written = await this.git.run(['-C', dir, ...TEMP_INDEX_CONFIG, 'write-tree'], { env });
      return written.code === 0 ? ok(written.stdout.trim()) : gitFailed(written);
    });
  }
}

/** A path git printed, relative to the top: no absolute path, no `..`, no step into `.git`. */
function isSafeRelativePath(path: string): boolean {
  if (path === '' || path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.includes('\0')) return false;
  return path.split(/[\\/]/).every((segment) => segment !== '..' && segment !== '' && segment.toLowerCase() !== '.git');
}

/** After a file is deleted, the folders it leaves empty go too (as git does), up to the top. */
async function removeEmptyParents(top: string, path: string): Promise<void> {
  let folder = dirname(path);
  while (folder !== '.' && folder !== '') {
    try {
      await rmdir(join(top, folder));
    } catch {
      return;
    }
    folder = dirname(folder);
  }
}
