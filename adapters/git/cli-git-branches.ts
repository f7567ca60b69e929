import type { BranchMovedError, CheckoutBlockedError, CommitSummary, GitBranches, MergeCheck, RebaseConflictError } from '../../domain/ports/branches.port';
import type { GitFailedError } from '../../domain/ports/checkpoints.port';
import { err, ok, type Result } from '../../domain/result';
import { GitProcess, gitFailed, gitMessage, nulFields, pathExists, TESSERA_IDENTITY } from './git-process';

export interface CliGitBranchesOptions {
  /** The git executable; `git` on PATH by default. */
  readonly git?: string;
  /** For quick queries. */
  readonly timeoutMs?: number;
  /** For calls that write a checkout or run the user's hooks (commit, merge, rebase) or reach a remote (push). */
  readonly longTimeoutMs?: number;
}

/** No editor may open for a command nobody watches: the message is always given. */
const NO_EDITOR = { GIT_EDITOR: 'true', GIT_SEQUENCE_EDITOR: 'true', GIT_MERGE_AUTOEDIT: 'no' };

/** GitBranches on the git command line (see GitProcess for how git is called). */
export class CliGitBranches implements GitBranches {
  private readonly git: GitProcess;
  private readonly longTimeoutMs: number;

  constructor(options: CliGitBranchesOptions = {}) {
    this.git = new GitProcess(options);
    this.longTimeoutMs = options.longTimeoutMs ?? 300_000;
  }

  async currentBranch(dir: string): Promise<string | undefined> {
    const run = await this.git.run(['-C', dir, 'symbolic-ref', '--quiet', '--short', 'HEAD']);
    return run.code === 0 ? run.stdout.trim() || undefined : undefined;
  }

  async resolve(dir: string, rev: string): Promise<string | undefined> {
    const run = await this.git.run(['-C', dir, 'rev-parse', '--verify', '--quiet', '--end-of-options', rev]);
    return run.code === 0 ? run.stdout.trim() || undefined : undefined;
  }

  async mergeBase(dir: string, a: string, b: string): Promise<string | undefined> {
    const run = await this.git.run(['-C', dir, 'merge-base', '--end-of-options', a, b]);
    return run.code === 0 ? run.stdout.split('\n')[0]?.trim() || undefined : undefined;
  }

  async isAncestor(dir: string, ancestor: string, descendant: string): Promise<boolean> {
    return (await this.git.run(['-C', dir, 'merge-base', '--is-ancestor', '--end-of-options', ancestor, descendant])).code === 0;
  }

  async branchesContaining(dir: string, commit: string): Promise<Result<string[], GitFailedError>> {
    const run = await this.git.run(['-C', dir, 'for-each-ref', `--contains=${commit}`, '--format=%(refname:short)', 'refs/heads/', 'refs/remotes/']);
    if (run.code !== 0) return gitFailed(run);
    return ok(run.stdout.split('\n').filter((name) => name.length > 0 && !name.endsWith('/HEAD')));
  }

  async commitsOnlyOn(dir: string, branch: string, limit: number): Promise<Result<CommitSummary[], GitFailedError>> {
    const ref = `refs/heads/${branch}`;
    const run = await this.git.run(['-C', dir, 'log', `--max-count=${limit}`, '--format=%H%x00%s%x00', ref, '--not', `--exclude=${branch}`, '--branches', '--remotes', '--']);
    if (run.code !== 0) return gitFailed(run);
    // `--exclude` before `--branches` names the branch without its refs/heads/ prefix.
    const fields = run.stdout.split('\0');
    const commits: CommitSummary[] = [];
    for (let i = 0; i + 1 < fields.length; i += 2) commits.push({ id: fields[i]!.trim(), subject: fields[i + 1]! });
    return ok(commits);
  }

  async checkoutOf(dir: string, branch: string): Promise<Result<string | undefined, GitFailedError>> {
    const run = await this.git.run(['-C', dir, 'worktree', 'list', '--porcelain', '-z']);
    if (run.code !== 0) return gitFailed(run);
    let path: string | undefined;
    for (const field of nulFields(run.stdout)) {
      if (field.startsWith('worktree ')) path = field.slice('worktree '.length);
      // A worktree whose folder was deleted by hand has no files to update: the ref alone moves.
      else if (field === `branch refs/heads/${branch}` && path && (await pathExists(path))) return ok(path);
    }
    return ok(undefined);
  }

