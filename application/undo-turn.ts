import type { Attribution } from '../domain/attribution';
import { beforeUndoRef, CHECKPOINT_LIMITS, encodeNote, type CheckpointHistory, type Turn } from '../domain/checkpoint';
import type { FileChange, GitFailedError, Patch, PlannedFile, RefExistsError, WorkingTreeSnapshot } from '../domain/ports/checkpoints.port';
import type { NotAGitRepositoryError } from '../domain/ports/git.port';
import { err, ok, type Result } from '../domain/result';
import { locateAgentWorkTree, type AgentWorkTreeError } from './agent-work-tree';
import { PATCH_BYTES, type ReviewTurnsDeps } from './review-turns';
import { findTurn, loadHistory, turnChanges, type TurnNotFoundError } from './turn-history';

export interface UndoTurnInput {
  readonly slug: string;
  readonly turn: number;
  /** The user accepts losing later edits to the same lines, and taking back files others changed too. */
  readonly confirm?: boolean;
}

/** A file the undo takes back only once the user confirms: someone else changed it too, or it was edited again in the same lines. */
export interface UndoRefusal {
  readonly path: string;
  readonly reason: 'mixed' | 'later-edit';
}

/** A file of the turn the undo never touches. */
export interface UndoSkip {
  readonly path: string;
  /** Someone else's change (not named by the agent's events), or a file too large to have been recorded. */
  readonly reason: 'not-this-agent' | 'not-recorded';
}

export interface UndoPlanFile extends PlannedFile {
  readonly attribution: Attribution;
}

export interface UndoPreview {
  readonly turn: number;
  /** The working tree the plan was made on: give it back to UndoTurn so it refuses if those files changed since. */
  readonly basis: string;
  readonly files: readonly UndoPlanFile[];
  readonly needsConfirmation: readonly UndoRefusal[];
  readonly skipped: readonly UndoSkip[];
  /** What applying changes in the working tree, file by file and as a patch. */
  readonly changes: readonly FileChange[];
  readonly patch: Patch;
}

export type UndoTurnError =
  | AgentWorkTreeError
  | NotAGitRepositoryError
  | GitFailedError
  | RefExistsError
  | TurnNotFoundError
  | { readonly kind: 'turn-running'; readonly slug: string; readonly turn: number }
  | { readonly kind: 'turn-start-not-recorded'; readonly slug: string; readonly turn: number }
  | { readonly kind: 'undo-needs-confirmation'; readonly slug: string; readonly turn: number; readonly files: readonly UndoRefusal[] }
  | { readonly kind: 'undo-changed-since-preview'; readonly slug: string; readonly turn: number; readonly paths: readonly string[] };

export interface UndoResult {
  readonly turn: number;
  readonly written: readonly string[];
  readonly removed: readonly string[];
  /** The checkpoint of the working tree just before the undo: undoing the undo starts from there. */
  readonly beforeUndo: string | undefined;
}

/** A plan as UndoTurn applies it: the preview's files, with where and from what it was made. */
interface Planned extends Pick<UndoPreview, 'files' | 'needsConfirmation' | 'skipped'> {
  readonly top: string;
  readonly turn: Turn;
  readonly snapshot: WorkingTreeSnapshot;
  readonly tree: string;
  /** Every file the undo may write once confirmed. */
  readonly candidates: readonly string[];
}

/**
 * What undoing one ended turn would do, file by file, without doing it. The turn's files are
 * taken back to the turn's start with git's three-way merge against the working tree as it is now
 * (ours: now, base: the turn's end, theirs: its start): a file edited again since in other lines
 * keeps that later edit; one edited again in the same lines, or that other agents may have changed
 * too (`mixed`), needs the user's confirmation; a file the agent's events do not name is never
 * touched, nor one too large to have been recorded. A later turn's edit to another file is left alone.
 */
export class PreviewUndoTurn {
  constructor(private readonly deps: ReviewTurnsDeps) {}

  async execute(input: UndoTurnInput): Promise<Result<UndoPreview, UndoTurnError>> {
    const planned = await planUndo(this.deps, input);
    if (!planned.ok) return planned;
    const { top, snapshot, tree, turn, files, needsConfirmation, skipped } = planned.value;
    const changes = await this.deps.checkpoints.changes(top, snapshot.tree, tree);
    if (!changes.ok) return changes;
    const patch = await this.deps.checkpoints.patch(top, snapshot.tree, tree, { maxBytes: PATCH_BYTES });
    if (!patch.ok) return patch;
    return ok({ turn: turn.number, basis: snapshot.tree, files, needsConfirmation, skipped, changes: changes.value, patch: patch.value });
  }
}

