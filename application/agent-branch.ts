import { agentRefs, baseRef, CHECKPOINT_LIMITS, encodeNote, readHistory } from '../domain/checkpoint';
import type { GitBranches } from '../domain/ports/branches.port';
import type { Clock } from '../domain/ports/clock.port';
import type { FileChange, GitFailedError, LeftOut, WorkingTreeCheckpoints, WorkingTreeSnapshot } from '../domain/ports/checkpoints.port';
import type { NotAGitRepositoryError } from '../domain/ports/git.port';
import { err, ok, type Result } from '../domain/result';
import { locateAgentWorktree, type AgentWorkTree, type AgentWorkTreeDeps, type AgentWorkTreeError, type NotAWorktreeAgentError } from './agent-work-tree';

export interface AgentBranchDeps extends AgentWorkTreeDeps {
  readonly checkpoints: WorkingTreeCheckpoints;
  readonly branches: GitBranches;
  readonly clock: Clock;
}

export type BaseUnknownError = { readonly kind: 'base-unknown'; readonly slug: string };
export type BaseBranchNotFoundError = { readonly kind: 'base-branch-not-found'; readonly slug: string; readonly branch: string };

export type AgentBranchError = AgentWorkTreeError | NotAWorktreeAgentError | NotAGitRepositoryError | GitFailedError | BaseUnknownError | BaseBranchNotFoundError;

/** A worktree agent's branch against the branch it started from. */
export interface AgentBranchState {
  readonly worktree: Extract<AgentWorkTree, { kind: 'worktree' }>;
  /** `tessera/<slug>`. */
  readonly branch: string;
  readonly head: string;
  readonly baseBranch: string;
  readonly baseTip: string;
  /** Where the agent's work starts: the merge base of its branch and the base branch. */
  readonly forkPoint: string;
  /** The worktree's files now: committed, uncommitted and untracked (not ignored). */
  readonly snapshot: WorkingTreeSnapshot;
  /** Everything the agent changed since the fork point, committed or not. */
  readonly changes: readonly FileChange[];
  /** Files changed in the worktree and not committed yet. */
  readonly uncommitted: readonly FileChange[];
}

/**
 * Where a worktree agent's branch stands. The base branch is the one recorded when its worktree
 * was made (RecordWorktreeBase), else the branch the project's checkout has now.
 */
export async function readAgentBranch(deps: AgentBranchDeps, slug: string): Promise<Result<AgentBranchState, AgentBranchError>> {
  const located = await locateAgentWorktree(deps, slug);
  if (!located.ok) return located;
  const worktree = located.value;
  const agent = worktree.agent.slug;
  const listed = await deps.checkpoints.list(worktree.top, agentRefs(agent));
  if (!listed.ok) return listed;
  const recorded = readHistory(listed.value).others.find((o) => o.kind === 'base');
  const baseBranch = recorded?.note.baseBranch ?? (await deps.branches.currentBranch(worktree.repo));
  if (!baseBranch || baseBranch === worktree.location.branch) return err({ kind: 'base-unknown', slug: agent });
  const baseTip = await deps.branches.resolve(worktree.repo, `refs/heads/${baseBranch}^{commit}`);
  if (!baseTip) return err({ kind: 'base-branch-not-found', slug: agent, branch: baseBranch });
  const checkedOut = await deps.branches.currentBranch(worktree.top);
  if (checkedOut !== worktree.location.branch) {
    return err({ kind: 'git-failed', message: `the worktree at ${worktree.top} has ${checkedOut ?? 'a detached HEAD'} checked out, not ${worktree.location.branch}` });
  }
  const head = await deps.branches.resolve(worktree.top, 'HEAD^{commit}');
  if (!head) return err({ kind: 'git-failed', message: `the worktree at ${worktree.top} has no commit checked out` });
  const forkPoint = (await deps.branches.mergeBase(worktree.repo, baseTip, head)) ?? recorded?.point.head;
  if (!forkPoint) return err({ kind: 'base-unknown', slug: agent });
  const snapshot = await deps.checkpoints.snapshot(worktree.top, { maxFileBytes: CHECKPOINT_LIMITS.maxFileBytes });
  if (!snapshot.ok) return snapshot;
  const changes = await deps.checkpoints.changes(worktree.top, forkPoint, snapshot.value.tree);
  if (!changes.ok) return changes;
  const uncommitted = await deps.checkpoints.changes(worktree.top, head, snapshot.value.tree);
  if (!uncommitted.ok) return uncommitted;
  return ok({ worktree, branch: worktree.location.branch, head, baseBranch, baseTip, forkPoint, snapshot: snapshot.value, changes: changes.value, uncommitted: uncommitted.value });
}

/**
 * Records, once, which branch and commit a new worktree agent's branch started from
 * (`refs/tessera/<agent>/base`): the branch the project's checkout had when the worktree was made.
 * A record made earlier stays: a worktree made again for an existing branch keeps its first base.
 */
export class RecordWorktreeBase {
  constructor(private readonly deps: Pick<AgentBranchDeps, 'checkpoints' | 'branches' | 'clock'>) {}

  async execute(input: { readonly slug: string; readonly repo: string; readonly worktree: string }): Promise<Result<void, GitFailedError>> {
    const { branches, checkpoints, clock } = this.deps;
    const baseBranch = await branches.currentBranch(input.repo);
    const head = await branches.resolve(input.worktree, 'HEAD^{commit}');
    const tree = await branches.resolve(input.worktree, 'HEAD^{tree}');
    if (!head || !tree) return err({ kind: 'git-failed', message: `the worktree at ${input.worktree} has no commit checked out` });
    const note = encodeNote({ agent: input.slug, kind: 'base', at: clock.now(), workTree: input.worktree, ...(baseBranch ? { baseBranch } : {}) });
    const recorded = await checkpoints.record(input.worktree, { ref: baseRef(input.slug), snapshot: { tree, head, leftOut: NOTHING_LEFT_OUT }, note });
    if (!recorded.ok && recorded.error.kind === 'git-failed') return err(recorded.error);
    return ok(undefined);
  }
}

const NOTHING_LEFT_OUT: LeftOut = { tooLarge: [], ignored: [], nestedRepositories: [], truncated: false };