  async changedPaths(dir: string): Promise<Result<string[], GitFailedError>> {
    const run = await this.git.run(['-C', dir, '-c', 'core.quotePath=false', 'status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames'], { timeoutMs: this.longTimeoutMs });
    if (run.code !== 0) return gitFailed(run);
    return ok(nulFields(run.stdout).map((entry) => entry.slice(3)));
  }

  async commitTree(dir: string, request: { readonly tree: string; readonly parents: readonly string[]; readonly message: string; readonly draft?: boolean }): Promise<Result<string, GitFailedError>> {
    const parents = request.parents.flatMap((p) => ['-p', p]);
    const draft = request.draft === true;
    // commit-tree leaves signing to its caller: a user who signs their commits gets a signed merge too.
    const signs = !draft && (await this.git.run(['-C', dir, 'config', '--type=bool', 'commit.gpgsign'])).stdout.trim() === 'true';
    const run = await this.git.run(['-C', dir, 'commit-tree', ...(signs ? ['-S'] : ['--no-gpg-sign']), ...parents, '-F', '-', request.tree], {
      input: request.message,
      timeoutMs: this.longTimeoutMs,
      ...(draft ? { env: TESSERA_IDENTITY } : {}),
    });
    return run.code === 0 ? ok(run.stdout.trim()) : gitFailed(run);
  }

  async commitAll(dir: string, request: { readonly message: string; readonly exclude: readonly string[] }): Promise<Result<string, GitFailedError>> {
    const pathspecs = [':(top)', ...request.exclude.map((path) => `:(top,exclude,literal)${path}`)].map((p) => `${p}\0`).join('');
    const added = await this.git.run(['-C', dir, 'add', '-A', '--pathspec-from-file=-', '--pathspec-file-nul'], { input: pathspecs, timeoutMs: this.longTimeoutMs });
    if (added.code !== 0) return gitFailed(added);
    // The user's own hooks run: this is a commit of theirs, made on their behalf.
    const committed = await this.git.run(['-C', dir, 'commit', '-q', '-F', '-'], { input: request.message, env: NO_EDITOR, timeoutMs: this.longTimeoutMs });
    if (committed.code !== 0) return gitFailed(committed);
    const head = await this.resolve(dir, 'HEAD');
    return head ? ok(head) : err({ kind: 'git-failed', message: 'the commit was made but HEAD cannot be read' });
  }

  async checkMerge(dir: string, base: string, head: string): Promise<Result<MergeCheck, GitFailedError>> {
    const run = await this.git.run(['-C', dir, '-c', 'core.quotePath=false', 'merge-tree', '--write-tree', '-z', '--name-only', '--no-messages', base, head], { timeoutMs: this.longTimeoutMs });
    // Exit 0: merged cleanly; 1: conflicts; anything else: git could not merge at all.
    if (run.code !== 0 && run.code !== 1) return gitFailed(run);
    const [tree = '', ...conflicts] = nulFields(run.stdout).filter((f) => f.length > 0);
    if (run.code === 0) return ok({ clean: true, tree });
    return ok({ clean: false, conflicts: [...new Set(conflicts)] });
  }

