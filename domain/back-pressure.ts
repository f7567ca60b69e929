/**
 * Why a session's PTY is not being read. Each holder holds and releases its own reason and never
 * another's, so no holder can resume a PTY another one paused.
 */
export type HoldReason =
  /** The mirror has more unparsed output than its backlog bound (the session registry). */
  | 'mirror'
  /** A live view has more unacked output than its window (the stream host). */
  | 'views'
  /** This turn of the host's event loop has parsed its budget (the output scheduler). */
  | 'turn'
  /** The user types in another session and this one has used its ration (the output scheduler). */
  | 'ration';

/**
 * One session's back-pressure: the set of reasons its PTY is held. `onChange` hears `true` when the
 * first reason is taken and `false` when the last is released, and nothing in between, so the PTY
 * is paused and resumed exactly once per hold however many holders overlap.
 */
export class BackPressure {
  private readonly held = new Set<HoldReason>();

  constructor(private readonly onChange: (held: boolean) => void) {}

  hold(reason: HoldReason): void {
    if (this.held.has(reason)) return;
    this.held.add(reason);
    if (this.held.size === 1) this.onChange(true);
  }

  release(reason: HoldReason): void {
    if (!this.held.delete(reason)) return;
    if (this.held.size === 0) this.onChange(false);
  }

  holds(reason: HoldReason): boolean {
    return this.held.has(reason);
  }

  /** The reasons held now, in the order they were taken. */
  reasons(): readonly HoldReason[] {
    return [...this.held];
  }

  get isHeld(): boolean {
    return this.held.size > 0;
  }
}
