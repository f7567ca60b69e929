import { attributeTurn, windowsOverlap, type AttributedFile, type TurnActivity } from '../domain/attribution';
import { readHistory, TESSERA_REFS, turnFrom, type CheckpointHistory, type Turn } from '../domain/checkpoint';
import type { FileChange, GitFailedError, LeftOut, WorkingTreeCheckpoints } from '../domain/ports/checkpoints.port';
import type { NotAGitRepositoryError } from '../domain/ports/git.port';
import { err, ok, type Result } from '../domain/result';

export type TurnNotFoundError = { readonly kind: 'turn-not-found'; readonly slug: string; readonly turn: number };

/** Every agent's checkpoints in the repository of `top` (refs are shared by all its worktrees). */
export async function loadHistory(checkpoints: WorkingTreeCheckpoints, top: string): Promise<Result<CheckpointHistory, NotAGitRepositoryError | GitFailedError>> {
  const listed = await checkpoints.list(top, TESSERA_REFS);
  return listed.ok ? ok(readHistory(listed.value)) : listed;
}

export function findTurn(history: CheckpointHistory, agent: string, turn: number): Result<Turn, TurnNotFoundError> {
  const found = history.turns.find((t) => t.agent === agent && t.number === turn);
  return found ? ok(found) : err({ kind: 'turn-not-found', slug: agent, turn });
}

/** A file a turn changed, with whose change it is. */
export interface TurnFileChange extends FileChange, Omit<AttributedFile, 'path'> {}

export interface TurnChanges {
  readonly files: readonly TurnFileChange[];
  /** What the turn's checkpoints could not record. */
  readonly leftOut: LeftOut;
  /** False while another agent's overlapping turn in the same tree is still running: its share is not known yet. */
  readonly settled: boolean;
  /** Where the turn's changes end: its `ended` checkpoint, or for a running turn the tree as it is now. */
  readonly to: string;
}

/**
 * What a turn changed and whose each change is (domain/attribution.ts). A running turn is measured
 * up to the working tree as it is now (`now`, a snapshot tree). Other agents' turns count when
 * they ran in the same working tree and overlapped this one in time.
 */
export async function turnChanges(
  checkpoints: WorkingTreeCheckpoints,
  top: string,
  history: CheckpointHistory,
  turn: Turn,
  now: { readonly tree: string; readonly at: number; readonly leftOut: LeftOut } | undefined,
): Promise<Result<TurnChanges, GitFailedError>> {
  const to = turn.ended?.commit ?? now?.tree;
  if (!to) return err({ kind: 'git-failed', message: 'the turn has no end and no current state to compare with' });
  const diff = await checkpoints.changes(top, turnFrom(turn), to);
  if (!diff.ok) return diff;
  const window = { from: turn.started?.at ?? 0, to: turn.ended?.at };
  const others: TurnActivity[] = [];
  let settled = true;
  for (const other of history.turns) {
    if (other.agent === turn.agent || other.workTree !== turn.workTree) continue;
    const otherWindow = { from: other.started?.at ?? 0, to: other.ended?.at };
    if (!windowsOverlap(window, otherWindow)) continue;
    if (!other.ended) settled = false;
    let changed: string[] = [];
    // Only an agent without events is judged by what changed in its window.
    if (other.touched.length === 0) {
      const theirs = await checkpoints.changes(top, turnFrom(other), other.ended?.commit ?? to);
      if (!theirs.ok) return theirs;
      changed = theirs.value.map((c) => c.path);
    }
    others.push({ agent: other.agent, ...otherWindow, touched: other.touched, changed });
  }
  const attributed = attributeTurn({ touched: turn.touched, changed: diff.value.map((c) => c.path) }, others);
  const files = diff.value.map((change, i) => ({ ...change, attribution: attributed[i]!.attribution, alsoBy: attributed[i]!.alsoBy }));
  return ok({ files, leftOut: mergeLeftOut([turn.started?.leftOut, turn.ended?.leftOut ?? now?.leftOut]), settled, to });
}

/** Everything any of the given states left out, each entry once. */
export function mergeLeftOut(parts: readonly (LeftOut | undefined)[]): LeftOut {
  const tooLarge = new Map<string, number>();
  const ignored = new Set<string>();
  const nested = new Set<string>();
  let truncated = false;
  for (const part of parts) {
    if (!part) continue;
    for (const t of part.tooLarge) tooLarge.set(t.path, Math.max(t.bytes, tooLarge.get(t.path) ?? 0));
    part.ignored.forEach((p) => ignored.add(p));
    part.nestedRepositories.forEach((p) => nested.add(p));
    truncated ||= part.truncated;
  }
  return {
    tooLarge: [...tooLarge].map(([path, bytes]) => ({ path, bytes })),
    ignored: [...ignored],
    nestedRepositories: [...nested],
    truncated,
  };
}
