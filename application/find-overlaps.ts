import { mayHaveChanged } from '../domain/attribution';
import { CHECKPOINT_LIMITS, turnFrom } from '../domain/checkpoint';
import type { GitFailedError } from '../domain/ports/checkpoints.port';
import type { NotAGitRepositoryError } from '../domain/ports/git.port';
import { err, ok, type Result } from '../domain/result';
import { readAgentBranch, type AgentBranchDeps, type AgentBranchError } from './agent-branch';
import { locateAgentWorkTree, type AgentWorkTreeError } from './agent-work-tree';
import { loadHistory } from './turn-history';

export interface Overlaps {
  /** The files each agent has changed and not committed (a worktree agent: everything on its branch not in its base). */
  readonly agents: readonly { readonly slug: string; readonly files: readonly string[] }[];
  /** Each pair of agents that changed a file in common, with those files. */
  readonly overlaps: readonly { readonly agents: readonly [string, string]; readonly files: readonly string[] }[];
}

export type FindOverlapsError = AgentWorkTreeError | AgentBranchError | NotAGitRepositoryError | GitFailedError | { readonly kind: 'too-few-agents'; readonly count: number };

/**
 * Which files two or more agents have both changed, so each can be warned before either lands.
 * A worktree agent's files are its branch and worktree against its base. An agent in the shared
 * checkout has the files its recorded turns may have changed (those its events named, or every
 * change in its window when it had no events) that are still uncommitted there.
 */
export class FindOverlaps {
  constructor(private readonly deps: AgentBranchDeps) {}

  async execute(input: { readonly slugs: readonly string[] }): Promise<Result<Overlaps, FindOverlapsError>> {
    const slugs = [...new Set(input.slugs)];
    if (slugs.length < 2) return err({ kind: 'too-few-agents', count: slugs.length });
    const agents: { slug: string; files: string[] }[] = [];
    for (const slug of slugs) {
      const files = await this.changedBy(slug);
      if (!files.ok) return files;
      agents.push({ slug, files: files.value });
    }
    const overlaps: { agents: [string, string]; files: string[] }[] = [];
    for (let i = 0; i < agents.length; i++) {
      for (let j = i + 1; j < agents.length; j++) {
        const theirs = new Set(agents[j]!.files);
        const both = agents[i]!.files.filter((f) => theirs.has(f));
        if (both.length > 0) overlaps.push({ agents: [agents[i]!.slug, agents[j]!.slug], files: both });
      }
    }
    return ok({ agents, overlaps });
  }

  private async changedBy(slug: string): Promise<Result<string[], FindOverlapsError>> {
    const { checkpoints } = this.deps;
    const located = await locateAgentWorkTree(this.deps, slug);
    if (!located.ok) return located;
    if (located.value.kind === 'worktree') {
      const state = await readAgentBranch(this.deps, slug);
      return state.ok ? ok(state.value.changes.map((c) => c.path).sort()) : state;
    }
    const { top, agent } = located.value;
    const snapshot = await checkpoints.snapshot(top, { maxFileBytes: CHECKPOINT_LIMITS.maxFileBytes });
    if (!snapshot.ok) return snapshot;
    const pending = await checkpoints.changes(top, snapshot.value.head, snapshot.value.tree);
    if (!pending.ok) return pending;
    const uncommitted = new Set(pending.value.map((c) => c.path));
    const history = await loadHistory(checkpoints, top);
    if (!history.ok) return history;
    const files = new Set<string>();
    for (const turn of history.value.turns.filter((t) => t.agent === agent.slug)) {
      const changed = await checkpoints.changes(top, turnFrom(turn), turn.ended?.commit ?? snapshot.value.tree);
      if (!changed.ok) return changed;
      const activity = { touched: turn.touched, changed: changed.value.map((c) => c.path) };
      for (const path of activity.changed) if (uncommitted.has(path) && mayHaveChanged(activity, path)) files.add(path);
    }
    return ok([...files].sort());
  }
}
