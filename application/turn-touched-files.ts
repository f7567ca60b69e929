import type { SessionInfo } from '../domain/session';
import type { AgentHookChannel } from '../domain/ports/agent-hooks.port';
import type { Disposable } from '../domain/ports/disposable';
import type { EventBus } from '../domain/ports/event-bus.port';
import { absoluteFrom, filesWrittenBy } from '../domain/tool-files';

/**
 * The files each agent's own tool events named during its current turn (domain/tool-files.ts), for
 * the turn's end checkpoint, where they say which of the turn's changes are the agent's. It only
 * listens: the hook events are answered elsewhere. A turn's start forgets what an earlier turn named.
 */
export class TurnTouchedFiles {
  private readonly byAgent = new Map<string, Set<string>>();

  constructor(
    private readonly deps: {
      /** Without one, no agent has tool events: every turn reads as "no events". */
      readonly channel?: AgentHookChannel;
      readonly registry: { get(id: string): Pick<SessionInfo, 'agent' | 'cwd'> | undefined };
      readonly events: EventBus;
    },
  ) {}

  start(): Disposable {
    const subscriptions: Disposable[] = [];
    if (this.deps.channel) subscriptions.push(this.deps.channel.onCall((call) => this.heard(call.sessionId, call.payload)));
    subscriptions.push(
      this.deps.events.subscribe((event) => {
        if (event.type === 'turns.boundary' && event.boundary === 'started') this.byAgent.delete(event.agent);
      }),
    );
    return { dispose: () => subscriptions.splice(0).forEach((s) => s.dispose()) };
  }

  /** What the agent's events named since its turn started, once; undefined when they named nothing. */
  take(agent: string): readonly string[] | undefined {
    const named = this.byAgent.get(agent);
    this.byAgent.delete(agent);
    return named && named.size > 0 ? [...named] : undefined;
  }

  /** Always false: the call is for AgentHookEvents to take and answer. */
  private heard(sessionId: string, payload: unknown): boolean {
    const session = this.deps.registry.get(sessionId);
    if (!session) return false;
    const files = filesWrittenBy(payload);
    if (files.length === 0) return false;
    const named = this.byAgent.get(session.agent) ?? new Set<string>();
    for (const file of files) named.add(absoluteFrom(session.cwd, file));
    this.byAgent.set(session.agent, named);
    return false;
  }
}
