import type { Agent } from '../domain/agent';
import { baseRef } from '../domain/checkpoint';
import type { BranchMovedError, CommitSummary, GitBranches } from '../domain/ports/branches.port';
import type { GitFailedError, WorkingTreeCheckpoints } from '../domain/ports/checkpoints.port';
import type { NotAGitRepositoryError, WorktreeDirtyError, WorktreeFailedError } from '../domain/ports/git.port';
import { err, ok, type Result } from '../domain/result';
import { worktreeLocation } from '../domain/worktree';
import { findAgent, type AgentLookupError, type AgentWorkTreeDeps, type NotAWorktreeAgentError } from './agent-work-tree';

/** The most commits a removal names; more are counted, not listed. */
const LISTED_COMMITS = 50;

/** What removing a worktree agent's worktree and branch would remove, and the work that stops it. */
export interface WorktreeRemoval {
  readonly slug: string;
  readonly path: string;
  readonly branch: string;
  /** The branch's commit; undefined when the branch is gone already. */
  readonly tip: string | undefined;
  /** Changed, staged and untracked (not ignored) files of the worktree: work nothing else holds. */
  readonly uncommitted: readonly string[];
  /** Commits of the branch that no other branch, local or remote-tracking, holds (at most LISTED_COMMITS). */
  readonly commits: readonly CommitSummary[];
}

/** Removing would lose work: the files and commits named here. Land, commit, push or discard them first. */
export type WorktreeHoldsWorkError = {
  readonly kind: 'worktree-holds-work';
  readonly slug: string;
  readonly path: string;
  readonly branch: string;
  readonly files: readonly string[];
  /** Each as its short id and subject. */
  readonly commits: readonly string[];
};

export type RemoveAgentWorktreeError =
  | AgentLookupError
  | NotAWorktreeAgentError
  | NotAGitRepositoryError
  | WorktreeDirtyError
  | WorktreeFailedError
  | GitFailedError
  | BranchMovedError
  | WorktreeHoldsWorkError
  /** The agent's CLI runs in the worktree: it is stopped first. */
  | { readonly kind: 'agent-running'; readonly slug: string };

type RemovalDeps = AgentWorkTreeDeps & {
  readonly branches: GitBranches;
  readonly checkpoints: WorkingTreeCheckpoints;
  /** Whether a session of the agent is live; without it, none is. */
  readonly isRunning?: (slug: string) => boolean;
};

/** What removing an agent's worktree and branch would take away, found without changing anything. */
export class PreviewWorktreeRemoval {
  constructor(private readonly deps: RemovalDeps) {}

  async execute(input: { readonly slug: string }): Promise<Result<WorktreeRemoval, RemoveAgentWorktreeError>> {
    const found = await worktreeAgent(this.deps, input.slug);
    if (!found.ok) return found;
    return readRemoval(this.deps, found.value.agent, found.value.repo);
  }
}

/**
 * Removes a worktree agent's worktree and its branch, only when no work would go with them: a
 * worktree with uncommitted or untracked files, or a branch with commits no other branch holds, is
 * refused with what would be lost named (and the worktree port and git refuse a dirty worktree
 * once more), and so is a worktree its agent still runs in. The agent's turn checkpoints stay.
 */
export class RemoveAgentWorktree {
  constructor(private readonly deps: RemovalDeps) {}

  async execute(input: { readonly slug: string }): Promise<Result<{ readonly removed: string; readonly deletedBranch: string | undefined }, RemoveAgentWorktreeError>> {
    const { deps } = this;
    const found = await worktreeAgent(deps, input.slug);
    if (!found.ok) return found;
    const { agent, repo } = found.value;
    if (deps.isRunning?.(agent.slug)) return err({ kind: 'agent-running', slug: agent.slug });
    const read = await readRemoval(deps, agent, repo);
    if (!read.ok) return read;
    const removal = read.value;
    if (holdsWork(removal)) {
      return err({
        kind: 'worktree-holds-work',
        slug: removal.slug,
        path: removal.path,
        branch: removal.branch,
        files: removal.uncommitted,
        commits: removal.commits.map((c) => `${c.id.slice(0, 7)} ${c.subject}`),
      });
    }
    const removed = await deps.git.removeWorktree(removal.path);
    if (!removed.ok) return removed;
    if (removal.tip) {
      const deleted = await deps.branches.deleteBranch(repo, { branch: removal.branch, expected: removal.tip });
      if (!deleted.ok) return deleted;
    }
    const base = await deps.branches.resolve(repo, baseRef(agent.slug));
    if (base) await deps.checkpoints.remove(repo, [{ ref: baseRef(agent.slug), commit: base }]);
    return ok({ removed: removal.path, deletedBranch: removal.tip ? removal.branch : undefined });
  }
}

export function holdsWork(removal: WorktreeRemoval): boolean {
  return removal.uncommitted.length > 0 || removal.commits.length > 0;
}

async function worktreeAgent(deps: RemovalDeps, slug: string): Promise<Result<{ agent: Agent; repo: string }, RemoveAgentWorktreeError>> {
  const agent = await findAgent(deps.agents, slug);
  if (!agent.ok) return agent;
  if (agent.value.workspace !== 'worktree') return err({ kind: 'not-a-worktree-agent', slug: agent.value.slug });
  const repo = await deps.git.repositoryRoot(deps.projectRoot);
  if (!repo.ok) return repo;
  return ok({ agent: agent.value, repo: repo.value.root });
}

async function readRemoval(deps: RemovalDeps, agent: Agent, repo: string): Promise<Result<WorktreeRemoval, RemoveAgentWorktreeError>> {
  const location = worktreeLocation({ dataDir: deps.dataDir, projectRoot: deps.projectRoot, slug: agent.slug, join: deps.join });
  const state = await deps.git.worktreeState(location.path);
  if (state === 'not-a-worktree') return err({ kind: 'worktree-failed', path: location.path, message: 'this folder is not a git worktree' });
  let uncommitted: readonly string[] = [];
  if (state !== 'missing') {
    const changed = await deps.branches.changedPaths(location.path);
    if (!changed.ok) return changed;
    uncommitted = changed.value;
  }
  const tip = await deps.branches.resolve(repo, `refs/heads/${location.branch}^{commit}`);
  let commits: readonly CommitSummary[] = [];
  if (tip) {
    const only = await deps.branches.commitsOnlyOn(repo, location.branch, LISTED_COMMITS);
    if (!only.ok) return only;
    commits = only.value;
  }
  return ok({ slug: agent.slug, path: location.path, branch: location.branch, tip, uncommitted, commits });
}
