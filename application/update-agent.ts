import type { AgentInvalidError } from '../domain/agent-validation';
import { parseSlug, type NameError } from '../domain/names';
import type { AgentStore, StoreWriteError } from '../domain/ports/agent-store.port';
import type { EventBus } from '../domain/ports/event-bus.port';
import type { ProfileStore } from '../domain/ports/profile-store.port';
import { err, ok, type Result } from '../domain/result';
import { agentDocument, type AgentDocument } from './agent-document';

export interface UpdateAgentInput {
  readonly slug: string;
  /** The whole persona file, frontmatter and body, as the editor holds it. */
  readonly source: string;
  /**
   * The revision the editor loaded; when given, a file changed on disk since is a conflict, and a
   * file deleted since is written again (the editor holds its text, and there is nothing to lose).
   */
  readonly revision?: string;
}

export type UpdateAgentError =
  | NameError
  | { readonly kind: 'agent-not-found'; readonly slug: string }
  | { readonly kind: 'revision-conflict'; readonly slug: string; readonly revision: string }
  | AgentInvalidError
  | { readonly kind: 'profile-not-found'; readonly profileId: string }
  | StoreWriteError;

/**
 * Saves the editor's text as the persona file. The slug stays the file name: `name` in the
 * frontmatter is a display name and may change freely. Nothing is written unless the text parses
 * and names a known profile, so a save can never turn a good file into a broken one. A file deleted
 * on disk while its editor was open (the caller sends the revision it loaded) is recreated under
 * the same slug; without a revision, a missing file is agent-not-found: update never invents an
 * agent (CreateAgent does, naming it).
 */
export class UpdateAgent {
  constructor(private readonly deps: { readonly agents: AgentStore; readonly profiles: ProfileStore; readonly events: EventBus }) {}

  async execute(input: UpdateAgentInput): Promise<Result<AgentDocument, UpdateAgentError>> {
    const slug = parseSlug(input.slug);
    if (!slug.ok) return slug;
    const current = await this.deps.agents.readSource(slug.value);
    if (!current && input.revision === undefined) return err({ kind: 'agent-not-found', slug: slug.value });
    if (current && input.revision !== undefined && input.revision !== current.revision) {
      return err({ kind: 'revision-conflict', slug: slug.value, revision: current.revision });
    }
    const agent = await this.deps.agents.parse(slug.value, input.source);
    if (!agent.ok) return agent;
    if (!(await this.deps.profiles.get(agent.value.profile))) return err({ kind: 'profile-not-found', profileId: agent.value.profile });
    const written = await this.deps.agents.writeSource(slug.value, input.source);
    if (!written.ok) return written;
    this.deps.events.publish({ type: 'agents.changed' });
    return ok(await agentDocument(this.deps.agents, slug.value, written.value.source, written.value.revision));
  }
}
