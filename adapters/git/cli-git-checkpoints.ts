import { copyFile, lstat, mkdtemp, rm, rmdir, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type {
  Checkpoint,
  FileChange,
  FileStatus,
  GitFailedError,
  LeftOut,
  Patch,
  PlanRestoreRequest,
  PlannedFile,
  RefExistsError,
  RestoreOutcome,
  RestorePlan,
  WorkingTreeCheckpoints,
  WorkingTreeSnapshot,
} from '../../domain/ports/checkpoints.port';
import type { NotAGitRepositoryError } from '../../domain/ports/git.port';
import { err, ok, type Result } from '../../domain/result';
import { GitProcess, gitFailed, literalPathspec, nulFields, TESSERA_IDENTITY } from './git-process';

export interface CliGitCheckpointsOptions {
  /** The git executable; `git` on PATH by default. */
  readonly git?: string;
  /** For quick calls (rev-parse, diff-tree of two trees). */
  readonly timeoutMs?: number;
  /** For calls that read every file of the checkout (status, add in the temporary index). */
  readonly snapshotTimeoutMs?: number;
}


/**
 * Settings for calls on a temporary index: no file-system monitor (its answers are about the
 * user's index), no split index (its shared part would be written into the repository), and
 * paths printed as they are.
 */
const TEMP_INDEX_CONFIG = ['-c', 'core.fsmonitor=false', '-c', 'core.splitIndex=false', '-c', 'core.quotePath=false'];

/** At most this many entries per left-out list, so a checkpoint's note stays small. */
const LEFT_OUT_LIMIT = 200;

const NO_LEFT_OUT: LeftOut = { tooLarge: [], ignored: [], nestedRepositories: [], truncated: false };

interface TreeEntry {
  readonly mode: string;
  readonly id: string;
}

/** One file of a raw diff between two trees: its entry on each side (undefined where it is absent). */
interface RawChange {
  readonly path: string;
  readonly status: string;
  readonly before: TreeEntry | undefined;
  readonly after: TreeEntry | undefined;
}


/** Context wider than any file a patch is read for (git has no "whole file" flag for diff-tree). */
const WHOLE_FILE_CONTEXT = '--unified=100000000';
/**
 * WorkingTreeCheckpoints on the git command line. A snapshot is made in a temporary index
 * (GIT_INDEX_FILE): a copy of the checkout's index, so git's stat cache spares re-reading
 * unchanged files, brought up to the working files with `git add -A`, written as a tree. The
 * checkout's own index, HEAD, refs and files are never written.
 */
export class CliGitCheckpoints implements WorkingTreeCheckpoints {
  private readonly git: GitProcess;
  private readonly snapshotTimeoutMs: number;

  constructor(options: CliGitCheckpointsOptions = {}) {
    this.git = new GitProcess(options);
    this.snapshotTimeoutMs = options.snapshotTimeoutMs ?? 120_000;
  }

  async snapshot(dir: string, options: { readonly maxFileBytes: number }): Promise<Result<WorkingTreeSnapshot, NotAGitRepositoryError | GitFailedError>> {
    const where = await this.locate(dir);
    if (!where.ok) return where;
    const { top, index } = where.value;
    const head = await this.resolve(top, 'HEAD^{commit}');
    const taken = await this.withTempIndex(index, (env) => this.snapshotIn(top, env, options.maxFileBytes));
    if (!taken.ok) return taken;
    return ok({ tree: taken.value.tree, head, leftOut: taken.value.leftOut });
  }

  async record(dir: string, request: { readonly ref: string; readonly snapshot: WorkingTreeSnapshot; readonly note: string }): Promise<Result<Checkpoint, RefExistsError | GitFailedError>> {
    const { snapshot } = request;
    const message = `Tessera checkpoint ${request.ref}\n\n${JSON.stringify({ note: request.note, leftOut: snapshot.leftOut })}\n`;
    const parents = snapshot.head ? ['-p', snapshot.head] : [];
    const made = await this.git.run(['-C', dir, 'commit-tree', '--no-gpg-sign', ...parents, '-F', '-', snapshot.tree], { input: message, env: TESSERA_IDENTITY });
    if (made.code !== 0) return gitFailed(made);
    const commit = made.stdout.trim();
    // An empty old value makes the update create-only: a ref someone else made first is never moved.
    const created = await this.git.run(['-C', dir, 'update-ref', '--no-deref', request.ref, commit, '']);
    if (created.code !== 0) {
      if (await this.resolve(dir, request.ref)) return err({ kind: 'ref-exists', ref: request.ref });
      return gitFailed(created);
    }
    return ok({ ref: request.ref, commit, tree: snapshot.tree, head: snapshot.head, note: request.note, leftOut: snapshot.leftOut });
  }

  async list(dir: string, prefix: string): Promise<Result<Checkpoint[], NotAGitRepositoryError | GitFailedError>> {
    const format = '%(refname)%00%(objectname)%00%(tree)%00%(parent)%00%(contents:body)%00';
    const listed = await this.git.run(['-C', dir, 'for-each-ref', `--format=${format}`, prefix]);
    if (listed.code !== 0) return /not a git repository|cannot change to/i.test(listed.stderr) ? err({ kind: 'not-a-git-repository', path: dir }) : gitFailed(listed);
    const fields = listed.stdout.split('\0');
    const checkpoints: Checkpoint[] = [];
    // Each ref prints five NUL-ended fields and a newline, which opens the next ref's first field.
    for (let i = 0; i + 4 < fields.length; i += 5) {
      const ref = fields[i]!.replace(/^\n/, '');
      const [commit, tree, parents, body] = [fields[i + 1]!, fields[i + 2]!, fields[i + 3]!, fields[i + 4]!];
      const head = parents.split(' ')[0] || undefined;
      checkpoints.push({ ref, commit, tree, head, ...readBody(body) });
    }
    return ok(checkpoints);
  }

  async remove(dir: string, checkpoints: readonly Pick<Checkpoint, 'ref' | 'commit'>[]): Promise<Result<void, GitFailedError>> {
    if (checkpoints.length === 0) return ok(undefined);
    // One transaction: each ref is deleted only if it still points at the commit the caller saw, or none is.
    const input = checkpoints.map((c) => `delete ${c.ref}\0${c.commit}\0`).join('');
    const removed = await this.git.run(['-C', dir, 'update-ref', '--no-deref', '--stdin', '-z'], { input });
    return removed.code === 0 ? ok(undefined) : gitFailed(removed);
  }

  async changes(dir: string, from: string | undefined, to: string): Promise<Result<FileChange[], GitFailedError>> {
    const base = from ?? (await this.emptyTree(dir));
    if (!base) return err({ kind: 'git-failed', message: 'git could not name the empty tree' });
    const diffed = await this.git.run(['-C', dir, ...TEMP_INDEX_CONFIG, 'diff-tree', '-r', '-z', '--no-renames', '--raw', '--numstat', base, to]);
    if (diffed.code !== 0) return gitFailed(diffed);
    const raw = new Map<string, RawChange>();
    const counts = new Map<string, { added: number; removed: number; binary: boolean }>();
    const fields = nulFields(diffed.stdout);
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i]!;
      if (field.startsWith(':')) {
        const path = fields[++i]!;
        raw.set(path, rawChange(field, path));
        continue;
      }
      const [added = '', removed = '', ...rest] = field.split('\t');
      const binary = added === '-' && removed === '-';
      counts.set(rest.join('\t'), { added: binary ? 0 : Number(added), removed: binary ? 0 : Number(removed), binary });
    }
    return ok(
      [...raw.values()].map((change) => ({
        path: change.path,
        status: statusOf(change.status),
        ...(counts.get(change.path) ?? { added: 0, removed: 0, binary: false }),
        version: change.after?.id,
      })),
    );
  }

  async patch(dir: string, from: string | undefined, to: string, options: { readonly paths?: readonly string[]; readonly maxBytes: number; readonly wholeFile?: boolean }): Promise<Result<Patch, GitFailedError>> {
    const base = from ?? (await this.emptyTree(dir));
    if (!base) return err({ kind: 'git-failed', message: 'git could not name the empty tree' });
    const paths = options.paths ? ['--', ...options.paths.map(literalPathspec)] : [];
    const args = ['-C', dir, ...TEMP_INDEX_CONFIG, 'diff-tree', '-p', '-r', '--no-renames', '--no-ext-diff', '--no-textconv', '--no-color', '--src-prefix=a/', '--dst-prefix=b/', ...(options.wholeFile ? [WHOLE_FILE_CONTEXT] : []), base, to, ...paths];
    const diffed = await this.git.run(args, { maxBytes: options.maxBytes, cut: 'keep' });
    if (diffed.code !== 0) return gitFailed(diffed);
    return ok({ text: diffed.stdout, truncated: diffed.truncated });
  }

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
    const where = await this.locate(dir);
    if (!where.ok) return err({ kind: 'git-failed', message: `"${dir}" is not in a git checkout` });
    const { top } = where.value;
    if (request.write.length > 0) {
      const written = await this.withTempIndex(undefined, async (env) => {
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

  async findVersions(
    dir: string,
    wanted: readonly { readonly path: string; readonly version: string }[],
    places: { readonly trees: readonly string[]; readonly history: boolean },
  ): Promise<Result<{ readonly path: string; readonly version: string }[], GitFailedError>> {
    const key = (path: string, version: string) => `${version}\0${path}`;
    const found = new Set<string>();
    // A path with a line break cannot be asked about on a line; it is never found, so it stays kept.
    const askable = wanted.filter((w) => !/[\r\n]/.test(w.path));
    if (places.trees.length > 0 && askable.length > 0) {
      const questions = places.trees.flatMap((tree) => askable.map((w) => ({ line: `${tree}:${w.path}`, want: w })));
      const checked = await this.git.run(['-C', dir, 'cat-file', '--batch-check=%(objectname)'], { input: questions.map((q) => `${q.line}\n`).join(''), timeoutMs: this.snapshotTimeoutMs });
      if (checked.code !== 0) return gitFailed(checked);
      const answers = checked.stdout.split('\n');
      questions.forEach((q, i) => {
        if (answers[i] === q.want.version) found.add(key(q.want.path, q.want.version));
      });
    }
    const unseen = askable.filter((w) => !found.has(key(w.path, w.version)));
    if (places.history && unseen.length > 0) {
      const paths = [...new Set(unseen.map((w) => w.path))];
      // Path lists are chunked so the command line stays short on every platform.
      for (let i = 0; i < paths.length; i += 100) {
        const chunk = paths.slice(i, i + 100).map(literalPathspec);
        const logged = await this.git.run(
          ['-C', dir, ...TEMP_INDEX_CONFIG, 'log', '--format=', '--raw', '-z', '--no-abbrev', '--no-renames', '--root', '--exclude=refs/tessera/*', '--all', '--', ...chunk],
          { timeoutMs: this.snapshotTimeoutMs },
        );
        if (logged.code !== 0) return gitFailed(logged);
        const fields = nulFields(logged.stdout);
        for (let f = 0; f < fields.length; f++) {
          const field = fields[f]!.replace(/^\n+/, '');
          if (!field.startsWith(':')) continue;
          const path = fields[++f]!;
          const after = rawChange(field, path).after;
          if (after) found.add(key(path, after.id));
        }
      }
    }
    return ok(wanted.filter((w) => found.has(key(w.path, w.version))).map((w) => ({ path: w.path, version: w.version })));
  }

  private async snapshotIn(top: string, env: Record<string, string>, maxFileBytes: number): Promise<Result<{ tree: string; leftOut: LeftOut }, GitFailedError>> {
    const timeoutMs = this.snapshotTimeoutMs;
    const status = await this.git.run(['-C', top, ...TEMP_INDEX_CONFIG, 'status', '--porcelain=v2', '-z', '--untracked-files=all', '--no-renames'], { env, timeoutMs });
    if (status.code !== 0) return gitFailed(status);
    const tooLarge: { path: string; bytes: number }[] = [];
    const nested: string[] = [];
    for (const candidate of changedCandidates(status.stdout)) {
      if (candidate.endsWith('/')) {
        nested.push(candidate.slice(0, -1));
        continue;
      }
      const info = await lstat(join(top, candidate)).catch(() => undefined);
      if (info?.isFile() && info.size > maxFileBytes) tooLarge.push({ path: candidate, bytes: info.size });
    }
    const ignoredRun = await this.git.run(['-C', top, ...TEMP_INDEX_CONFIG, 'ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory', '--no-empty-directory'], {
      env,
      timeoutMs,
      maxBytes: 1024 * 1024,
      cut: 'keep',
    });
    const ignored = ignoredRun.code === 0 ? nulFields(ignoredRun.stdout) : [];
    if (ignoredRun.truncated) ignored.pop();
    const excluded = [...tooLarge.map((t) => t.path), ...nested];
    const pathspecs = [':(top)', ...excluded.map((path) => `:(top,exclude,literal)${path}`)].map((p) => `${p}\0`).join('');
    const added = await this.git.run(['-C', top, ...TEMP_INDEX_CONFIG, 'add', '-A', '--pathspec-from-file=-', '--pathspec-file-nul'], { env, input: pathspecs, timeoutMs });
    if (added.code !== 0) return gitFailed(added);
    const written = await this.git.run(['-C', top, ...TEMP_INDEX_CONFIG, 'write-tree'], { env });
    if (written.code !== 0) return gitFailed(written);
    const leftOut: LeftOut = {
      tooLarge: tooLarge.slice(0, LEFT_OUT_LIMIT),
      ignored: ignored.slice(0, LEFT_OUT_LIMIT),
      nestedRepositories: nested.slice(0, LEFT_OUT_LIMIT),
      truncated: ignoredRun.truncated || tooLarge.length > LEFT_OUT_LIMIT || ignored.length > LEFT_OUT_LIMIT || nested.length > LEFT_OUT_LIMIT,
    };
    return ok({ tree: written.stdout.trim(), leftOut });
  }

  /**
   * Runs `work` with GIT_INDEX_FILE pointing at a private index, removed afterwards. Seeded from
   * `seed` (the checkout's index) when given. The copy is dated back before the original: git
   * trusts an entry's cached stat only when the file is older than the index, so a file changed
   * in the same instant the original index was written is still read again, never missed.
   */
  private async withTempIndex<T>(seed: string | undefined, work: (env: Record<string, string>) => Promise<Result<T, GitFailedError>>): Promise<Result<T, GitFailedError>> {
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

  private async locate(dir: string): Promise<Result<{ top: string; index: string }, NotAGitRepositoryError>> {
    const where = await this.git.run(['-C', dir, 'rev-parse', '--show-toplevel', '--path-format=absolute', '--git-path', 'index']);
    const [top, index] = where.stdout.split('\n');
    // A bare repository or a .git folder answers without a top level: no working files to record.
    if (where.code !== 0 || !top || !index) return err({ kind: 'not-a-git-repository', path: dir });
    return ok({ top, index });
  }

  private async resolve(dir: string, rev: string): Promise<string | undefined> {
    const run = await this.git.run(['-C', dir, 'rev-parse', '--verify', '--quiet', '--end-of-options', rev]);
    return run.code === 0 ? run.stdout.trim() || undefined : undefined;
  }

  private async emptyTree(dir: string): Promise<string | undefined> {
    const run = await this.git.run(['-C', dir, 'hash-object', '-t', 'tree', '--stdin']);
    return run.code === 0 ? run.stdout.trim() : undefined;
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
    return this.withTempIndex(undefined, async (env) => {
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

/** The paths `git status --porcelain=v2 -z` says differ on disk from the index: changed, unmerged or untracked. */
function changedCandidates(status: string): string[] {
  const paths: string[] = [];
  const fields = nulFields(status);
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    const kind = field[0];
    if (kind === '?') paths.push(field.slice(2));
    else if (kind === '1') {
      const parts = splitN(field, 9);
      const worktree = parts[1]?.[1];
      if (worktree !== '.' && worktree !== 'D') paths.push(parts[8]!);
    } else if (kind === 'u') paths.push(splitN(field, 11)[10]!);
    // A rename entry carries its old path in the next field.
    else if (kind === '2') i++;
  }
  return paths;
}

/** `text` split at the first `count - 1` spaces: the last part keeps its spaces (a path). */
function splitN(text: string, count: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (parts.length < count - 1) {
    const at = rest.indexOf(' ');
    if (at < 0) break;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  parts.push(rest);
  return parts;
}

/** `:<old mode> <new mode> <old id> <new id> <status>` for `path`. */
function rawChange(header: string, path: string): RawChange {
  const [oldMode = '', newMode = '', oldId = '', newId = '', status = ''] = header.slice(1).split(' ');
  const side = (mode: string, id: string) => (/^0+$/.test(mode) ? undefined : { mode, id });
  return { path, status: status.charAt(0), before: side(oldMode, oldId), after: side(newMode, newId) };
}

function statusOf(letter: string): FileStatus {
  switch (letter) {
    case 'A':
      return 'added';
    case 'D':
      return 'deleted';
    case 'T':
      return 'type-changed';
    default:
      return 'modified';
  }
}

function sameEntry(a: TreeEntry | undefined, b: TreeEntry | undefined): boolean {
  return a === undefined || b === undefined ? a === b : a.mode === b.mode && a.id === b.id;
}

function isRegularFile(entry: TreeEntry): boolean {
  return entry.mode === '100644' || entry.mode === '100755';
}

/** The body Tessera wrote (`{ note, leftOut }`); anything else reads as an empty note. */
function readBody(body: string): { note: string; leftOut: LeftOut } {
  try {
    const parsed = JSON.parse(body) as { note?: unknown; leftOut?: Partial<LeftOut> };
    const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
    const leftOut = parsed.leftOut ?? {};
    return {
      note: typeof parsed.note === 'string' ? parsed.note : '',
      leftOut: {
        tooLarge: Array.isArray(leftOut.tooLarge) ? leftOut.tooLarge.filter((t) => typeof t?.path === 'string' && typeof t.bytes === 'number') : [],
        ignored: strings(leftOut.ignored),
        nestedRepositories: strings(leftOut.nestedRepositories),
        truncated: leftOut.truncated === true,
      },
    };
  } catch {
    return { note: '', leftOut: NO_LEFT_OUT };
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
