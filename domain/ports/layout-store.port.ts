import type { Layout, LayoutError, LayoutStale, LoadedLayout } from '../layout';
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
  /**
   * Compare-and-set: writes `layout` as revision `basedOn + 1` and answers that revision, only if
   * the file's revision is `basedOn` (0 for no file, or a file without one); else refuses with
   * 'layout-stale' and writes nothing. Saves are atomic with respect to each other: two saves made
   * from one revision never both succeed. A file that is not a layout at all has no revision to
   * compare and is taken over by any save. Refuses an invalid layout ('layout-invalid') without
   * writing. Keeps a copy of a file that did not load as it is before writing over it.
   */
  save(layout: Layout, basedOn: number): Promise<Result<number, StoreWriteError | LayoutError | LayoutStale>>;
}
