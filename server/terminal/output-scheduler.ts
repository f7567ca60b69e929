import { PHASE_STEP, RATION_COST, RATION_MS, TURN_BUDGET, TYPING_HOT_MS } from '../../contract/flow';

/**
 * How the host's one thread shares itself between sessions' output (issue 4, figure 3). Views that
 * fall behind a flood no longer hold an agent back (terminal-stream-host.ts), so 16 agents flooding
 * keep the host busy parsing their output into the mirrors, and the echo of a key typed in a quiet
 * pane would wait behind their reads. Two rules, both by pausing PTYs (nothing is dropped: a paused
 * PTY makes its agent wait):
 *
 * - A turn of the event loop parses at most `turnBudget` (in parse cost). libuv reads a ready PTY up
 *   to 32 times in one go, and an agent writing as fast as the host reads keeps it ready: 16 of them
 *   held one turn for hundreds of ms, and a WebSocket message (a keystroke) waited behind it. Past
 *   the budget the session is paused until the next turn (setImmediate, after the I/O poll).
 * - Typing comes first, as in the page (renderer/src/ui/feed-scheduler.ts): for `hotMs` after an
 *   input, every other session may produce `rationBytes` per `rationMs`; past that its PTY is paused
 *   until the next ration, and its views are told to stop drawing it (`floodsWhileYielding`). The
 *   floods slow down while someone types and go on a second later.
 */
export interface PriorityMember {
  /** Stop reading this session's output until `resume` (its ration is used up). */
  holdBack(): void;
  /** A new ration, or nobody is typing any more. */
  resume(): void;
  /**
   * It used up a ration while the user types in another session: it floods, and its views should
   * stop drawing its output until the typing stops (the page's time goes to the echo).
   */
  floodsWhileYielding?(): void;
}

export interface OutputSchedulerOptions {
  readonly turnBudget: number;
  readonly hotMs: number;
  readonly rationBytes: number;
  readonly rationMs: number;
  readonly now: () => number;
  readonly setTimer: (fn: () => void, ms: number) => { unref?(): void } | number | undefined;
  /** Runs `fn` after the pending I/O (setImmediate). */
  readonly nextTurn: (fn: () => void) => void;
}

export const SCHEDULER_DEFAULTS: OutputSchedulerOptions = {
  turnBudget: TURN_BUDGET,
  hotMs: TYPING_HOT_MS,
  rationBytes: RATION_COST,
  rationMs: RATION_MS,
  now: () => Date.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  nextTurn: (fn) => setImmediate(fn),
};

interface MemberState {
  used: number;
  /** Paused because its ration is used up / because this turn's budget is. */
  rationed: boolean;
  turnOver: boolean;
  /** When its current ration ends (its rations start at its own phase of `rationMs`). */
  rationEnds: number;
  /** A timer hands out its next ration (one at a time, even when typing into it released it meanwhile). */
  rationTimer: boolean;
  /** From 0 to 1, see `phaseOf`. */
  readonly phase: number;
}

export class OutputScheduler {
  private readonly members = new Map<PriorityMember, MemberState>();
  private hot: PriorityMember | undefined;
  private hotUntil = -Infinity;
  private turnCost = 0;
  private joined = 0;
  private readonly flooding = new Set<PriorityMember>();
  private turnScheduled = false;

  constructor(private readonly options: OutputSchedulerOptions = SCHEDULER_DEFAULTS) {}

  /** The user typed into `member`'s session. */
  noteInput(member: PriorityMember): void {
    this.hot = member;
    this.hotUntil = this.options.now() + this.options.hotMs;
    const state = this.state(member);
    state.used = 0;
    // Typed into while held for another session's sake (Ctrl-C on a flood): it goes first now.
    this.release(member, state, 'rationed');
  }

