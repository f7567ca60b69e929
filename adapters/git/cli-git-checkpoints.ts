import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  Checkpoint,
  FileChange,
  GitFailedError,
  LeftOut,
  Patch,
  PlanRestoreRequest,
  RefExistsError,
  RestorePlan,
  WorkingTreeCheckpoints,
  WorkingTreeSnapshot,
} from '../../domain/ports/checkpoints.port';
import type { NotAGitRepositoryError } from '../../domain/ports/git.port';
import { err, ok, type Result } from '../../domain/result';
import { checkpointMessage, LEFT_OUT_LIMIT, readCheckpointBody } from './checkpoint-note';
import { locateCheckout, TEMP_INDEX_CONFIG, withTempIndex } from './git-index';
import { GitProcess, gitFailed, literalPathspec, nulFields, TESSERA_IDENTITY } from './git-process';
import { GitRestore } from './git-restore';
import { changedCandidates, rawChange, statusOf, type RawChange } from './git-tree-changes';

/** Context wider than any file a patch is read for (git has no "whole file" flag for diff-tree). */
const WHOLE_FILE_CONTEXT = '--unified=100000000';

export interface CliGitCheckpointsOptions {
  /** The git executable; `git` on PATH by default. */
  readonly git?: string;
  /** For quick calls (rev-parse, diff-tree of two trees). */
  readonly timeoutMs?: number;
  /** For calls that read every file of the checkout (status, add in the temporary index). */
  readonly snapshotTimeoutMs?: number;
}

/**
 * WorkingTreeCheckpoints on the git command line. A snapshot is made in a temporary index
 * (GIT_INDEX_FILE): a copy of the checkout's index, so git's stat cache spares re-reading
 * unchanged files, brought up to the working files with `git add -A`, written as a tree. The
 * checkout's own index, HEAD, refs and files are never written.
 */
export class CliGitCheckpoints implements WorkingTreeCheckpoints {
  private readonly git: GitProcess;
  private readonly snapshotTimeoutMs: number;
  private readonly restore: GitRestore;

  constructor(options: CliGitCheckpointsOptions = {}) {
    this.git = new GitProcess(options);
    this.snapshotTimeoutMs = options.snapshotTimeoutMs ?? 120_000;
    this.restore = new GitRestore(this.git, this.snapshotTimeoutMs);
  }

  async snapshot(dir: string, options: { readonly maxFileBytes: number }): Promise<Result<WorkingTreeSnapshot, NotAGitRepositoryError | GitFailedError>> {
    const where = await locateCheckout(this.git, dir);
    if (!where.ok) return where;
    const { top, index } = where.value;
    const head = await this.resolve(top, 'HEAD^{commit}');
    const taken = await withTempIndex(index, (env) => this.snapshotIn(top, env, options.maxFileBytes));
    if (!taken.ok) return taken;
    return ok({ tree: taken.value.tree, head, leftOut: taken.value.leftOut });
  }

  async record(dir: string, request: { readonly ref: string; readonly snapshot: WorkingTreeSnapshot; readonly note: string }): Promise<Result<Checkpoint, RefExistsError | GitFailedError>> {
    const { snapshot } = request;
    const message = checkpointMessage(request.ref, request.note, snapshot.leftOut);
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
      checkpoints.push({ ref, commit, tree, head, ...readCheckpointBody(body) });
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

  planRestore(dir: string, request: PlanRestoreRequest): Promise<Result<RestorePlan, GitFailedError>> {
    return this.restore.planRestore(dir, request);
  }

  writeFiles(dir: string, request: { readonly tree: string; readonly write: readonly string[]; readonly remove: readonly string[] }): Promise<Result<void, GitFailedError>> {
    return this.restore.writeFiles(dir, request);
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

  private async resolve(dir: string, rev: string): Promise<string | undefined> {
    const run = await this.git.run(['-C', dir, 'rev-parse', '--verify', '--quiet', '--end-of-options', rev]);
    return run.code === 0 ? run.stdout.trim() || undefined : undefined;
  }

  private async emptyTree(dir: string): Promise<string | undefined> {
    const run = await this.git.run(['-C', dir, 'hash-object', '-t', 'tree', '--stdin']);
    return run.code === 0 ? run.stdout.trim() : undefined;
  }


}
