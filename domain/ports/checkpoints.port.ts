import type { Result } from '../result';
import type { NotAGitRepositoryError } from './git.port';

/** `message` is git's own one-line reason, shown as it is. */
export type GitFailedError = { readonly kind: 'git-failed'; readonly message: string };
/** A create-only ref that someone (another call) made first. */
export type RefExistsError = { readonly kind: 'ref-exists'; readonly ref: string };

/** What a snapshot did not record, so a person knows what a checkpoint cannot give back. */
export interface LeftOut {
  /** Changed or untracked files over the size limit: the checkpoint holds their last committed or staged version, or nothing. */
  readonly tooLarge: readonly { readonly path: string; readonly bytes: number }[];
  /** Untracked files the repository ignores; a wholly ignored folder is one entry ending in `/`. */
  readonly ignored: readonly string[];
  /** Untracked folders that are git repositories of their own. */
  readonly nestedRepositories: readonly string[];
  /** More was left out than these lists hold. */
  readonly truncated: boolean;
}

/** The state of a checkout's working files at one moment, as git objects nobody refers to yet. */
export interface WorkingTreeSnapshot {
  /** Tree id of every tracked and untracked, not ignored file as it is on disk (except what `leftOut` names). */
  readonly tree: string;
  /** The commit checked out, or undefined in a repository with no commit yet. */
  readonly head: string | undefined;
  readonly leftOut: LeftOut;
}

/** A snapshot kept under a private ref: a commit whose tree is the snapshot and whose parent is the HEAD of then. */
export interface Checkpoint {
  readonly ref: string;
  readonly commit: string;
  readonly tree: string;
  readonly head: string | undefined;
  /** What the caller stored with it, given back unchanged. */
  readonly note: string;
  readonly leftOut: LeftOut;
}

export type FileStatus = 'added' | 'modified' | 'deleted' | 'type-changed';

/** One file that differs between two states. Paths are relative to the checkout's top, with `/`. */
export interface FileChange {
  readonly path: string;
  readonly status: FileStatus;
  /** Lines added and removed; 0 for a binary file. */
  readonly added: number;
  readonly removed: number;
  readonly binary: boolean;
  /** Git's id of the content on the newer side; undefined when the file was deleted. */
  readonly version: string | undefined;
}

export interface Patch {
  /** Unified diff text as git prints it (`diff --git a/... b/...`). */
  readonly text: string;
  /** The diff was longer than asked for and was cut. */
  readonly truncated: boolean;
}

/** What restoring a file would do to the working file. */
export type RestoreOutcome =
  /** Written with the content of the state restored to. */
  | 'restore'
  /** Deleted: it did not exist in the state restored to. */
  | 'remove'
  /** Edited later too, in other lines: the later edit is kept and the restored lines put back. */
  | 'merge'
  /** Already as it would be. */
  | 'unchanged'
  /** Edited later in the same lines (or a later edit git cannot merge: binary, deleted, a link): refused, or with `take-restored` the restored side wins where they clash. */
  | 'conflict';

export interface PlannedFile {
  readonly path: string;
  readonly outcome: RestoreOutcome;
  /** What applying the plan does to the working file: write it from `tree`, delete it, or leave it. */
  readonly effect: 'write' | 'remove' | 'keep';
}

export interface RestorePlan {
  /** The tree the working tree would have afterwards: `current` with the planned files replaced. */
  readonly tree: string;
  readonly files: readonly PlannedFile[];
}

export interface PlanRestoreRequest {
  /** The working tree now (a snapshot tree). */
  readonly current: string;
  /** The state whose change is taken back (a turn's end). */
  readonly undo: string;
  /** The state it is taken back to (the turn's start). */
  readonly to: string;
  /** Only these files are planned; each should differ between `undo` and `to`. */
  readonly paths: readonly string[];
  /** `refuse` leaves a conflicting file as it is now in `tree`; `take-restored` resolves each clash in favour of `to`. */
  readonly onConflict: 'refuse' | 'take-restored';
}

/**
 * Checkpoints of a checkout's working tree (the user's or an agent worktree), by role: record the
 * files as they are without touching anything the user has, compare states, and put files back.
 *
 * Contract (adapters/git/cli-git-checkpoints.test.ts runs it on real repositories):
 * - `snapshot` never changes the checkout's index, HEAD, branches, stash or files: it works in a
 *   temporary index. Untracked files count unless ignored; files over `maxFileBytes` and nested
 *   repositories are left out and named. It works before the first commit.
 * - `record` keeps a snapshot under `ref` (created, never moved: `ref-exists` when taken).
 * - `list` gives the checkpoints under a ref prefix; `remove` deletes them, each only if it still
 *   points where the caller saw it.
 * - `changes` and `patch` compare two states (`from` undefined: the empty tree); any commit or tree id works.
 * - `planRestore` builds, with git's three-way file merge, what taking a change back would give,
 *   and writes nothing to the checkout; `writeFiles` then makes the named working files equal to a
 *   tree's (and deletes `remove`), and touches no other file and never the index.
 * - `findVersions` tells which (path, version) pairs a set of trees, or the history of the
 *   repository's own refs (every ref outside `refs/tessera/`), still holds.
 */
export interface WorkingTreeCheckpoints {
  snapshot(dir: string, options: { readonly maxFileBytes: number }): Promise<Result<WorkingTreeSnapshot, NotAGitRepositoryError | GitFailedError>>;
  record(dir: string, request: { readonly ref: string; readonly snapshot: WorkingTreeSnapshot; readonly note: string }): Promise<Result<Checkpoint, RefExistsError | GitFailedError>>;
  list(dir: string, prefix: string): Promise<Result<Checkpoint[], NotAGitRepositoryError | GitFailedError>>;
  remove(dir: string, checkpoints: readonly Pick<Checkpoint, 'ref' | 'commit'>[]): Promise<Result<void, GitFailedError>>;
  changes(dir: string, from: string | undefined, to: string): Promise<Result<FileChange[], GitFailedError>>;
  /** `wholeFile`: every line of each file as context, not only the lines around a change. */
  patch(dir: string, from: string | undefined, to: string, options: { readonly paths?: readonly string[]; readonly maxBytes: number; readonly wholeFile?: boolean }): Promise<Result<Patch, GitFailedError>>;
  planRestore(dir: string, request: PlanRestoreRequest): Promise<Result<RestorePlan, GitFailedError>>;
  writeFiles(dir: string, request: { readonly tree: string; readonly write: readonly string[]; readonly remove: readonly string[] }): Promise<Result<void, GitFailedError>>;
  findVersions(
    dir: string,
    wanted: readonly { readonly path: string; readonly version: string }[],
    places: { readonly trees: readonly string[]; readonly history: boolean },
  ): Promise<Result<{ readonly path: string; readonly version: string }[], GitFailedError>>;
}