  /**
   * `member` produced output costing `cost`. Returns false when it has used its ration while another
   * session is hot: `holdBack` has then been called, and `resume` follows at the next ration.
   */
  charge(member: PriorityMember, cost: number): boolean {
    const state = this.state(member);
    const overTurn = this.chargeTurn(member, state, cost);
    const now = this.options.now();
    if (this.hot === undefined || member === this.hot || now >= this.hotUntil) return !overTurn;
    if (now >= state.rationEnds) {
      state.rationEnds = this.rationEnd(state, now);
      state.used = 0;
    }
    state.used += cost;
    if (state.used <= this.options.rationBytes) return !overTurn;
    if (!state.rationed) {
      member.floodsWhileYielding?.();
      if (!state.rationTimer) this.nextRation(member, state, now);
    }
    this.hold(member, state, 'rationed');
    return false;
  }

  /**
   * The end of the ration period `now` falls in, on the member's own phase: the held sessions then
   * resume one after another across the period, not all at once. Resumed together, 16 floods woke
   * 16 agents and 256 KB of parsing in one go every ration, and the keystroke that came then waited.
   */
  private rationEnd(state: MemberState, now: number): number {
    const period = this.options.rationMs;
    const offset = state.phase * period;
    return offset + (Math.floor((now - offset) / period) + 1) * period;
  }

  /** A held member gets its next ration when its period ends. */
  private nextRation(member: PriorityMember, state: MemberState, now: number): void {
    state.rationTimer = true;
    const timer = this.options.setTimer(() => {
      state.rationTimer = false;
      if (this.members.get(member) !== state) return;
      state.used = 0;
      // A timer may fire a moment before the wall clock shows the period's end: never the same period twice.
      state.rationEnds = this.rationEnd(state, Math.max(this.options.now(), state.rationEnds));
      this.release(member, state, 'rationed');
    }, Math.max(0, state.rationEnds - now));
    if (typeof timer === 'object') timer?.unref?.();
  }

  /** Counts `cost` against this turn; past the budget the member waits for the next turn. */
  private chargeTurn(member: PriorityMember, state: MemberState, cost: number): boolean {
    this.turnCost += cost;
    if (!this.turnScheduled) {
      this.turnScheduled = true;
      this.options.nextTurn(() => {
        this.turnScheduled = false;
        this.turnCost = 0;
        for (const [other, otherState] of this.members) this.release(other, otherState, 'turnOver');
      });
    }
    if (this.turnCost <= this.options.turnBudget) return false;
    this.hold(member, state, 'turnOver');
    return true;
  }

  private hold(member: PriorityMember, state: MemberState, reason: 'rationed' | 'turnOver'): void {
    const wasHeld = state.rationed || state.turnOver;
    state[reason] = true;
    if (!wasHeld) member.holdBack();
  }

  private release(member: PriorityMember, state: MemberState, reason: 'rationed' | 'turnOver'): void {
    if (!state[reason]) return;
    state[reason] = false;
    if (!state.rationed && !state.turnOver) member.resume();
  }

  /** Until when another session than `member` is being typed in (undefined when none is). */
  yieldingUntil(member: PriorityMember): number | undefined {
    return this.hot !== undefined && this.hot !== member && this.options.now() < this.hotUntil ? this.hotUntil : undefined;
  }

  /** Whether `member` shows some view screens instead of its output (see terminal-stream-host.ts). */
  setFlooding(member: PriorityMember, flooding: boolean): void {
    if (flooding) this.flooding.add(member);
    else this.flooding.delete(member);
  }

  /**
   * Where `member`'s periodic work falls in a period, from 0 to 1: its rations here, its views'
   * screens in the stream host. Spread out however many sessions there are (golden-ratio steps).
   */
  phaseOf(member: PriorityMember): number {
    return this.state(member).phase;
  }

  /** How many sessions show some view screens instead of their output. */
  get floodingCount(): number {
    return this.flooding.size;
  }

  /** A session that ended (or whose stream went away) leaves; it is resumed if held. */
  leave(member: PriorityMember): void {
    const state = this.members.get(member);
    this.members.delete(member);
    this.flooding.delete(member);
    if (this.hot === member) this.hot = undefined;
    if (state?.rationed || state?.turnOver) member.resume();
  }

  private state(member: PriorityMember): MemberState {
    let state = this.members.get(member);
    if (!state) {
      const phase = (this.joined++ * PHASE_STEP) % 1;
      this.members.set(member, (state = { used: 0, rationed: false, turnOver: false, rationEnds: -Infinity, rationTimer: false, phase }));
    }
    return state;
  }
}
