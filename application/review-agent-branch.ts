import type { FileChange, LeftOut, Patch } from '../domain/ports/checkpoints.port';
import { ok, type Result } from '../domain/result';
import { readAgentBranch, type AgentBranchDeps, type AgentBranchError } from './agent-branch';
import { MAX_PATCH_BYTES, PATCH_BYTES } from './review-turns';

export interface AgentChanges {
  readonly branch: string;
  readonly baseBranch: string;
  readonly baseTip: string;
  readonly forkPoint: string;
  readonly head: string;
  /** Everything the agent changed since it forked from its base, committed or not, untracked files included. */
  readonly files: readonly FileChange[];
  /** The paths among them not committed yet. */
  readonly uncommitted: readonly string[];
  readonly leftOut: LeftOut;
}

/** A worktree agent's changes: its branch and working files against the branch it started from. */
export class GetAgentChanges {
  constructor(private readonly deps: AgentBranchDeps) {}

  async execute(input: { readonly slug: string }): Promise<Result<AgentChanges, AgentBranchError>> {
    const state = await readAgentBranch(this.deps, input.slug);
    if (!state.ok) return state;
    const s = state.value;
    return ok({
      branch: s.branch,
      baseBranch: s.baseBranch,
      baseTip: s.baseTip,
      forkPoint: s.forkPoint,
      head: s.head,
      files: s.changes,
      uncommitted: s.uncommitted.map((c) => c.path),
      leftOut: s.snapshot.leftOut,
    });
  }
}

/** The patch of a worktree agent's changes: one file's or all of them, cut at `maxBytes`. */
export class GetAgentChangePatch {
  constructor(private readonly deps: AgentBranchDeps) {}

  async execute(input: { readonly slug: string; readonly path?: string; readonly maxBytes?: number; readonly wholeFile?: boolean }): Promise<Result<Patch, AgentBranchError>> {
    const state = await readAgentBranch(this.deps, input.slug);
    if (!state.ok) return state;
    const maxBytes = Math.min(Math.max(1024, input.maxBytes ?? PATCH_BYTES), MAX_PATCH_BYTES);
    const { worktree, forkPoint, snapshot } = state.value;
    return this.deps.checkpoints.patch(worktree.top, forkPoint, snapshot.tree, { ...(input.path !== undefined ? { paths: [input.path] } : {}), maxBytes, wholeFile: input.wholeFile === true });
  }
}
