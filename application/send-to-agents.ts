import type { Disposable } from '../domain/ports/disposable';
import type { EventBus } from '../domain/ports/event-bus.port';
import { err, ok, type Result } from '../domain/result';
import { isLive, type SessionStatus } from '../domain/session';
import type { SessionRegistry } from './session-registry';
import type { SubmitMessage } from './submit-message';

export interface SendToAgentsInput {
  readonly message: string;
  /** Session ids, or 'all' for every live session. */
  readonly to: readonly string[] | 'all';
}

export type SendOutcome =
  | { readonly id: string; readonly agent: string; readonly outcome: 'sent' }
  /** Waiting for the agent to be idle; `status` is why it waits (busy or starting). */
  | { readonly id: string; readonly agent: string; readonly outcome: 'queued'; readonly status: SessionStatus }
  | {
      readonly id: string;
      readonly agent?: string;
      readonly outcome: 'skipped';
      /** `asking-a-question`: a menu, a permission prompt or a yes/no question is on its screen; answer it first. */
      readonly reason: 'session-not-found' | 'session-not-live' | 'asking-a-question';
    };

export type SendToAgentsError = { readonly kind: 'message-empty' };

/**
 * "Send to agents": one message typed once, submitted (SubmitMessage: the text, then Enter once the
 * CLI took it) to each target that is idle, and to a busy or starting one when it next becomes idle.
 * Never onto a question: an agent asking one (a trust, login or permission menu, a yes/no prompt)
 * is refused with that reason, the user answers it first; a queued message finding one when its
 * agent turns idle waits for the next idle. A queue is dropped when its session ends.
 *
 * One session's messages go one after the other (each submitted before the next is typed), in the
 * order they were sent. Long-lived: one per project, started with `start()`.
 */
export class SendToAgents {
  private readonly queues = new Map<string, string[]>();
  /** The delivery under way per session; the next one starts after it. */
  private readonly delivering = new Map<string, Promise<void>>();
  private subscription: Disposable | undefined;

  constructor(private readonly deps: { readonly registry: SessionRegistry; readonly events: EventBus; readonly submit: SubmitMessage }) {}

  start(): Disposable {
    this.subscription ??= this.deps.events.subscribe((event) => {
      if (event.type !== 'sessions.changed') return;
      const { id, status } = event.session;
      if (status === 'idle') void this.deliver(id);
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
    return ok(await Promise.all(ids.map((id) => this.sendOne(id, input.message))));
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

  /** Resolves once every delivery under way has ended (for tests and an orderly stop). */
  async settled(): Promise<void> {
    while (this.delivering.size > 0) await Promise.all([...this.delivering.values()]);
  }

  private async sendOne(id: string, message: string): Promise<SendOutcome> {
    const session = this.deps.registry.get(id);
    if (!session) return { id, outcome: 'skipped', reason: 'session-not-found' };
    const { agent } = session;
    if (!isLive(session.status)) return { id, agent, outcome: 'skipped', reason: 'session-not-live' };
    if (session.status === 'needs-input') return { id, agent, outcome: 'skipped', reason: 'asking-a-question' };
    if (session.status !== 'idle' || this.queues.get(id)?.length || this.delivering.has(id)) {
      const queue = this.queues.get(id) ?? [];
      queue.push(message);
      this.queues.set(id, queue);
      if (session.status === 'idle') void this.deliver(id);
      return { id, agent, outcome: 'queued', status: session.status };
    }
    const submitted = await this.exclusively(id, () => this.deps.submit.execute(id, message));
    // Messages sent while this one was typed waited for it; the agent may stay idle throughout.
    if (this.queues.get(id)?.length && this.deps.registry.get(id)?.status === 'idle') void this.deliver(id);
    return submitted === 'sent' ? { id, agent, outcome: 'sent' } : { id, agent, outcome: 'skipped', reason: submitted };
  }

  /** Submits what waits for a session, oldest first, until a question stops it or the session ends. */
  private async deliver(id: string): Promise<void> {
    if (this.delivering.has(id) || !this.queues.get(id)?.length) return;
    await this.exclusively(id, async () => {
      for (;;) {
        const queue = this.queues.get(id);
        const message = queue?.[0];
        if (!queue || message === undefined) return;
        const submitted = await this.deps.submit.execute(id, message);
        // Asked a question meanwhile: the rest waits for the next idle.
        if (submitted === 'asking-a-question') return;
        if (this.queues.get(id) === queue) queue.shift();
        if (queue.length === 0 && this.queues.get(id) === queue) this.queues.delete(id);
        if (submitted === 'session-not-live') return void this.queues.delete(id);
      }
    });
  }

  private async exclusively<T>(id: string, run: () => Promise<T>): Promise<T> {
    const work = run();
    const done = work.then(
      () => undefined,
      () => undefined,
    );
    this.delivering.set(id, done);
    try {
      return await work;
    } finally {
      if (this.delivering.get(id) === done) this.delivering.delete(id);
    }
  }
}
