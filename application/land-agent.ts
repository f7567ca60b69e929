import { agentRefs, readHistory } from '../domain/checkpoint';
import { draftLandingMessage } from '../domain/landing-message';
import type { BranchMovedError, CheckoutBlockedError } from '../domain/ports/branches.port';
import type { FileChange, GitFailedError } from '../domain/ports/checkpoints.port';
import { err, ok, type Result } from '../domain/result';
import { readAgentBranch, type AgentBranchDeps, type AgentBranchError, type AgentBranchState } from './agent-branch';
import { findAgent, type AgentLookupError } from './agent-work-tree';

export type LandingStrategy = 'fast-forward' | 'merge' | 'rebase';

export interface LandingCheck {
  readonly branch: string;
  readonly baseBranch: string;
  readonly baseTip: string;
  readonly strategy: LandingStrategy;
  /** The agent's uncommitted files, committed first when it lands. */
  readonly toCommit: readonly FileChange[];
  /** What the base branch gains. */
  readonly files: readonly FileChange[];
  /** Files git cannot merge on its own; nothing lands while there are any. */
  readonly conflicts: readonly string[];
  /** The base branch's checkout has uncommitted changes in files the landing would write. */
  readonly blockedBy: { readonly checkout: string; readonly files: readonly string[] } | undefined;
  /** The base branch has nothing the agent's branch lacks: it can move forward without a merge commit. */
  readonly fastForward: boolean;
  /** Files too large to commit (they stay in the worktree, uncommitted). */
  readonly leftOut: readonly string[];
  /** Whether LandAgent would go ahead with this strategy (given a message when there is something to commit). */
  readonly ready: boolean;
}

export type LandAgentError =
  | AgentBranchError
  | { readonly kind: 'nothing-to-land'; readonly slug: string }
  | { readonly kind: 'land-conflict'; readonly slug: string; readonly files: readonly string[] }
  | { readonly kind: 'base-has-uncommitted-changes'; readonly branch: string; readonly checkout: string; readonly files: readonly string[] }
  | { readonly kind: 'not-fast-forward'; readonly slug: string; readonly branch: string }
  | { readonly kind: 'commit-message-required'; readonly slug: string; readonly files: readonly string[] }
  | BranchMovedError
  | CheckoutBlockedError;

export interface Landed {
  readonly baseBranch: string;
  readonly from: string;
  readonly to: string;
  readonly strategy: LandingStrategy;
  /** The commit made of the agent's uncommitted work, when there was some. */
  readonly committed: string | undefined;
}

interface Plan extends LandingCheck {
  readonly state: AgentBranchState;
  readonly nothing: boolean;
}

/**
 * What landing a worktree agent's work would do, found without touching any checkout: git merges
 * in its object store (`merge-tree --write-tree`), with the uncommitted work as a commit no ref
 * points to.
 */
export class CheckLanding {
  constructor(private readonly deps: AgentBranchDeps) {}

  async execute(input: { readonly slug: string; readonly strategy: LandingStrategy }): Promise<Result<LandingCheck, AgentBranchError>> {
    const plan = await planLanding(this.deps, input.slug, input.strategy);
    if (!plan.ok) return plan;
    const { state: _state, nothing: _nothing, ...check } = plan.value;
    return ok(check);
  }
}

/**
 * Lands a worktree agent's work on the branch it started from: commits what is uncommitted (the
 * caller's message), then moves the base branch by fast-forward, by a merge commit, or after
 * rebasing the agent's branch onto it. Checked first (CheckLanding): a conflict, uncommitted
 * changes in the base checkout's files concerned, or a fast-forward that is not one refuses before
 * anything is written, leaving every checkout as it was. The base checkout is updated as
 * `git merge --ff-only` does, which itself refuses if a local change got in the way since.
 */
export class LandAgent {
  constructor(private readonly deps: AgentBranchDeps) {}

