import { baseRef } from '../domain/checkpoint';
import type { BranchMovedError, GitBranches } from '../domain/ports/branches.port';
import type { GitFailedError, WorkingTreeCheckpoints } from '../domain/ports/checkpoints.port';
import type { NotAGitRepositoryError, WorktreeDirtyError, WorktreeFailedError } from '../domain/ports/git.port';
import { err, ok, type Result } from '../domain/result';
import { worktreeLocation } from '../domain/worktree';
import { findAgent, type AgentLookupError, type AgentWorkTreeDeps, type NotAWorktreeAgentError } from './agent-work-tree';

export type RemoveAgentWorktreeError =
  | AgentLookupError
  | NotAWorktreeAgentError
  | NotAGitRepositoryError
  | WorktreeDirtyError
  | WorktreeFailedError
  | GitFailedError
  | BranchMovedError
  /** The branch holds commits no other branch (local or remote-tracking) has: land, push or discard them first. */
  | { readonly kind: 'branch-not-merged'; readonly slug: string; readonly branch: string };

/**
 * Removes a worktree agent's worktree and its branch, only when no work would go with them: a
 * worktree with uncommitted or untracked files is refused (the worktree port checks it, and git
 * again), and so is a branch whose commits no other branch holds. The agent's turn checkpoints stay.
 */
export class RemoveAgentWorktree {
  constructor(private readonly deps: AgentWorkTreeDeps & { readonly branches: GitBranches; readonly checkpoints: WorkingTreeCheckpoints }) {}

  async execute(input: { readonly slug: string }): Promise<Result<{ readonly removed: string; readonly deletedBranch: string | undefined }, RemoveAgentWorktreeError>> {
    const { deps } = this;
    const agent = await findAgent(deps.agents, input.slug);
    if (!agent.ok) return agent;
    const slug = agent.value.slug;
    if (agent.value.workspace !== 'worktree') return err({ kind: 'not-a-worktree-agent', slug });
    const repo = await deps.git.repositoryRoot(deps.projectRoot);
    if (!repo.ok) return repo;
    const location = worktreeLocation({ dataDir: deps.dataDir, projectRoot: deps.projectRoot, slug, join: deps.join });
    if ((await deps.git.worktreeState(location.path)) === 'dirty') return err({ kind: 'worktree-dirty', path: location.path });
    const tip = await deps.branches.resolve(repo.value.root, `refs/heads/${location.branch}^{commit}`);
    if (tip) {
      const holders = await deps.branches.branchesContaining(repo.value.root, tip);
      if (!holders.ok) return holders;
      if (!holders.value.some((name) => name !== location.branch)) return err({ kind: 'branch-not-merged', slug, branch: location.branch });
    }
    const removed = await deps.git.removeWorktree(location.path);
    if (!removed.ok) return removed;
    if (tip) {
      const deleted = await deps.branches.deleteBranch(repo.value.root, { branch: location.branch, expected: tip });
      if (!deleted.ok) return deleted;
    }
    const base = await deps.branches.resolve(repo.value.root, baseRef(slug));
    if (base) await deps.checkpoints.remove(repo.value.root, [{ ref: baseRef(slug), commit: base }]);
    return ok({ removed: location.path, deletedBranch: tip ? location.branch : undefined });
  }
}
