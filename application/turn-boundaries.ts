import type { TurnBoundaryEvent } from '../domain/events';
import type { Disposable } from '../domain/ports/disposable';
import type { EventBus } from '../domain/ports/event-bus.port';
import type { SessionStatus } from '../domain/session';
import type { RecordTurnBoundaryInput, RecordedBoundary } from './record-turn-boundary';
import type { Result } from '../domain/result';

/**
 * Turn boundaries read from each session's status, for every CLI whether or not it has hook
 * events: `idle -> busy` starts a turn, `busy -> idle` ends the turn it started, and a session that
 * ends mid-turn ends it too. A CLI's start-up (`starting -> busy -> idle`) is no turn: nobody asked
 * it anything. `needs-input` is inside a turn (a permission question), so it neither starts nor ends one.
 * The boundaries go out as `turns.boundary` events on the project's bus, where a CLI's own hook
 * events can publish them just as well.
 */
export class StatusTurnBoundaries {
  /** Per session: its last status, and whether a turn it started is open. */
  private readonly sessions = new Map<string, { status: SessionStatus; inTurn: boolean; agent: string }>();

  constructor(private readonly events: EventBus) {}

  start(): Disposable {
    const subscription = this.events.subscribe((event) => {
      if (event.type !== 'sessions.changed') return;
      const { id, agent, status } = event.session;
      const known = this.sessions.get(id);
      if (!known) {
        this.sessions.set(id, { status, agent, inTurn: false });
        return;
      }
      const before = known.status;
      known.status = status;
      if (before === status) return;
      if (status === 'busy' && before === 'idle' && !known.inTurn) {
        known.inTurn = true;
        this.publish({ type: 'turns.boundary', agent, boundary: 'started' });
      } else if (known.inTurn && (status === 'idle' || status === 'exited' || status === 'failed')) {
        known.inTurn = false;
        this.publish({ type: 'turns.boundary', agent, boundary: 'ended' });
      }
      if (status === 'exited' || status === 'failed') this.sessions.delete(id);
    });
    return { dispose: () => subscription.dispose() };
  }

  private publish(event: TurnBoundaryEvent): void {
    this.events.publish(event);
  }
}

/**
 * Records every `turns.boundary` on the bus as a checkpoint (RecordTurnBoundary), then announces
 * `turns.recorded`. A failure is logged: a missed checkpoint never stops the agent.
 */
export class TurnBoundaryRecorder {
  private pending: Promise<unknown> = Promise.resolve();
  /** Per agent, its last boundary's recording: the next is handed over only after it, so they stay in order. */
  private readonly last = new Map<string, Promise<void>>();

  constructor(
    private readonly deps: {
      readonly events: EventBus;
      readonly record: { execute(input: RecordTurnBoundaryInput): Promise<Result<RecordedBoundary, { readonly kind: string }>> };
      readonly onError: (agent: string, error: { readonly kind: string }) => void;
      /** The files the agent's tool events named in the turn, for an end that does not carry them. */
      readonly touched?: { take(agent: string): Promise<readonly string[] | undefined> };
    },
  ) {}

  start(): Disposable {
    const subscription = this.deps.events.subscribe((event) => {
      if (event.type !== 'turns.boundary') return;
      // The turn's files are taken as its end is heard, so a next turn's events never join this one.
      const touched = event.touched !== undefined || event.boundary !== 'ended' || !this.deps.touched ? Promise.resolve(event.touched) : this.deps.touched.take(event.agent);
      const previous = this.last.get(event.agent) ?? Promise.resolve();
      // A throw is a bug; it is reported like a failure, so one bad boundary never stops the others.
      const recording = previous
        .then(() => touched)
        .then((files) => this.recordOne(event, files))
        .catch(() => this.deps.onError(event.agent, { kind: 'internal' }));
      this.last.set(event.agent, recording);
      void recording.then(() => {
        if (this.last.get(event.agent) === recording) this.last.delete(event.agent);
      });
      this.pending = Promise.all([this.pending, recording]);
    });
    return { dispose: () => subscription.dispose() };
  }

  /** Resolves once every boundary heard so far is recorded (or failed). */
  settle(): Promise<void> {
    return this.pending.then(() => undefined);
  }

  private async recordOne(event: TurnBoundaryEvent, touched: readonly string[] | undefined): Promise<void> {
    const recorded = await this.deps.record.execute({
      slug: event.agent,
      boundary: event.boundary,
      ...(event.prompt !== undefined ? { prompt: event.prompt } : {}),
      ...(touched !== undefined ? { touched } : {}),
    });
    if (!recorded.ok) {
      this.deps.onError(event.agent, recorded.error);
      return;
    }
    this.deps.events.publish({ type: 'turns.recorded', agent: event.agent, turn: recorded.value.turn });
  }
}
