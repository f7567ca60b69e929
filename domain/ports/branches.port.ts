import type { Result } from '../result';
import type { GitFailedError } from './checkpoints.port';

/** The branch is no longer where the caller saw it: someone moved it in between. */
export type BranchMovedError = { readonly kind: 'branch-moved'; readonly branch: string };
/** Git would not update the checkout holding the branch (a local change in the way); it changed nothing. */
export type CheckoutBlockedError = { readonly kind: 'checkout-blocked'; readonly checkout: string; readonly message: string };
/** The rebase stopped on these files; it was aborted, so the branch and its checkout are as they were. */
export type RebaseConflictError = { readonly kind: 'rebase-conflict'; readonly files: readonly string[] };

/** A commit as a person reads it in a list. */
export interface CommitSummary {
  readonly id: string;
  readonly subject: string;
}

/** What merging `head` into `base` would give, found without a checkout. */
export type MergeCheck = { readonly clean: true; readonly tree: string } | { readonly clean: false; readonly conflicts: readonly string[] };

/**
 * The branches of a repository and moving work between them, by role: what reviewing and landing
 * an agent's branch needs. `dir` is any checkout of the repository; branch names are short
 * (`main`, `tessera/reviewer`). Nothing here ever discards work on its own: a moved branch, a
 * checkout in the way or a conflict is an error that leaves everything as it was.
 *
 * Contract (adapters/git/cli-git-branches.test.ts runs it on real repositories):
 * - `checkMerge` merges in git's object store only (no checkout, no index, no ref changes).
 * - `fastForward` moves a branch from `from` to its descendant `to`: in the checkout that has it
 *   checked out, as `git merge --ff-only` does (refusing, changing nothing, when a local change is
 *   in the way), or the ref alone when no checkout has it.
 * - `rebase` replays a worktree's branch onto `onto` in that worktree; on a conflict it aborts
 *   and answers the conflicting files.
 * - `commitAll` commits every change and untracked (not ignored) file of a checkout but `exclude`,
 *   with the user's identity and hooks.
 * - `resetWorktree` makes a checkout's branch, index and files those of `to`, removing untracked
 *   files that are not ignored, except `keep`.
 */
export interface GitBranches {
  /** The branch checked out at `dir`; undefined when HEAD is detached or `dir` is no checkout. */
  currentBranch(dir: string): Promise<string | undefined>;
  /** The object a revision names (`main`, `HEAD^{tree}`, a commit id), or undefined. */
  resolve(dir: string, rev: string): Promise<string | undefined>;
  mergeBase(dir: string, a: string, b: string): Promise<string | undefined>;
  isAncestor(dir: string, ancestor: string, descendant: string): Promise<boolean>;
  /** The local and remote-tracking branches (`main`, `origin/main`) whose history holds `commit`. */
  branchesContaining(dir: string, commit: string): Promise<Result<string[], GitFailedError>>;
  /**
   * The commits of the local `branch` that no other local or remote-tracking branch holds (work that
   * would be lost with the branch), newest first, at most `limit`.
   */
  commitsOnlyOn(dir: string, branch: string, limit: number): Promise<Result<CommitSummary[], GitFailedError>>;
  /** Where a local branch is checked out (any worktree of the repository), or undefined. */
  checkoutOf(dir: string, branch: string): Promise<Result<string | undefined, GitFailedError>>;
  /** The paths `git status` lists in a checkout: changed, staged, and untracked that are not ignored. */
  changedPaths(dir: string): Promise<Result<string[], GitFailedError>>;
  /**
   * A commit object no ref points to yet, by the user's git identity (and signed if they sign).
   * A `draft` (a commit only made to check something) is never signed, by Tessera's identity.
   */
  commitTree(dir: string, request: { readonly tree: string; readonly parents: readonly string[]; readonly message: string; readonly draft?: boolean }): Promise<Result<string, GitFailedError>>;
  commitAll(dir: string, request: { readonly message: string; readonly exclude: readonly string[] }): Promise<Result<string, GitFailedError>>;
  checkMerge(dir: string, base: string, head: string): Promise<Result<MergeCheck, GitFailedError>>;
  fastForward(dir: string, request: { readonly branch: string; readonly from: string; readonly to: string }): Promise<Result<void, BranchMovedError | CheckoutBlockedError | GitFailedError>>;
  rebase(worktree: string, onto: string): Promise<Result<string, RebaseConflictError | GitFailedError>>;
  push(dir: string, request: { readonly remote: string; readonly branch: string }): Promise<Result<void, GitFailedError>>;
  /** Deletes a local branch only while it still points at `expected`. */
  deleteBranch(dir: string, request: { readonly branch: string; readonly expected: string }): Promise<Result<void, BranchMovedError | GitFailedError>>;
  resetWorktree(dir: string, request: { readonly to: string; readonly keep: readonly string[] }): Promise<Result<void, GitFailedError>>;
}