  async execute(input: { readonly slug: string; readonly strategy: LandingStrategy; readonly message?: string; readonly mergeMessage?: string }): Promise<Result<Landed, LandAgentError>> {
    const { branches } = this.deps;
    const planned = await planLanding(this.deps, input.slug, input.strategy);
    if (!planned.ok) return planned;
    const plan = planned.value;
    const slug = plan.state.worktree.agent.slug;
    const refusal = refusalOf(plan, slug, input.message);
    if (refusal) return err(refusal);
    const { worktree, baseBranch, baseTip } = plan.state;

    let head = plan.state.head;
    let committed: string | undefined;
    if (plan.toCommit.length > 0) {
      const exclude = [...plan.state.snapshot.leftOut.tooLarge.map((t) => t.path), ...plan.state.snapshot.leftOut.nestedRepositories];
      const commit = await branches.commitAll(worktree.top, { message: input.message!, exclude });
      if (!commit.ok) return commit;
      head = committed = commit.value;
    }

    let to = head;
    if (input.strategy === 'merge') {
      const merged = await branches.checkMerge(worktree.repo, baseTip, head);
      if (!merged.ok) return merged;
      if (!merged.value.clean) return err({ kind: 'land-conflict', slug, files: merged.value.conflicts });
      const message = input.mergeMessage?.trim() ? input.mergeMessage : `Merge branch '${plan.branch}' into ${baseBranch}\n`;
      const merge = await branches.commitTree(worktree.repo, { tree: merged.value.tree, parents: [baseTip, head], message });
      if (!merge.ok) return merge;
      to = merge.value;
    } else if (input.strategy === 'rebase' && !(await branches.isAncestor(worktree.repo, baseTip, head))) {
      const rebased = await branches.rebase(worktree.top, baseTip);
      if (!rebased.ok) return err(rebased.error.kind === 'rebase-conflict' ? { kind: 'land-conflict', slug, files: rebased.error.files } : rebased.error);
      to = rebased.value;
    }
    const moved = await branches.fastForward(worktree.repo, { branch: baseBranch, from: baseTip, to });
    if (!moved.ok) return moved;
    return ok({ baseBranch, from: baseTip, to, strategy: input.strategy, committed });
  }
}

/** Commits a worktree agent's uncommitted work on its own branch (before a pull request, say). */
export class CommitAgentWork {
  constructor(private readonly deps: AgentBranchDeps) {}

  async execute(input: { readonly slug: string; readonly message: string }): Promise<Result<{ readonly commit: string; readonly files: readonly string[] }, AgentBranchError | { readonly kind: 'nothing-to-commit'; readonly slug: string } | { readonly kind: 'commit-message-required'; readonly slug: string; readonly files: readonly string[] }>> {
    const state = await readAgentBranch(this.deps, input.slug);
    if (!state.ok) return state;
    const { worktree, uncommitted, snapshot } = state.value;
    const slug = worktree.agent.slug;
    if (uncommitted.length === 0) return err({ kind: 'nothing-to-commit', slug });
    if (!input.message.trim()) return err({ kind: 'commit-message-required', slug, files: uncommitted.map((c) => c.path) });
    const exclude = [...snapshot.leftOut.tooLarge.map((t) => t.path), ...snapshot.leftOut.nestedRepositories];
    const commit = await this.deps.branches.commitAll(worktree.top, { message: input.message, exclude });
    if (!commit.ok) return commit;
    return ok({ commit: commit.value, files: uncommitted.map((c) => c.path) });
  }
}

/** A commit message to start from: what the agent was asked in its recorded turns. */
export class DraftLandingMessage {
  constructor(private readonly deps: Pick<AgentBranchDeps, 'agents' | 'checkpoints' | 'git' | 'projectRoot'>) {}

