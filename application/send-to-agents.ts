import type { Disposable } from '../domain/ports/disposable';
import type { EventBus } from '../domain/ports/event-bus.port';
import { err, ok, type Result } from '../domain/result';
import { isLive, type SessionStatus } from '../domain/session';
import type { SessionRegistry } from './session-registry';

export interface SendToAgentsInput {
  readonly message: string;
  /** Session ids, or 'all' for every live session. */
  readonly to: readonly string[] | 'all';
}

export type SendOutcome =
  | { readonly id: string; readonly agent: string; readonly outcome: 'sent' }
  /** Waiting for the agent to be idle; `status` is why it waits (busy, starting or needs-input). */
  | { readonly id: string; readonly agent: string; readonly outcome: 'queued'; readonly status: SessionStatus }
  | { readonly id: string; readonly agent?: string; readonly outcome: 'skipped'; readonly reason: 'session-not-found' | 'session-not-live' };

export type SendToAgentsError = { readonly kind: 'message-empty' };

/**
 * "Send to agents": one message typed once, written with a trailing Enter to each target
 * that is idle; to a busy or starting one when it next becomes idle; never onto a needs-input
 * prompt (the text would answer the agent's question), so those wait until the prompt is dealt
 * with and the agent is idle. A queue is dropped when its session ends.
 *
 * Delivery follows `sessions.changed`: when a session turns idle, everything queued for it is
 * written, in order (a line-based CLI reads typed-ahead lines in turn; a TUI queues them).
 * Long-lived: one per project, started with `start()`.
 */
export class SendToAgents {
  private readonly queues = new Map<string, string[]>();
  private subscription: Disposable | undefined;

  constructor(private readonly deps: { readonly registry: SessionRegistry; readonly events: EventBus }) {}

  start(): Disposable {
    this.subscription ??= this.deps.events.subscribe((event) => {
      if (event.type !== 'sessions.changed') return;
      const { id, status } = event.session;
      if (status === 'idle') this.deliver(id);
      else if (!isLive(status)) this.queues.delete(id);
    });
    return { dispose: () => this.dispose() };
  }

  dispose(): void {
    this.subscription?.dispose();
    this.subscription = undefined;
    this.queues.clear();
  }

  async execute(input: SendToAgentsInput): Promise<Result<readonly SendOutcome[], SendToAgentsError>> {
    if (input.message.trim() === '') return err({ kind: 'message-empty' });
    const { registry } = this.deps;
    const ids = input.to === 'all' ? registry.list().filter((s) => isLive(s.status)).map((s) => s.id) : [...new Set(input.to)];
    const outcomes: SendOutcome[] = [];
    for (const id of ids) {
      const session = registry.get(id);
      if (!session) {
        outcomes.push({ id, outcome: 'skipped', reason: 'session-not-found' });
      } else if (!isLive(session.status)) {
        outcomes.push({ id, agent: session.agent, outcome: 'skipped', reason: 'session-not-live' });
      } else if (session.status === 'idle' && !this.queues.get(id)?.length) {
        registry.write(id, enter(input.message));
        outcomes.push({ id, agent: session.agent, outcome: 'sent' });
      } else {
        const queue = this.queues.get(id) ?? [];
        queue.push(input.message);
        this.queues.set(id, queue);
        outcomes.push({ id, agent: session.agent, outcome: 'queued', status: session.status });
      }
    }
    return ok(outcomes);
  }

  /** Messages waiting for a session, oldest first. */
  queued(id: string): readonly string[] {
    return [...(this.queues.get(id) ?? [])];
  }

  /** Drops what waits for a session; returns how many messages were dropped. */
  cancel(id: string): number {
    const dropped = this.queues.get(id)?.length ?? 0;
    this.queues.delete(id);
    return dropped;
  }

  private deliver(id: string): void {
    const queue = this.queues.get(id);
    if (!queue?.length) return;
    this.queues.delete(id);
    for (const message of queue) this.deps.registry.write(id, enter(message));
  }
}

/** The message as typed, submitted with Enter (CR, what a terminal sends for the key). */
function enter(message: string): string {
  return message.replace(/[\r\n]+$/, '') + '\r';
}