  async fastForward(dir: string, request: { readonly branch: string; readonly from: string; readonly to: string }): Promise<Result<void, BranchMovedError | CheckoutBlockedError | GitFailedError>> {
    const ref = `refs/heads/${request.branch}`;
    if ((await this.resolve(dir, ref)) !== request.from) return err({ kind: 'branch-moved', branch: request.branch });
    const checkout = await this.checkoutOf(dir, request.branch);
    if (!checkout.ok) return checkout;
    if (!checkout.value) {
      const moved = await this.git.run(['-C', dir, 'update-ref', '-m', `tessera: land onto ${request.branch}`, ref, request.to, request.from]);
      if (moved.code === 0) return ok(undefined);
      return (await this.resolve(dir, ref)) !== request.from ? err({ kind: 'branch-moved', branch: request.branch }) : gitFailed(moved);
    }
    // git merge --ff-only checks every file it would write first and changes nothing when a local change is in the way.
    const merged = await this.git.run(['-C', checkout.value, 'merge', '--ff-only', '-q', '--no-stat', request.to], { env: NO_EDITOR, timeoutMs: this.longTimeoutMs });
    if (merged.code === 0) return ok(undefined);
    if ((await this.resolve(dir, ref)) !== request.from) return err({ kind: 'branch-moved', branch: request.branch });
    return err({ kind: 'checkout-blocked', checkout: checkout.value, message: gitMessage(merged) });
  }

  async rebase(worktree: string, onto: string): Promise<Result<string, RebaseConflictError | GitFailedError>> {
    // No autostash (the worktree is committed first) and no update of other branches that point into the range.
    const run = await this.git.run(['-C', worktree, 'rebase', '-q', '--no-autostash', '--no-update-refs', onto], { env: NO_EDITOR, timeoutMs: this.longTimeoutMs });
    if (run.code === 0) {
      const head = await this.resolve(worktree, 'HEAD');
      return head ? ok(head) : err({ kind: 'git-failed', message: 'the rebase ended but HEAD cannot be read' });
    }
    const unmerged = await this.git.run(['-C', worktree, '-c', 'core.quotePath=false', 'diff', '--name-only', '--diff-filter=U', '-z']);
    const files = unmerged.code === 0 ? [...new Set(nulFields(unmerged.stdout))] : [];
    const inProgress = (await this.git.run(['-C', worktree, 'rev-parse', '--verify', '--quiet', 'REBASE_HEAD'])).code === 0;
    if (!inProgress) return gitFailed(run);
    const aborted = await this.git.run(['-C', worktree, 'rebase', '--abort'], { timeoutMs: this.longTimeoutMs });
    if (aborted.code !== 0) return err({ kind: 'git-failed', message: `the rebase stopped on a conflict and could not be aborted: ${gitMessage(aborted)}` });
    return err({ kind: 'rebase-conflict', files });
  }

  async push(dir: string, request: { readonly remote: string; readonly branch: string }): Promise<Result<void, GitFailedError>> {
    const ref = `refs/heads/${request.branch}`;
    const run = await this.git.run(['-C', dir, 'push', '--quiet', '--', request.remote, `${ref}:${ref}`], { timeoutMs: this.longTimeoutMs });
    return run.code === 0 ? ok(undefined) : gitFailed(run);
  }

  async deleteBranch(dir: string, request: { readonly branch: string; readonly expected: string }): Promise<Result<void, BranchMovedError | GitFailedError>> {
    const checkout = await this.checkoutOf(dir, request.branch);
    if (!checkout.ok) return checkout;
    if (checkout.value) return err({ kind: 'git-failed', message: `the branch ${request.branch} is checked out at ${checkout.value}` });
    const ref = `refs/heads/${request.branch}`;
    const run = await this.git.run(['-C', dir, 'update-ref', '-d', ref, request.expected]);
    if (run.code === 0) return ok(undefined);
    return (await this.resolve(dir, ref)) !== request.expected ? err({ kind: 'branch-moved', branch: request.branch }) : gitFailed(run);
  }

  async resetWorktree(dir: string, request: { readonly to: string; readonly keep: readonly string[] }): Promise<Result<void, GitFailedError>> {
    const reset = await this.git.run(['-C', dir, 'reset', '-q', '--hard', request.to], { timeoutMs: this.longTimeoutMs });
    if (reset.code !== 0) return gitFailed(reset);
    // -d removes untracked folders too; ignored files (dependencies, build output) stay, as do nested repositories.
    const keep = request.keep.map((path) => `:(top,exclude,literal)${path}`);
    const cleaned = await this.git.run(['-C', dir, 'clean', '-f', '-d', '-q', '--', ':(top)', ...keep], { timeoutMs: this.longTimeoutMs });
    return cleaned.code === 0 ? ok(undefined) : gitFailed(cleaned);
  }
}
