import { CHECKPOINT_LIMITS, type Turn, type TurnPoint } from '../domain/checkpoint';
import type { GitFailedError, WorkingTreeCheckpoints } from '../domain/ports/checkpoints.port';
import { ok, type Result } from '../domain/result';
import { locateAgentWorkTree, type AgentWorkTreeDeps, type AgentWorkTreeError } from './agent-work-tree';
import { loadHistory } from './turn-history';

export interface PruneCheckpointsInput {
  readonly slug: string;
  /** Turns to keep whatever they hold; CHECKPOINT_LIMITS.keepTurns by default. */
  readonly keepTurns?: number;
}

export interface PruneReport {
  readonly pruned: readonly number[];
  /** Older turns kept because they hold the only copy of uncommitted work: which files. */
  readonly kept: readonly { readonly turn: number; readonly paths: readonly string[] }[];
}

export interface PruneCheckpointsDeps extends AgentWorkTreeDeps {
  readonly checkpoints: WorkingTreeCheckpoints;
}

/**
 * Drops an agent's old turns without dropping the only copy of uncommitted work. The newest
 * `keepTurns` turns stay (and a running one). An older turn goes unless one of its checkpoints
 * holds a file version that is uncommitted work nothing else keeps:
 *
 * - a version is uncommitted work when it differs from the file in the commit checked out then;
 * - an older version of a file that later changed again without being committed is superseded:
 *   the work went on into the newer version, which carries it (only the newest uncommitted
 *   version of each file, across the dropped turns, is protected);
 * - that version is kept elsewhere when the same file holds it in a checkpoint that stays (any
 *   agent's, in this repository), or in the history of the repository's own branches, tags,
 *   remotes or stash; or when a checkpoint that stays, made later, holds a newer uncommitted
 *   version of that file (the work went on there).
 *
 * So a file deleted, reverted with `git checkout`, or reset away while uncommitted keeps the turn
 * that last held it until a newer uncommitted version of that file exists or it is committed. A
 * turn is kept or dropped whole.
 */
export class PruneCheckpoints {
  constructor(private readonly deps: PruneCheckpointsDeps) {}

  async execute(input: PruneCheckpointsInput): Promise<Result<PruneReport, AgentWorkTreeError | GitFailedError>> {
    const { checkpoints } = this.deps;
    const located = await locateAgentWorkTree(this.deps, input.slug);
    if (!located.ok) return located;
    const { top, agent } = located.value;
    const history = await loadHistory(checkpoints, top);
    if (!history.ok) return history;
    const keep = Math.max(1, input.keepTurns ?? CHECKPOINT_LIMITS.keepTurns);
    const own = history.value.turns.filter((t) => t.agent === agent.slug);
    const candidates = own.slice(0, Math.max(0, own.length - keep)).filter((t) => t.ended);
    if (candidates.length === 0) return ok({ pruned: [], kept: [] });
    const dropping = new Set(candidates.map((t) => t.number));
    const staying = [
      ...history.value.turns.filter((t) => t.agent !== agent.slug || !dropping.has(t.number)).flatMap((t) => pointsOf(t).map((point) => ({ point, workTree: t.workTree }))),
      ...history.value.others.map((o) => ({ point: o.point, workTree: o.note.workTree })),
    ];

    // The newest uncommitted version of each file across the turns to drop, and the turn holding it.
    const newest = new Map<string, { version: string; at: number; turn: number }>();
    for (const turn of candidates) {
      for (const point of pointsOf(turn)) {
        const uncommitted = await checkpoints.changes(top, point.head, point.commit);
        if (!uncommitted.ok) return uncommitted;
        for (const change of uncommitted.value) {
          if (!change.version) continue;
          const seen = newest.get(change.path);
          if (!seen || point.at >= seen.at) newest.set(change.path, { version: change.version, at: point.at, turn: turn.number });
        }
      }
    }

    const wanted = [...newest].map(([path, v]) => ({ path, version: v.version }));
    const found = await checkpoints.findVersions(top, wanted, { trees: staying.map((s) => s.point.tree), history: true });
    if (!found.ok) return found;
    const safe = new Set(found.value.map((f) => f.path));
    let unresolved = [...newest.keys()].filter((path) => !safe.has(path));

    // Work that went on: a later checkpoint of the same working tree that stays holds a newer uncommitted version of the file.
    const later = staying
      .filter((s) => s.workTree === top && unresolved.some((path) => s.point.at > newest.get(path)!.at))
      .map((s) => s.point)
      .sort((a, b) => b.at - a.at);
    for (const point of later) {
      if (unresolved.length === 0) break;
      const uncommitted = await checkpoints.changes(top, point.head, point.commit);
      if (!uncommitted.ok) return uncommitted;
      const carried = new Set(uncommitted.value.filter((c) => c.version).map((c) => c.path));
      unresolved = unresolved.filter((path) => !(carried.has(path) && point.at > newest.get(path)!.at));
    }

    const stranded = new Map<number, string[]>();
    for (const path of unresolved) {
      const turn = newest.get(path)!.turn;
      stranded.set(turn, [...(stranded.get(turn) ?? []), path]);
    }
    const pruned = candidates.filter((t) => !stranded.has(t.number));
    const removed = await checkpoints.remove(
      top,
      pruned.flatMap(pointsOf).map((p) => ({ ref: p.ref, commit: p.commit })),
    );
    if (!removed.ok) return removed;
    return ok({
      pruned: pruned.map((t) => t.number),
      kept: [...stranded].sort(([a], [b]) => a - b).map(([turn, paths]) => ({ turn, paths: paths.sort() })),
    });
  }
}

function pointsOf(turn: Turn): TurnPoint[] {
  return [turn.started, turn.ended, ...turn.beforeUndo].filter((p): p is TurnPoint => p !== undefined);
}
