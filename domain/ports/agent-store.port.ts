import type { Agent, AgentListing } from '../agent';
import type { Result } from '../result';

export type StoreWriteError = { readonly kind: 'store-write-failed'; readonly path: string; readonly message: string };

/**
 * The persona files of one project (`.tessera/agents/*.md`). Files are the source of truth:
 * a file that does not parse is listed with its error and never rewritten or deleted.
 * Writes are atomic (temp file + rename).
 */
export interface AgentStore {
  /** Every `*.md` file, sorted by slug; broken files included. */
  list(): Promise<readonly AgentListing[]>;
  /** undefined when no file has that slug. */
  get(slug: string): Promise<AgentListing | undefined>;
  /** Creates or replaces `<slug>.md`. */
  save(agent: Agent): Promise<Result<void, StoreWriteError>>;
  /** Moves the file to `.tessera/trash/` (never destroys it); returns where it went. */
  trash(slug: string): Promise<Result<string, StoreWriteError | { readonly kind: 'agent-not-found'; readonly slug: string }>>;
}
