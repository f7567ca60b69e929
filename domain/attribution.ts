/**
 * Whose change a file is, when several agents and the user share one working tree. A turn's diff
 * (its start to its end) holds everything that changed in the tree during the turn, by anyone;
 * only the agent's own tool events (the files its Edit and Write named, and what its shell commands
 * changed between its events) say which of it the agent did. So:
 *
 * - `agent`: the agent's events name the file, and no other agent whose turn overlapped in time
 *   may have changed it;
 * - `mixed`: the agent's events name it and another agent's overlapping turn may have changed it
 *   too; or the agent reported no events at all, so any file that changed in its window may be
 *   its or anyone's;
 * - `others`: the agent's events do not name it: someone else (another agent, or the user) changed it.
 *
 * Another agent "may have changed" a file when its events name it, or, if it reported no events,
 * when the file changed during its turn. An edit by the user to a file the agent also named cannot
 * be seen (the user sends no events): that file reads `agent`.
 */
export type Attribution = 'agent' | 'mixed' | 'others';

export interface TurnWindow {
  /** Milliseconds; the start of the turn (0 when it was not recorded). */
  readonly from: number;
  /** The end; undefined while the turn is still running. */
  readonly to: number | undefined;
}

/** Another agent's turn in the same working tree. */
export interface TurnActivity extends TurnWindow {
  readonly agent: string;
  /** Files its events named; empty: no events. */
  readonly touched: readonly string[];
  /** Files that changed in the tree during its turn (or, while it runs, since it started). */
  readonly changed: readonly string[];
}

export interface AttributedFile {
  readonly path: string;
  readonly attribution: Attribution;
  /** Other agents whose overlapping turns may have changed the file, sorted. */
  readonly alsoBy: readonly string[];
}

/** Two windows overlap when each starts before the other ends; a running turn has not ended. */
export function windowsOverlap(a: TurnWindow, b: TurnWindow): boolean {
  const aEnd = a.to ?? Number.POSITIVE_INFINITY;
  const bEnd = b.to ?? Number.POSITIVE_INFINITY;
  return a.from < bEnd && b.from < aEnd;
}

export function mayHaveChanged(activity: Pick<TurnActivity, 'touched' | 'changed'>, path: string): boolean {
  return activity.touched.length > 0 ? activity.touched.includes(path) : activity.changed.includes(path);
}

/** Attributes each changed file of a turn; `others` must already be the overlapping turns of other agents. */
export function attributeTurn(turn: { readonly touched: readonly string[]; readonly changed: readonly string[] }, others: readonly TurnActivity[]): AttributedFile[] {
  const named = new Set(turn.touched);
  return turn.changed.map((path) => {
    const alsoBy = [...new Set(others.filter((o) => mayHaveChanged(o, path)).map((o) => o.agent))].sort();
    let attribution: Attribution;
    if (named.size === 0) attribution = 'mixed';
    else if (!named.has(path)) attribution = 'others';
    else attribution = alsoBy.length > 0 ? 'mixed' : 'agent';
    return { path, attribution, alsoBy };
  });
}
