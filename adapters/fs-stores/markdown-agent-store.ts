import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Agent, AgentListing } from '../../domain/agent';
import type { AgentInvalidError } from '../../domain/agent-validation';
import { parseSlug, slugify } from '../../domain/names';
import type { AgentStore, SourceRevision, StoreWriteError } from '../../domain/ports/agent-store.port';
import { err, ok, type Result } from '../../domain/result';
import { isMissing, messageOf, moveToTrash, readTextNoFollow, revisionOf, writeFileAtomic } from './atomic-file';
import { checkFolders, LinkRefusedError } from '../shared/no-follow';
import { agentFile, parseAgentFile } from '../shared/persona-files';
import { frontmatterOnThisThread, type FrontmatterReader } from '../shared/yaml-frontmatter';

/** `.tessera/agents/<slug>.md` persona files of one project; their YAML is read by `frontmatter` (the host gives its own thread). */
export class MarkdownAgentStore implements AgentStore {
  private readonly dir: string;
  private readonly trashDir: string;

  constructor(
    projectRoot: string,
    private readonly now: () => number = Date.now,
    private readonly frontmatter: FrontmatterReader = frontmatterOnThisThread,
  ) {
    this.dir = join(projectRoot, '.tessera', 'agents');
    this.trashDir = join(projectRoot, '.tessera', 'trash');
  }

  async list(): Promise<readonly AgentListing[]> {
    let entries: Dirent[];
    try {
      // A linked agents folder would list (and launch) someone else's files.
      await checkFolders(this.dir, { create: false });
      entries = await readdir(this.dir, { withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) return [];
      if (error instanceof LinkRefusedError) return [{ ok: false, broken: { slug: '.tessera/agents', error: error.message } }];
      throw error;
    }
    const listings: AgentListing[] = [];
    for (const entry of entries) {
      // Dotfiles include our own temp files mid-write and editor swap files.
      if (entry.name.startsWith('.') || !entry.name.endsWith('.md')) continue;
      const stem = entry.name.slice(0, -'.md'.length);
      if (!parseSlug(stem).ok) {
        const suggestion = slugify(stem);
        const hint = suggestion.ok ? `; rename it to ${suggestion.value}.md` : '';
        listings.push({ ok: false, broken: { slug: stem, error: `the file name "${entry.name}" is not a slug (a-z, 0-9 and -)${hint}` } });
        continue;
      }
      if (!entry.isFile()) {
        const what = entry.isSymbolicLink() ? 'a symbolic link, and Tessera follows no links inside .tessera' : 'not a regular file';
        listings.push({ ok: false, broken: { slug: stem, error: `"${entry.name}" is ${what}` } });
        continue;
      }
      const listing = await this.get(stem);
      if (listing) listings.push(listing);
    }
    return listings.sort((a, b) => compare(slugOf(a), slugOf(b)));
  }

  async get(slug: string): Promise<AgentListing | undefined> {
    const read = await this.read(slug);
    if (read === undefined) return undefined;
    if (!read.ok) return { ok: false, broken: { slug, error: read.error } };
    const agent = await this.parse(slug, read.value);
    return agent.ok ? { ok: true, agent: agent.value } : { ok: false, broken: { slug, error: agent.error.message } };
  }

  async readSource(slug: string): Promise<SourceRevision | undefined> {
    const read = await this.read(slug);
    if (read === undefined || !read.ok) return undefined;
    return { source: read.value, revision: revisionOf(read.value) };
  }

  async parse(slug: string, source: string): Promise<Result<Agent, AgentInvalidError>> {
    return parseAgentFile(this.frontmatter, slug, source);
  }

  async save(agent: Agent): Promise<Result<void, StoreWriteError>> {
    const written = await this.writeSource(agent.slug, agentFile(agent));
    return written.ok ? ok(undefined) : written;
  }

  async writeSource(slug: string, source: string): Promise<Result<SourceRevision, StoreWriteError>> {
    const written = await writeFileAtomic(this.pathOf(slug), source);
    return written.ok ? ok({ source, revision: revisionOf(source) }) : written;
  }

  async trash(slug: string): Promise<Result<string, StoreWriteError | { readonly kind: 'agent-not-found'; readonly slug: string }>> {
    if ((await this.read(slug)) === undefined) return err({ kind: 'agent-not-found', slug });
    return moveToTrash(this.pathOf(slug), this.trashDir, slug, '.md', this.now());
  }

  /**
   * undefined: no such file; err: the file is there but cannot be read (listed as broken). A linked
   * agents folder is no file there: list() reports the folder, and a write says what is wrong.
   */
  private async read(slug: string): Promise<Result<string, string> | undefined> {
    if (!parseSlug(slug).ok) return undefined;
    const path = this.pathOf(slug);
    try {
      return ok(await readTextNoFollow(path));
    } catch (error) {
      if (isMissing(error) || (error instanceof LinkRefusedError && error.path !== path)) return undefined;
      return err(`the file cannot be read: ${messageOf(error)}`);
    }
  }

  private pathOf(slug: string): string {
    // A use case hands only checked slugs to a store; anything else is a bug, not user input.
    if (!parseSlug(slug).ok) throw new Error(`not a slug: ${JSON.stringify(slug)}`);
    return join(this.dir, `${slug}.md`);
  }
}

function slugOf(listing: AgentListing): string {
  return listing.ok ? listing.agent.slug : listing.broken.slug;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