  async execute(input: { readonly slug: string }): Promise<Result<{ readonly message: string }, AgentLookupError | GitFailedError | { readonly kind: 'not-a-git-repository'; readonly path: string }>> {
    const agent = await findAgent(this.deps.agents, input.slug);
    if (!agent.ok) return agent;
    const repo = await this.deps.git.repositoryRoot(this.deps.projectRoot);
    if (!repo.ok) return repo;
    const listed = await this.deps.checkpoints.list(repo.value.root, agentRefs(agent.value.slug));
    if (!listed.ok) return listed;
    const history = readHistory(listed.value);
    const since = history.others.find((o) => o.kind === 'base')?.note.at ?? 0;
    const prompts = history.turns.filter((t) => (t.started?.at ?? t.ended?.at ?? 0) >= since).flatMap((t) => (t.prompt ? [t.prompt] : []));
    return ok({ message: draftLandingMessage({ agentName: agent.value.name, prompts }) });
  }
}

async function planLanding(deps: AgentBranchDeps, slug: string, strategy: LandingStrategy): Promise<Result<Plan, AgentBranchError>> {
  const { branches } = deps;
  const state = await readAgentBranch(deps, slug);
  if (!state.ok) return state;
  const s = state.value;
  const { repo, top } = s.worktree;
  let tip = s.head;
  if (s.uncommitted.length > 0) {
    // The uncommitted work as the commit it would become, so the check covers it; no ref points to it.
    const draft = await branches.commitTree(top, { tree: s.snapshot.tree, parents: [s.head], message: 'Tessera landing check\n', draft: true });
    if (!draft.ok) return draft;
    tip = draft.value;
  }
  const nothing = await branches.isAncestor(repo, tip, s.baseTip);
  const fastForward = await branches.isAncestor(repo, s.baseTip, tip);
  let resultTree: string | undefined;
  let conflicts: readonly string[] = [];
  if (fastForward || nothing) resultTree = await branches.resolve(repo, `${nothing ? s.baseTip : tip}^{tree}`);
  else {
    const merged = await branches.checkMerge(repo, s.baseTip, tip);
    if (!merged.ok) return merged;
    if (merged.value.clean) resultTree = merged.value.tree;
    else conflicts = merged.value.conflicts;
  }
  let files: readonly FileChange[] = [];
  let blockedBy: LandingCheck['blockedBy'];
  if (resultTree) {
    const landed = await deps.checkpoints.changes(repo, s.baseTip, resultTree);
    if (!landed.ok) return landed;
    files = landed.value;
    const checkout = await branches.checkoutOf(repo, s.baseBranch);
    if (!checkout.ok) return checkout;
    if (checkout.value) {
      const dirty = await branches.changedPaths(checkout.value);
      if (!dirty.ok) return dirty;
      const concerned = new Set(files.map((f) => f.path));
      const blocking = dirty.value.filter((path) => concerned.has(path));
      if (blocking.length > 0) blockedBy = { checkout: checkout.value, files: blocking };
    }
  }
  const leftOut = s.snapshot.leftOut.tooLarge.map((t) => t.path);
  const ready = !nothing && conflicts.length === 0 && !blockedBy && (strategy !== 'fast-forward' || fastForward);
  return ok({ state: s, nothing, branch: s.branch, baseBranch: s.baseBranch, baseTip: s.baseTip, strategy, toCommit: s.uncommitted, files, conflicts, blockedBy, fastForward, leftOut, ready });
}

function refusalOf(plan: Plan, slug: string, message: string | undefined): LandAgentError | undefined {
  if (plan.nothing) return { kind: 'nothing-to-land', slug };
  if (plan.conflicts.length > 0) return { kind: 'land-conflict', slug, files: plan.conflicts };
  if (plan.blockedBy) return { kind: 'base-has-uncommitted-changes', branch: plan.baseBranch, checkout: plan.blockedBy.checkout, files: plan.blockedBy.files };
  if (plan.strategy === 'fast-forward' && !plan.fastForward) return { kind: 'not-fast-forward', slug, branch: plan.baseBranch };
  if (plan.toCommit.length > 0 && !message?.trim()) return { kind: 'commit-message-required', slug, files: plan.toCommit.map((c) => c.path) };
  return undefined;
}
