import type { AgentListing } from '../domain/agent';
import type { AgentStore } from '../domain/ports/agent-store.port';

/** Every persona file, broken ones included with their error (so the user can mend them), sorted by slug. */
export class ListAgents {
  constructor(private readonly deps: { readonly agents: AgentStore }) {}

  async execute(): Promise<readonly AgentListing[]> {
    return this.deps.agents.list();
  }
}
