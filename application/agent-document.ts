import type { AgentListing } from '../domain/agent';
import type { AgentStore } from '../domain/ports/agent-store.port';

/** What the editor gets for one persona file: the parsed agent (or its error), and the text it came from. */
export interface AgentDocument {
  readonly slug: string;
  readonly listing: AgentListing;
  readonly source: string;
  readonly revision: string;
}

export async function agentDocument(agents: AgentStore, slug: string, source: string, revision: string): Promise<AgentDocument> {
  // Parsed from the very text returned, so listing, source and revision always agree.
  const parsed = await agents.parse(slug, source);
  const listing: AgentListing = parsed.ok ? { ok: true, agent: parsed.value } : { ok: false, broken: { slug, error: parsed.error.message } };
  return { slug, listing, source, revision };
}
