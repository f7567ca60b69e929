import type { Agent, AgentListing } from '../../domain/agent';
import type { AgentInvalidError } from '../../domain/agent-validation';
import { parseSlug } from '../../domain/names';
import type { AgentStore, SourceRevision, StoreWriteError } from '../../domain/ports/agent-store.port';
import { err, ok, type Result } from '../../domain/result';
import { agentFile, parseAgentFile } from '../shared/persona-files';
import { frontmatterOnThisThread } from '../shared/yaml-frontmatter';

/** Persona files held in memory: the same text format and rules as MarkdownAgentStore (held to one contract). */
export class InMemoryAgentStore implements AgentStore {
  private readonly files = new Map<string, string>();
  /** What was trashed, in order, with the text it had: tests check nothing was destroyed. */
  readonly trashed: { readonly slug: string; readonly source: string; readonly to: string }[] = [];

  constructor(private readonly now: () => number = () => 0) {}

  async list(): Promise<readonly AgentListing[]> {
    return Promise.all([...this.files.keys()].sort().map((slug) => this.listing(slug, this.files.get(slug) ?? '')));
  }

  async get(slug: string): Promise<AgentListing | undefined> {
    const source = parseSlug(slug).ok ? this.files.get(slug) : undefined;
    return source === undefined ? undefined : this.listing(slug, source);
  }

  async readSource(slug: string): Promise<SourceRevision | undefined> {
    const source = parseSlug(slug).ok ? this.files.get(slug) : undefined;
    return source === undefined ? undefined : { source, revision: revisionOf(source) };
  }

  async parse(slug: string, source: string): Promise<Result<Agent, AgentInvalidError>> {
    return parseAgentFile(frontmatterOnThisThread, slug, source);
  }

  async save(agent: Agent): Promise<Result<void, StoreWriteError>> {
    const written = await this.writeSource(agent.slug, agentFile(agent));
    return written.ok ? ok(undefined) : written;
  }

  async writeSource(slug: string, source: string): Promise<Result<SourceRevision, StoreWriteError>> {
    assertSlug(slug);
    this.files.set(slug, source);
    return ok({ source, revision: revisionOf(source) });
  }

  async trash(slug: string): Promise<Result<string, StoreWriteError | { readonly kind: 'agent-not-found'; readonly slug: string }>> {
    const source = parseSlug(slug).ok ? this.files.get(slug) : undefined;
    if (source === undefined) return err({ kind: 'agent-not-found', slug });
    const to = `.tessera/trash/${slug}-${this.now()}-${this.trashed.length + 1}.md`;
    this.files.delete(slug);
    this.trashed.push({ slug, source, to });
    return ok(to);
  }

  private async listing(slug: string, source: string): Promise<AgentListing> {
    const agent = await this.parse(slug, source);
    return agent.ok ? { ok: true, agent: agent.value } : { ok: false, broken: { slug, error: agent.error.message } };
  }
}

function assertSlug(slug: string): void {
  // A use case hands only checked slugs to a store; anything else is a bug, not user input.
  if (!parseSlug(slug).ok) throw new Error(`not a slug: ${JSON.stringify(slug)}`);
}

/** FNV-1a over the text plus its length: changes whenever the text does, which is all a revision promises. */
export function revisionOf(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${text.length.toString(36)}-${hash.toString(36)}`;
}
