import { CHECKPOINT_LIMITS, turnFrom, type Turn } from '../domain/checkpoint';
import type { Clock } from '../domain/ports/clock.port';
import type { GitFailedError, LeftOut, Patch, WorkingTreeCheckpoints } from '../domain/ports/checkpoints.port';
import type { NotAGitRepositoryError } from '../domain/ports/git.port';
import { ok, type Result } from '../domain/result';
import { locateAgentWorkTree, type AgentWorkTreeDeps, type AgentWorkTreeError } from './agent-work-tree';
import { findTurn, loadHistory, turnChanges, type TurnChanges, type TurnNotFoundError } from './turn-history';

export interface ReviewTurnsDeps extends AgentWorkTreeDeps {
  readonly checkpoints: WorkingTreeCheckpoints;
  readonly clock: Clock;
}

export interface TurnSummary {
  readonly number: number;
  /** Undefined when the turn's start was not recorded. */
  readonly startedAt: number | undefined;
  /** Undefined while the turn runs. */
  readonly endedAt: number | undefined;
  readonly prompt: string | undefined;
  /** The agent's events named files in this turn. */
  readonly hasEvents: boolean;
  /** How many times it was undone. */
  readonly undone: number;
}

type ReviewError = AgentWorkTreeError | NotAGitRepositoryError | GitFailedError;

/** An agent's recorded turns, oldest first. */
export class ListTurns {
  constructor(private readonly deps: ReviewTurnsDeps) {}

  async execute(input: { readonly slug: string }): Promise<Result<TurnSummary[], ReviewError>> {
    const located = await locateAgentWorkTree(this.deps, input.slug);
    if (!located.ok) return located;
    const history = await loadHistory(this.deps.checkpoints, located.value.top);
    if (!history.ok) return history;
    return ok(history.value.turns.filter((t) => t.agent === located.value.agent.slug).map(summaryOf));
  }
}

export interface TurnChangesResult extends Omit<TurnChanges, 'to'> {
  readonly turn: TurnSummary;
}

/** What one turn changed, file by file with its attribution; a running turn up to now. */
export class GetTurnChanges {
  constructor(private readonly deps: ReviewTurnsDeps) {}

  async execute(input: { readonly slug: string; readonly turn: number }): Promise<Result<TurnChangesResult, ReviewError | TurnNotFoundError>> {
    const found = await locateTurn(this.deps, input);
    if (!found.ok) return found;
    const { top, history, turn } = found.value;
    let now: { tree: string; at: number; leftOut: LeftOut } | undefined;
    if (!turn.ended) {
      const snapshot = await this.deps.checkpoints.snapshot(top, { maxFileBytes: CHECKPOINT_LIMITS.maxFileBytes });
      if (!snapshot.ok) return snapshot;
      now = { tree: snapshot.value.tree, at: this.deps.clock.now(), leftOut: snapshot.value.leftOut };
    }
    const changes = await turnChanges(this.deps.checkpoints, top, history, turn, now);
    if (!changes.ok) return changes;
    const { to: _to, ...rest } = changes.value;
    return ok({ turn: summaryOf(turn), ...rest });
  }
}

/** The patch of a turn: one file's, or the whole turn's, cut at `maxBytes`. */
export class GetTurnPatch {
  constructor(private readonly deps: ReviewTurnsDeps) {}

  async execute(input: { readonly slug: string; readonly turn: number; readonly path?: string; readonly maxBytes?: number; readonly wholeFile?: boolean }): Promise<Result<Patch, ReviewError | TurnNotFoundError>> {
    const found = await locateTurn(this.deps, input);
    if (!found.ok) return found;
    const { top, turn } = found.value;
    let to = turn.ended?.commit;
    if (!to) {
      const snapshot = await this.deps.checkpoints.snapshot(top, { maxFileBytes: CHECKPOINT_LIMITS.maxFileBytes });
      if (!snapshot.ok) return snapshot;
      to = snapshot.value.tree;
    }
    const maxBytes = Math.min(Math.max(1024, input.maxBytes ?? PATCH_BYTES), MAX_PATCH_BYTES);
    return this.deps.checkpoints.patch(top, turnFrom(turn), to, { ...(input.path !== undefined ? { paths: [input.path] } : {}), maxBytes, wholeFile: input.wholeFile === true });
  }
}

/** A patch is for reading: 1 MB by default, 5 MB at most. */
export const PATCH_BYTES = 1024 * 1024;
export const MAX_PATCH_BYTES = 5 * 1024 * 1024;

async function locateTurn(deps: ReviewTurnsDeps, input: { readonly slug: string; readonly turn: number }) {
  const located = await locateAgentWorkTree(deps, input.slug);
  if (!located.ok) return located;
  const history = await loadHistory(deps.checkpoints, located.value.top);
  if (!history.ok) return history;
  const turn = findTurn(history.value, located.value.agent.slug, input.turn);
  if (!turn.ok) return turn;
  return ok({ top: located.value.top, history: history.value, turn: turn.value });
}

export function summaryOf(turn: Turn): TurnSummary {
  return {
    number: turn.number,
    startedAt: turn.started?.at,
    endedAt: turn.ended?.at,
    prompt: turn.prompt,
    hasEvents: turn.touched.length > 0,
    undone: turn.beforeUndo.length,
  };
}
