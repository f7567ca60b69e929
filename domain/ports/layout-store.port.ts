import type { Layout, LayoutError } from '../layout';
import type { Result } from '../result';
import type { StoreWriteError } from './agent-store.port';

/** `.tessera/layout.json` of one project. Both directions go through domain validateLayout. */
export interface LayoutStore {
  /** undefined when there is no layout file yet; an unreadable or invalid file is an error, left as it is. */
  load(): Promise<Result<Layout | undefined, LayoutError>>;
  /** Refuses an invalid layout ('layout-invalid') without writing. */
  save(layout: Layout): Promise<Result<void, StoreWriteError | LayoutError>>;
}
