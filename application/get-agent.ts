import { parseSlug, type NameError } from '../domain/names';
import type { AgentStore } from '../domain/ports/agent-store.port';
import { err, ok, type Result } from '../domain/result';
import { agentDocument, type AgentDocument } from './agent-document';

export type GetAgentError = NameError | { readonly kind: 'agent-not-found'; readonly slug: string };

/** One persona file for the editor, even a broken one: the user fixes it there. */
export class GetAgent {
  constructor(private readonly deps: { readonly agents: AgentStore }) {}

  async execute(input: { readonly slug: string }): Promise<Result<AgentDocument, GetAgentError>> {
    const slug = parseSlug(input.slug);
    if (!slug.ok) return slug;
    const file = await this.deps.agents.readSource(slug.value);
    if (!file) return err({ kind: 'agent-not-found', slug: slug.value });
    return ok(await agentDocument(this.deps.agents, slug.value, file.source, file.revision));
  }
}
