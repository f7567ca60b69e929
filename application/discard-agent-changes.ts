import { agentRefs, discardedRef, encodeNote, readHistory } from '../domain/checkpoint';
import type { FileChange, GitFailedError, RefExistsError } from '../domain/ports/checkpoints.port';
import { err, ok, type Result } from '../domain/result';
import { readAgentBranch, type AgentBranchDeps, type AgentBranchError, type AgentBranchState } from './agent-branch';

export interface DiscardPreview {
  readonly branch: string;
  /** What would be discarded: everything the agent changed since it forked, committed or not. */
  readonly files: readonly FileChange[];
  /** Give it back to DiscardAgentChanges: it refuses if the agent's work changed since. */
  readonly token: string;
  /** Files too large to keep a copy of: discarding refuses while there are any. */
  readonly tooLarge: readonly string[];
}

export type DiscardError =
  | AgentBranchError
  | RefExistsError
  | { readonly kind: 'confirmation-required'; readonly slug: string }
  | { readonly kind: 'changed-since-preview'; readonly slug: string }
  | { readonly kind: 'discard-would-lose'; readonly slug: string; readonly files: readonly string[] };

/** What discarding a worktree agent's changes would throw away. */
export class PreviewDiscard {
  constructor(private readonly deps: AgentBranchDeps) {}

  async execute(input: { readonly slug: string }): Promise<Result<DiscardPreview, AgentBranchError>> {
    const state = await readAgentBranch(this.deps, input.slug);
    if (!state.ok) return state;
    const s = state.value;
    return ok({ branch: s.branch, files: s.changes, token: tokenOf(s), tooLarge: s.snapshot.leftOut.tooLarge.map((t) => t.path) });
  }
}

/**
 * Discards a worktree agent's changes, after a preview and only with `confirm`: its branch goes
 * back to where it forked from its base, its uncommitted and untracked files go (ignored ones
 * stay). Nothing is lost for good: the whole work, commits and working files, is first kept under
 * `refs/tessera/<agent>/discarded/<n>`. Refused when the work changed since the preview, or when a
 * file too large to keep would go with it.
 */
export class DiscardAgentChanges {
  constructor(private readonly deps: AgentBranchDeps) {}

  async execute(input: { readonly slug: string; readonly confirm: boolean; readonly token: string }): Promise<Result<{ readonly discardedTo: string | undefined; readonly resetTo: string }, DiscardError | GitFailedError>> {
    const state = await readAgentBranch(this.deps, input.slug);
    if (!state.ok) return state;
    const s = state.value;
    const slug = s.worktree.agent.slug;
    if (!input.confirm) return err({ kind: 'confirmation-required', slug });
    if (input.token !== tokenOf(s)) return err({ kind: 'changed-since-preview', slug });
    const tooLarge = s.snapshot.leftOut.tooLarge.map((t) => t.path);
    if (tooLarge.length > 0) return err({ kind: 'discard-would-lose', slug, files: tooLarge });
    if (s.changes.length === 0 && s.head === s.forkPoint) return ok({ discardedTo: undefined, resetTo: s.forkPoint });
    const listed = await this.deps.checkpoints.list(s.worktree.top, agentRefs(slug));
    if (!listed.ok) return listed;
    const n = readHistory(listed.value).others.filter((o) => o.kind === 'discarded').reduce((max, o) => Math.max(max, o.n ?? 0), 0) + 1;
    const ref = discardedRef(slug, n);
    const note = encodeNote({ agent: slug, kind: 'discarded', at: this.deps.clock.now(), workTree: s.worktree.top });
    const kept = await this.deps.checkpoints.record(s.worktree.top, { ref, snapshot: s.snapshot, note });
    if (!kept.ok) return kept;
    const reset = await this.deps.branches.resetWorktree(s.worktree.top, { to: s.forkPoint, keep: s.snapshot.leftOut.nestedRepositories });
    if (!reset.ok) return reset;
    return ok({ discardedTo: ref, resetTo: s.forkPoint });
  }
}

function tokenOf(state: AgentBranchState): string {
  return `${state.head}:${state.snapshot.tree}`;
}
