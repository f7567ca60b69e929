import type { Checkpoint, LeftOut } from './ports/checkpoints.port';

/**
 * Tessera's private refs in the agent's repository, one folder per agent:
 *
 *   refs/tessera/<agent>/turns/<n>/started          the working tree when turn n started
 *   refs/tessera/<agent>/turns/<n>/ended            ... when it ended
 *   refs/tessera/<agent>/turns/<n>/before-undo-<k>  ... just before turn n was undone (the k-th time)
 *   refs/tessera/<agent>/discarded/<k>              a worktree agent's whole work before the k-th discard
 *   refs/tessera/<agent>/base                       where a worktree agent's branch started, and from which branch
 *
 * Refs outside refs/heads are no branches (`git branch -a` never lists them) yet keep their
 * commits from garbage collection. Each ref's commit has the working tree as its tree, the HEAD of
 * then as its parent, and a note (CheckpointNote) in its message.
 */
export const TESSERA_REFS = 'refs/tessera/';

/** Tuning, one sentence each. */
export const CHECKPOINT_LIMITS = {
  /** A file larger than this is not copied into a checkpoint (a build artefact or a data dump, not a turn's edit). */
  maxFileBytes: 10 * 1024 * 1024,
  /** Turns kept per agent before older ones are pruned (only where that loses no uncommitted work). */
  keepTurns: 50,
  /** A turn's prompt is kept up to this length: enough to name the change in a commit message. */
  maxPromptChars: 4000,
  /** At most this many paths named by an agent's events are kept per turn. */
  maxTouchedPaths: 5000,
} as const;

export type CheckpointKind = 'started' | 'ended' | 'before-undo' | 'discarded' | 'base';

export function agentRefs(agent: string): string {
  return `${TESSERA_REFS}${agent}/`;
}

export function turnRef(agent: string, turn: number, boundary: 'started' | 'ended'): string {
  return `${agentRefs(agent)}turns/${turn}/${boundary}`;
}

export function beforeUndoRef(agent: string, turn: number, attempt: number): string {
  return `${agentRefs(agent)}turns/${turn}/before-undo-${attempt}`;
}

export function discardedRef(agent: string, n: number): string {
  return `${agentRefs(agent)}discarded/${n}`;
}

export function baseRef(agent: string): string {
  return `${agentRefs(agent)}base`;
}

export interface CheckpointRefName {
  readonly agent: string;
  readonly kind: CheckpointKind;
  /** The turn (started, ended, before-undo). */
  readonly turn?: number;
  /** The attempt (before-undo) or the discard number. */
  readonly n?: number;
}

const REF_PATTERN = /^refs\/tessera\/([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\/(?:turns\/(\d+)\/(started|ended|before-undo-(\d+))|discarded\/(\d+)|(base))$/;

export function parseCheckpointRef(ref: string): CheckpointRefName | undefined {
  const m = REF_PATTERN.exec(ref);
  if (!m) return undefined;
  const agent = m[1]!;
  if (m[6]) return { agent, kind: 'base' };
  if (m[5]) return { agent, kind: 'discarded', n: Number(m[5]) };
  const turn = Number(m[2]);
  if (m[3] === 'started' || m[3] === 'ended') return { agent, kind: m[3], turn };
  return { agent, kind: 'before-undo', turn, n: Number(m[4]) };
}

/** What Tessera stores with a checkpoint. */
export interface CheckpointNote {
  readonly agent: string;
  readonly kind: CheckpointKind;
  /** Milliseconds since the epoch, from Tessera's clock. */
  readonly at: number;
  /** The top of the checkout recorded: agents that share one have comparable turns. */
  readonly workTree: string;
  /** On `started`: what the agent was asked, when the host knows it. */
  readonly prompt?: string;
  /** On `ended`: the files the agent's own events named during the turn (top-relative); absent or empty: no events. */
  readonly touched?: readonly string[];
  /** On `base`: the branch the worktree was made from. */
  readonly baseBranch?: string;
}

export function encodeNote(note: CheckpointNote): string {
  return JSON.stringify(note);
}

const KINDS: readonly string[] = ['started', 'ended', 'before-undo', 'discarded', 'base'];

/** A note Tessera wrote, or undefined for anything else. */
export function decodeNote(text: string): CheckpointNote | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.agent !== 'string' || typeof v.kind !== 'string' || !KINDS.includes(v.kind) || typeof v.at !== 'number' || typeof v.workTree !== 'string') return undefined;
  const touched = Array.isArray(v.touched) ? v.touched.filter((p): p is string => typeof p === 'string') : undefined;
  return {
    agent: v.agent,
    kind: v.kind as CheckpointKind,
    at: v.at,
    workTree: v.workTree,
    ...(typeof v.prompt === 'string' ? { prompt: v.prompt } : {}),
    ...(touched ? { touched } : {}),
    ...(typeof v.baseBranch === 'string' ? { baseBranch: v.baseBranch } : {}),
  };
}

/** One recorded moment of a turn. */
export interface TurnPoint {
  readonly ref: string;
  readonly commit: string;
  readonly tree: string;
  /** HEAD at that moment. */
  readonly head: string | undefined;
  readonly at: number;
  readonly leftOut: LeftOut;
}

