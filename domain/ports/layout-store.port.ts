import type { Layout, LayoutError } from '../layout';
import type { Result } from '../result';
import type { StoreWriteError } from './agent-store.port';

/** `.tessera/layout.json` of one project. */
export interface LayoutStore {
  /** undefined when there is no layout file yet; an unreadable file is an error, left as it is. */
  load(): Promise<Result<Layout | undefined, LayoutError>>;
  save(layout: Layout): Promise<Result<void, StoreWriteError>>;
}
