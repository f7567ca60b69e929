import type { Agent, AgentListing } from '../agent';
import type { AgentInvalidError } from '../agent-validation';
import type { Result } from '../result';

export type StoreWriteError = { readonly kind: 'store-write-failed'; readonly path: string; readonly message: string };

/** A file's text as it is on disk, and a token that changes whenever that text changes. */
export interface SourceRevision {
  readonly source: string;
  readonly revision: string;
}

/**
 * The persona files of one project (`.tessera/agents/*.md`). Files are the source of truth:
 * a file that does not parse is listed with its error and never rewritten or deleted.
 * Writes are atomic (temp file + rename). Slugs are checked again here: a slug that is not a
 * slug (domain/names.ts parseSlug) reads as "no such agent", and writing one is a bug (throws).
 */
export interface AgentStore {
  /** Every `*.md` file, sorted by slug; broken files included. */
  list(): Promise<readonly AgentListing[]>;
  /** undefined when no file has that slug. */
  get(slug: string): Promise<AgentListing | undefined>;
  /** The whole file, for the editor. undefined when no file has that slug. */
  readSource(slug: string): Promise<SourceRevision | undefined>;
  /** Reads a source the way `get` would read the file, without touching the disk. */
  parse(slug: string, source: string): Promise<Result<Agent, AgentInvalidError>>;
  /** Creates or replaces `<slug>.md` from the agent (frontmatter + persona). */
  save(agent: Agent): Promise<Result<void, StoreWriteError>>;
  /** Writes the text exactly as given (the caller has parsed it); returns the new revision. */
  writeSource(slug: string, source: string): Promise<Result<SourceRevision, StoreWriteError>>;
  /** Moves the file to `.tessera/trash/` under a timestamped name (never destroys it); returns where it went. */
  trash(slug: string): Promise<Result<string, StoreWriteError | { readonly kind: 'agent-not-found'; readonly slug: string }>>;
}