/** An agent's turn as its checkpoints tell it. */
export interface Turn {
  readonly agent: string;
  readonly number: number;
  readonly workTree: string;
  readonly started: TurnPoint | undefined;
  readonly ended: TurnPoint | undefined;
  readonly prompt: string | undefined;
  /** The files the agent's events named; empty when it had no events. */
  readonly touched: readonly string[];
  /** The working tree before each undo of this turn, oldest first. */
  readonly beforeUndo: readonly TurnPoint[];
}

/** Checkpoints that are not turns: a worktree agent's base and discards. */
export interface OtherCheckpoint {
  readonly agent: string;
  readonly kind: 'base' | 'discarded';
  readonly n: number | undefined;
  readonly point: TurnPoint;
  readonly note: CheckpointNote;
}

export interface CheckpointHistory {
  /** Per agent, by turn number. */
  readonly turns: readonly Turn[];
  readonly others: readonly OtherCheckpoint[];
}

/** Tessera's checkpoints, read back from the refs (the ones it did not write are skipped). */
export function readHistory(checkpoints: readonly Checkpoint[]): CheckpointHistory {
  const turns = new Map<string, { agent: string; number: number; workTree: string; started?: TurnPoint; ended?: TurnPoint; prompt?: string; touched: readonly string[]; beforeUndo: { n: number; point: TurnPoint }[] }>();
  const others: OtherCheckpoint[] = [];
  for (const checkpoint of checkpoints) {
    const name = parseCheckpointRef(checkpoint.ref);
    const note = decodeNote(checkpoint.note);
    if (!name || !note || note.agent !== name.agent) continue;
    const point: TurnPoint = { ref: checkpoint.ref, commit: checkpoint.commit, tree: checkpoint.tree, head: checkpoint.head, at: note.at, leftOut: checkpoint.leftOut };
    if (name.kind === 'base' || name.kind === 'discarded') {
      others.push({ agent: name.agent, kind: name.kind, n: name.n, point, note });
      continue;
    }
    const key = `${name.agent}\0${name.turn}`;
    const turn = turns.get(key) ?? { agent: name.agent, number: name.turn!, workTree: note.workTree, touched: [], beforeUndo: [] };
    turns.set(key, turn);
    if (name.kind === 'started') {
      turn.started = point;
      if (note.prompt !== undefined) turn.prompt = note.prompt;
    } else if (name.kind === 'ended') {
      turn.ended = point;
      turn.touched = note.touched ?? [];
    } else turn.beforeUndo.push({ n: name.n!, point });
  }
  const list: Turn[] = [...turns.values()].map((t) => ({
    agent: t.agent,
    number: t.number,
    workTree: t.workTree,
    started: t.started,
    ended: t.ended,
    prompt: t.prompt,
    touched: t.touched,
    beforeUndo: t.beforeUndo.sort((a, b) => a.n - b.n).map((b) => b.point),
  }));
  list.sort((a, b) => (a.agent === b.agent ? a.number - b.number : a.agent < b.agent ? -1 : 1));
  return { turns: list, others };
}

/** The open turn is the newest one, started and not ended. */
export function openTurn(turns: readonly Turn[], agent: string): Turn | undefined {
  const last = turns.filter((t) => t.agent === agent).pop();
  return last && last.started && !last.ended ? last : undefined;
}

export function nextTurnNumber(turns: readonly Turn[], agent: string): number {
  return turns.filter((t) => t.agent === agent).reduce((max, t) => Math.max(max, t.number), 0) + 1;
}

/**
 * Where a turn's changes are measured from: its start; a turn whose start was never recorded
 * (its `ended` came without a `started`) is measured from the commit checked out at its end.
 * undefined: the empty tree (no commit yet).
 */
export function turnFrom(turn: Turn): string | undefined {
  return turn.started?.commit ?? turn.ended?.head;
}

/**
 * The files an agent's events named, as top-relative paths: absolute paths under `workTree` are
 * made relative, relative ones are taken as relative to it already; anything outside it (or that
 * climbs out with `..`) is dropped. Backslashes count as separators. Capped, deduplicated, sorted.
 */
export function normalizeTouched(paths: readonly string[], workTree: string): string[] {
  const top = workTree.replace(/\\/g, '/').replace(/\/+$/, '');
  const out = new Set<string>();
  for (const raw of paths) {
    let path = raw.replace(/\\/g, '/');
    const absolute = path.startsWith('/') || /^[A-Za-z]:\//.test(path);
    if (absolute) {
      if (!path.startsWith(`${top}/`)) continue;
      path = path.slice(top.length + 1);
    }
    const segments: string[] = [];
    let escapes = false;
    for (const segment of path.split('/')) {
      if (segment === '' || segment === '.') continue;
      if (segment === '..') {
        escapes = true;
        break;
      }
      segments.push(segment);
    }
    if (escapes || segments.length === 0) continue;
    out.add(segments.join('/'));
    if (out.size >= CHECKPOINT_LIMITS.maxTouchedPaths) break;
  }
  return [...out].sort();
}

/** A prompt as kept in a note: trimmed and capped. */
export function keptPrompt(prompt: string | undefined): string | undefined {
  const trimmed = prompt?.trim();
  if (!trimmed) return undefined;
  return trimmed.length > CHECKPOINT_LIMITS.maxPromptChars ? `${trimmed.slice(0, CHECKPOINT_LIMITS.maxPromptChars)}…` : trimmed;
}
