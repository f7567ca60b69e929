import type { GitFailedError } from '../domain/ports/checkpoints.port';
import type { PullRequestFailedError, PullRequestOutcome, PullRequests } from '../domain/ports/pull-requests.port';
import { err, ok, type Result } from '../domain/result';
import { readAgentBranch, type AgentBranchDeps, type AgentBranchError } from './agent-branch';

export interface ShareDeps extends AgentBranchDeps {
  readonly pullRequests: PullRequests;
}

export type UncommittedWorkError = { readonly kind: 'uncommitted-work'; readonly slug: string; readonly files: readonly string[] };

/**
 * Pushes a worktree agent's branch, or the base branch it lands on, to a remote under the same
 * name. Never forced: a remote that moved on refuses, with git's reason.
 */
export class PushAgentBranch {
  constructor(private readonly deps: AgentBranchDeps) {}

  async execute(input: { readonly slug: string; readonly remote?: string; readonly which: 'agent' | 'base' }): Promise<Result<{ readonly remote: string; readonly branch: string }, AgentBranchError | GitFailedError>> {
    const state = await readAgentBranch(this.deps, input.slug);
    if (!state.ok) return state;
    const remote = input.remote ?? 'origin';
    const branch = input.which === 'agent' ? state.value.branch : state.value.baseBranch;
    const pushed = await this.deps.branches.push(state.value.worktree.repo, { remote, branch });
    return pushed.ok ? ok({ remote, branch }) : pushed;
  }
}

/**
 * Pushes a worktree agent's branch and opens a pull request from it into its base branch; where
 * this machine cannot open one (no gh, or signed out), the answer is the command to run. Work not
 * committed yet would be missing from the pull request, so it is refused until committed.
 */
export class OpenPullRequest {
  constructor(private readonly deps: ShareDeps) {}

  async execute(input: { readonly slug: string; readonly title: string; readonly body?: string; readonly remote?: string }): Promise<Result<PullRequestOutcome, AgentBranchError | GitFailedError | PullRequestFailedError | UncommittedWorkError>> {
    const state = await readAgentBranch(this.deps, input.slug);
    if (!state.ok) return state;
    const s = state.value;
    if (s.uncommitted.length > 0) return err({ kind: 'uncommitted-work', slug: s.worktree.agent.slug, files: s.uncommitted.map((c) => c.path) });
    const pushed = await this.deps.branches.push(s.worktree.repo, { remote: input.remote ?? 'origin', branch: s.branch });
    if (!pushed.ok) return pushed;
    return this.deps.pullRequests.open({ dir: s.worktree.repo, base: s.baseBranch, head: s.branch, title: input.title, body: input.body ?? '' });
  }
}
