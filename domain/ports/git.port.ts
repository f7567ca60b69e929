import type { Result } from '../result';

/** The repository a folder belongs to. */
export interface GitRepository {
  /** Absolute top level of the checkout holding the folder. */
  readonly root: string;
  /** The folder relative to `root`, with `/` separators and no leading or trailing slash; '' at the root. */
  readonly subdirectory: string;
}

/**
 * What is at a worktree path: nothing, a checkout without changes, one with changes or untracked
 * files (ignored and excluded files do not count), or something that is not a git checkout's top level.
 */
export type WorktreeState = 'missing' | 'clean' | 'dirty' | 'not-a-worktree';

export type NotAGitRepositoryError = { readonly kind: 'not-a-git-repository'; readonly path: string };
/** `message` is git's own one-line reason, shown as it is. */
export type WorktreeFailedError = { readonly kind: 'worktree-failed'; readonly path: string; readonly message: string };
export type WorktreeDirtyError = { readonly kind: 'worktree-dirty'; readonly path: string };

export interface AddWorktreeRequest {
  /** Any folder of the repository (its root or below). */
  readonly repo: string;
  /** Absolute path of the new worktree; its parent folders are created. */
  readonly path: string;
  /** e.g. `tessera/reviewer`. */
  readonly branch: string;
}

/**
 * Git worktrees, by role: what Tessera needs to give an agent its own checkout and branch.
 *
 * Contract (adapters/contracts/git-worktrees.contract.ts):
 * - `repositoryRoot` finds the checkout holding a folder, or `not-a-git-repository`.
 * - `addWorktree` checks `branch` out at `path`: from the repository's HEAD when the branch does
 *   not exist, else the existing branch with its commits. A registered worktree whose folder was
 *   deleted by hand does not block it. Failures are `worktree-failed` with git's message
 *   (no commit yet, branch checked out elsewhere, path taken).
 * - `removeWorktree` never loses work: a dirty worktree is refused with `worktree-dirty`; the branch stays.
 * - `isTracked` and `excludeUntracked` let a launch put a generated file in a checkout without it
 *   ever showing in `git status` and without replacing a file the repository tracks.
 */
export interface GitWorktrees {
  repositoryRoot(dir: string): Promise<Result<GitRepository, NotAGitRepositoryError>>;
  worktreeState(path: string): Promise<WorktreeState>;
  addWorktree(request: AddWorktreeRequest): Promise<Result<void, WorktreeFailedError>>;
  removeWorktree(path: string): Promise<Result<void, WorktreeDirtyError | WorktreeFailedError>>;
  /** True when the repository tracks `file` (a plain name) in the checkout folder `dir`. */
  isTracked(dir: string, file: string): Promise<boolean>;
  /**
   * Makes git ignore the untracked `file` (a plain name) in `dir`, idempotently. Git reads one
   * `info/exclude` for all worktrees of a repository, so this also hides an untracked file of that
   * name at the same place in every other checkout of the repository, the main one included.
   */
  excludeUntracked(dir: string, file: string): Promise<Result<void, WorktreeFailedError>>;
}
