import {
  CHECKPOINT_LIMITS,
  encodeNote,
  keptPrompt,
  nextTurnNumber,
  normalizeTouched,
  openTurn,
  turnRef,
  type CheckpointNote,
} from '../domain/checkpoint';
import type { Clock } from '../domain/ports/clock.port';
import type { GitFailedError, RefExistsError, WorkingTreeCheckpoints, WorkingTreeSnapshot } from '../domain/ports/checkpoints.port';
import { ok, type Result } from '../domain/result';
import { locateAgentWorkTree, type AgentWorkTreeDeps, type AgentWorkTreeError } from './agent-work-tree';
import type { PruneCheckpoints } from './prune-checkpoints';
import { loadHistory } from './turn-history';

export interface RecordTurnBoundaryInput {
  readonly slug: string;
  readonly boundary: 'started' | 'ended';
  /** With `started`: what the agent was asked, when the host knows it (a hook's prompt). */
  readonly prompt?: string;
  /**
   * With `ended`: the files the agent's own tool events named during the turn (absolute, or
   * relative to the top of its checkout). Empty or absent means the agent reported no events: its
   * turn's changes are then never counted as its own alone.
   */
  readonly touched?: readonly string[];
}

export interface RecordedBoundary {
  readonly turn: number;
  readonly boundary: 'started' | 'ended';
  /** The turn that was still open when a new one started, closed at the same moment. */
  readonly closedTurn?: number;
  /** Turns pruned after this one ended. */
  readonly pruned: readonly number[];
  /** Pruning failed (the turn is recorded all the same; pruning is tried again after the next one). */
  readonly pruneError?: { readonly kind: string };
}

export type RecordTurnBoundaryError = AgentWorkTreeError | GitFailedError | RefExistsError;

export interface RecordTurnBoundaryDeps extends AgentWorkTreeDeps {
  readonly checkpoints: WorkingTreeCheckpoints;
  readonly clock: Clock;
  /** Run after each `ended`; without it nothing is pruned. */
  readonly prune?: Pick<PruneCheckpoints, 'execute'>;
}

/**
 * The host calls this at each turn boundary of an agent (from its hooks, or its status going
 * busy -> idle where the CLI has none): the agent's working tree is recorded as a checkpoint
 * (domain/checkpoint.ts for the refs). A `started` while a turn is open first closes that turn
 * with the same state (its `ended` was missed); an `ended` with no open turn records a turn whose
 * start is unknown (it is then measured from the commit checked out). Calls for one agent are
 * taken one at a time, in the order they come.
 */
export class RecordTurnBoundary {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: RecordTurnBoundaryDeps) {}

  execute(input: RecordTurnBoundaryInput): Promise<Result<RecordedBoundary, RecordTurnBoundaryError>> {
    const previous = this.queues.get(input.slug) ?? Promise.resolve();
    const next = previous.then(() => this.record(input));
    const tail = next.catch(() => undefined);
    this.queues.set(input.slug, tail);
    void tail.then(() => {
      if (this.queues.get(input.slug) === tail) this.queues.delete(input.slug);
    });
    return next;
  }

  private async record(input: RecordTurnBoundaryInput): Promise<Result<RecordedBoundary, RecordTurnBoundaryError>> {
    const { deps } = this;
    const located = await locateAgentWorkTree(deps, input.slug);
    if (!located.ok) return located;
    const { top, agent } = located.value;
    const history = await loadHistory(deps.checkpoints, top);
    if (!history.ok) return history;
    const snapshot = await deps.checkpoints.snapshot(top, { maxFileBytes: CHECKPOINT_LIMITS.maxFileBytes });
    if (!snapshot.ok) return snapshot;
    const at = deps.clock.now();
    const open = openTurn(history.value.turns, agent.slug);
    const note = (extra: Partial<CheckpointNote> & Pick<CheckpointNote, 'kind'>): string => encodeNote({ agent: agent.slug, at, workTree: top, ...extra });
    const save = (turn: number, boundary: 'started' | 'ended', text: string) => this.save(top, turnRef(agent.slug, turn, boundary), snapshot.value, text);

    if (input.boundary === 'started') {
      let closedTurn: number | undefined;
      if (open) {
        const closed = await save(open.number, 'ended', note({ kind: 'ended' }));
        if (!closed.ok) return closed;
        closedTurn = open.number;
      }
      const turn = nextTurnNumber(history.value.turns, agent.slug);
      const prompt = keptPrompt(input.prompt);
      const saved = await save(turn, 'started', note({ kind: 'started', ...(prompt !== undefined ? { prompt } : {}) }));
      if (!saved.ok) return saved;
      return ok({ turn, boundary: 'started', ...(closedTurn !== undefined ? { closedTurn } : {}), pruned: [] });
    }

    const turn = open?.number ?? nextTurnNumber(history.value.turns, agent.slug);
    const touched = normalizeTouched(input.touched ?? [], top);
    const saved = await save(turn, 'ended', note({ kind: 'ended', touched }));
    if (!saved.ok) return saved;
    const pruned = deps.prune ? await deps.prune.execute({ slug: agent.slug }) : undefined;
    if (pruned && !pruned.ok) return ok({ turn, boundary: 'ended', pruned: [], pruneError: pruned.error });
    return ok({ turn, boundary: 'ended', pruned: pruned?.value.pruned ?? [] });
  }

  private async save(top: string, ref: string, snapshot: WorkingTreeSnapshot, note: string): Promise<Result<void, GitFailedError | RefExistsError>> {
    const recorded = await this.deps.checkpoints.record(top, { ref, snapshot, note });
    return recorded.ok ? ok(undefined) : recorded;
  }
}