/**
 * Undoes one ended turn as PreviewUndoTurn shows it. Refuses, writing nothing, when a file needs
 * confirmation and `confirm` is not set, or when a file it would write changed since the preview
 * whose `basis` is given. Before writing, the working tree is recorded (`before-undo`), so no
 * line the undo replaces is lost. Writes working files only: never the index, HEAD or a branch.
 */
export class UndoTurn {
  constructor(private readonly deps: ReviewTurnsDeps) {}

  async execute(input: UndoTurnInput & { readonly basis?: string }): Promise<Result<UndoResult, UndoTurnError>> {
    const planned = await planUndo(this.deps, input);
    if (!planned.ok) return planned;
    const { top, snapshot, tree, turn, files, needsConfirmation, candidates } = planned.value;
    const slug = turn.agent;
    if (input.basis !== undefined && input.basis !== snapshot.tree) {
      const since = await this.deps.checkpoints.changes(top, input.basis, snapshot.tree);
      if (!since.ok) return since;
      const concerned = new Set(candidates);
      const paths = since.value.map((c) => c.path).filter((path) => concerned.has(path));
      if (paths.length > 0) return err({ kind: 'undo-changed-since-preview', slug, turn: turn.number, paths });
    }
    if (needsConfirmation.length > 0 && !input.confirm) return err({ kind: 'undo-needs-confirmation', slug, turn: turn.number, files: needsConfirmation });
    const write = files.filter((f) => f.effect === 'write').map((f) => f.path);
    const remove = files.filter((f) => f.effect === 'remove').map((f) => f.path);
    if (write.length === 0 && remove.length === 0) return ok({ turn: turn.number, written: [], removed: [], beforeUndo: undefined });
    const ref = beforeUndoRef(slug, turn.number, turn.beforeUndo.length + 1);
    const note = encodeNote({ agent: slug, kind: 'before-undo', at: this.deps.clock.now(), workTree: turn.workTree });
    const kept = await this.deps.checkpoints.record(top, { ref, snapshot, note });
    if (!kept.ok) return kept;
    const written = await this.deps.checkpoints.writeFiles(top, { tree, write, remove });
    if (!written.ok) return written;
    return ok({ turn: turn.number, written: write, removed: remove, beforeUndo: ref });
  }
}

async function planUndo(deps: ReviewTurnsDeps, input: UndoTurnInput): Promise<Result<Planned, UndoTurnError>> {
  const located = await locateAgentWorkTree(deps, input.slug);
  if (!located.ok) return located;
  const { top, agent } = located.value;
  const history: Result<CheckpointHistory, UndoTurnError> = await loadHistory(deps.checkpoints, top);
  if (!history.ok) return history;
  const found = findTurn(history.value, agent.slug, input.turn);
  if (!found.ok) return found;
  const turn = found.value;
  if (!turn.ended) return err({ kind: 'turn-running', slug: agent.slug, turn: turn.number });
  if (!turn.started) return err({ kind: 'turn-start-not-recorded', slug: agent.slug, turn: turn.number });
  const changes = await turnChanges(deps.checkpoints, top, history.value, turn, undefined);
  if (!changes.ok) return changes;
  const snapshot = await deps.checkpoints.snapshot(top, { maxFileBytes: CHECKPOINT_LIMITS.maxFileBytes });
  if (!snapshot.ok) return snapshot;

  const notRecorded = new Set(changes.value.leftOut.tooLarge.map((t) => t.path));
  const skipped: UndoSkip[] = [];
  const mixed: string[] = [];
  const own: string[] = [];
  const attribution = new Map<string, Attribution>();
  for (const file of changes.value.files) {
    attribution.set(file.path, file.attribution);
    if (notRecorded.has(file.path)) skipped.push({ path: file.path, reason: 'not-recorded' });
    else if (file.attribution === 'others') skipped.push({ path: file.path, reason: 'not-this-agent' });
    else if (file.attribution === 'mixed') mixed.push(file.path);
    else own.push(file.path);
  }
  const confirm = input.confirm === true;
  const plan = await deps.checkpoints.planRestore(top, {
    current: snapshot.value.tree,
    undo: turn.ended.commit,
    to: turn.started.commit,
    paths: confirm ? [...own, ...mixed] : own,
    onConflict: confirm ? 'take-restored' : 'refuse',
  });
  if (!plan.ok) return plan;
  const needsConfirmation: UndoRefusal[] = [
    ...mixed.map((path) => ({ path, reason: 'mixed' as const })),
    ...plan.value.files.filter((f) => f.outcome === 'conflict' && !mixed.includes(f.path)).map((f) => ({ path: f.path, reason: 'later-edit' as const })),
  ];
  return ok({
    top,
    turn,
    snapshot: snapshot.value,
    tree: plan.value.tree,
    files: plan.value.files.map((f) => ({ ...f, attribution: attribution.get(f.path) ?? 'agent' })),
    needsConfirmation,
    skipped,
    candidates: [...own, ...mixed],
  });
}
