import { PHASE_STEP, RATION_COST, RATION_MS, TURN_BUDGET, TYPING_HOT_MS } from '../../contract/flow';
import type { BackPressure } from '../../domain/back-pressure';
import type { Clock } from '../../domain/ports/clock.port';
import type { Disposable } from '../../domain/ports/disposable';
import type { Scheduler } from '../../domain/ports/scheduler.port';

/**
 * How the host's one thread shares itself between sessions' output. Views that fall behind a flood
 * do not hold an agent back (the stream host sets them aside), so many agents flooding keep the host
 * busy reading their output into the mirrors, and the echo of a key typed in a quiet pane would wait
 * behind those reads. Two rules, both by holding PTYs (nothing is dropped: a held PTY makes its agent
 * wait):
 *
 * - A turn of the event loop reads at most `turnBudget` (in parse cost), across sessions; past it a
 *   session is held for 'turn' until the next turn. libuv reads a ready PTY up to 32 times in one
 *   go, and an agent writing as fast as the host reads keeps it ready: without the budget a few
 *   floods hold one turn for hundreds of ms, and a keystroke waits behind it.
 * - Typing comes first, as in the page: for `hotMs` after an input, every other session may produce
 *   `rationCost` per `rationMs`; past that it is held for 'ration' until its next ration, and its
 *   views are told to stop drawing it (`floodsWhileYielding`).
 */
export interface PriorityMember {
  /** The session's back-pressure; the scheduler holds it for 'turn' and 'ration' only. */
  readonly pressure: BackPressure;
  /**
   * It used up a ration while the user types in another session: it floods, and its views should
   * stop drawing its output until the typing stops (the page's time goes to the echo).
   */
  floodsWhileYielding?(): void;
}

export interface OutputSchedulerOptions {
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly turnBudget?: number;
  readonly hotMs?: number;
  readonly rationCost?: number;
  readonly rationMs?: number;
}

interface MemberState {
  used: number;
  /** When its current ration ends (its rations start at its own phase of `rationMs`). */
  rationEnds: number;
  /** Hands out its next ration; one at a time, even when typing into it released it meanwhile. */
  rationTimer: Disposable | undefined;
  /** From 0 to 1, see `phaseOf`. */
  readonly phase: number;
}

export class OutputScheduler {
  private readonly members = new Map<PriorityMember, MemberState>();
  private readonly tuning: { readonly turnBudget: number; readonly hotMs: number; readonly rationCost: number; readonly rationMs: number };
  private hot: PriorityMember | undefined;
  private hotUntil = -Infinity;
  private turnCost = 0;
  private joined = 0;
  private readonly flooding = new Set<PriorityMember>();
  private turnScheduled = false;

  constructor(private readonly options: OutputSchedulerOptions) {
    this.tuning = {
      turnBudget: options.turnBudget ?? TURN_BUDGET,
      hotMs: options.hotMs ?? TYPING_HOT_MS,
      rationCost: options.rationCost ?? RATION_COST,
      rationMs: options.rationMs ?? RATION_MS,
    };
  }

  /** The user typed into `member`'s session. */
  noteInput(member: PriorityMember): void {
    this.hot = member;
    this.hotUntil = this.options.clock.now() + this.tuning.hotMs;
    this.state(member).used = 0;
    // Typed into while held for another session's sake (Ctrl-C on a flood): it goes first now.
    member.pressure.release('ration');
  }

  /**
   * `member` produced output costing `cost`. Returns false when it is held now (its ration is used
   * up while another session is hot, or this turn's budget is): it is released at its next ration
   * or the next turn.
   */
  charge(member: PriorityMember, cost: number): boolean {
    const state = this.state(member);
    const overTurn = this.chargeTurn(member, cost);
    const now = this.options.clock.now();
    if (this.hot === undefined || member === this.hot || now >= this.hotUntil) return !overTurn;
    if (now >= state.rationEnds) {
      state.rationEnds = this.rationEnd(state, now);
      state.used = 0;
    }
    state.used += cost;
    if (state.used <= this.tuning.rationCost) return !overTurn;
    if (!member.pressure.holds('ration')) {
      member.floodsWhileYielding?.();
      if (state.rationTimer === undefined) this.nextRation(member, state, now);
    }
    member.pressure.hold('ration');
    return false;
  }

  /**
   * The end of the ration period `now` falls in, on the member's own phase: held sessions resume
   * one after another across the period, not all at once (resumed together, every held agent wakes
   * in the same moment and a keystroke that comes then waits for all their output).
   */
  private rationEnd(state: MemberState, now: number): number {
    const period = this.tuning.rationMs;
    const offset = state.phase * period;
    return offset + (Math.floor((now - offset) / period) + 1) * period;
  }

  /** A held member gets its next ration when its period ends. */
  private nextRation(member: PriorityMember, state: MemberState, now: number): void {
    state.rationTimer = this.options.scheduler.setTimeout(() => {
      state.rationTimer = undefined;
      state.used = 0;
      // A timer may fire a moment before the clock shows the period's end: never the same period twice.
      state.rationEnds = this.rationEnd(state, Math.max(this.options.clock.now(), state.rationEnds));
      member.pressure.release('ration');
    }, state.rationEnds - now);
  }

  /** Counts `cost` against this turn; past the budget the member waits for the next turn. */
  private chargeTurn(member: PriorityMember, cost: number): boolean {
    this.turnCost += cost;
    if (!this.turnScheduled) {
      this.turnScheduled = true;
      this.options.scheduler.nextTurn(() => {
        this.turnScheduled = false;
        this.turnCost = 0;
        for (const other of this.members.keys()) other.pressure.release('turn');
      });
    }
    if (this.turnCost <= this.tuning.turnBudget) return false;
    member.pressure.hold('turn');
    return true;
  }

  /** Until when another session than `member` is being typed in (undefined when none is). */
  yieldingUntil(member: PriorityMember): number | undefined {
    return this.hot !== undefined && this.hot !== member && this.options.clock.now() < this.hotUntil ? this.hotUntil : undefined;
  }

  /** Whether `member` shows some view screens instead of its output (see the stream host). */
  setFlooding(member: PriorityMember, flooding: boolean): void {
    if (flooding) this.flooding.add(member);
    else this.flooding.delete(member);
  }

  /**
   * Where `member`'s periodic work falls in a period, from 0 to 1: its rations here, its views'
   * screens in the stream host. Spread out however many sessions there are (contract/flow.ts PHASE_STEP).
   */
  phaseOf(member: PriorityMember): number {
    return this.state(member).phase;
  }

  /** How many sessions show some view screens instead of their output. */
  get floodingCount(): number {
    return this.flooding.size;
  }

  /** A session that ended (or whose stream went away) leaves; what the scheduler held it for is released. */
  leave(member: PriorityMember): void {
    const state = this.members.get(member);
    state?.rationTimer?.dispose();
    this.members.delete(member);
    this.flooding.delete(member);
    if (this.hot === member) this.hot = undefined;
    member.pressure.release('ration');
    member.pressure.release('turn');
  }

  private state(member: PriorityMember): MemberState {
    let state = this.members.get(member);
    if (!state) {
      const phase = (this.joined++ * PHASE_STEP) % 1;
      this.members.set(member, (state = { used: 0, rationEnds: -Infinity, rationTimer: undefined, phase }));
    }
    return state;
  }
}
