import type { Layout, LayoutError, LoadedLayout } from '../layout';
import type { Result } from '../result';
import type { StoreWriteError } from './agent-store.port';

/** `.tessera/layout.json` of one project. Both directions go through domain validateLayout. */
export interface LayoutStore {
  /**
   * undefined when there is no layout file yet. A file with repairable problems loads repaired
   * (domain readLayoutFile) and says what was repaired; the file is left as it is. A file that
   * cannot be loaded at all is an error, left as it is, and a copy is kept (the error's `backup`)
   * so the next save over it loses nothing.
   */
  load(): Promise<Result<LoadedLayout | undefined, LayoutError>>;
  /** Refuses an invalid layout ('layout-invalid') without writing. Keeps a copy of a file that did not load as it is before writing over it. */
  save(layout: Layout): Promise<Result<void, StoreWriteError | LayoutError>>;
}
