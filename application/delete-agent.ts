import { parseSlug, type NameError } from '../domain/names';
import type { AgentStore, StoreWriteError } from '../domain/ports/agent-store.port';
import type { EventBus } from '../domain/ports/event-bus.port';
import { ok, type Result } from '../domain/result';

export type DeleteAgentError = NameError | { readonly kind: 'agent-not-found'; readonly slug: string } | StoreWriteError;

/** Moves the persona file to `.tessera/trash/` under a timestamped name: a delete can always be undone by hand. */
export class DeleteAgent {
  constructor(private readonly deps: { readonly agents: AgentStore; readonly events: EventBus }) {}

  async execute(input: { readonly slug: string }): Promise<Result<{ readonly trashedTo: string }, DeleteAgentError>> {
    const slug = parseSlug(input.slug);
    if (!slug.ok) return slug;
    const trashed = await this.deps.agents.trash(slug.value);
    if (!trashed.ok) return trashed;
    this.deps.events.publish({ type: 'agents.changed' });
    return ok({ trashedTo: trashed.value });
  }
}
