import { emptyLayout, type Layout } from '../domain/layout';
import type { LayoutStore } from '../domain/ports/layout-store.port';
import { ok, type Result } from '../domain/result';

/**
 * The layout to show, with what loading it had to do. It extends Layout (rather than wrapping it)
 * so the layout.get result stays the layout itself plus two optional notes.
 */
export interface LayoutToShow extends Layout {
  /** The revision a save of a layout made from this one names (0 when the file holds none or cannot be loaded). */
  readonly revision: number;
  /** Problems in layout.json that were repaired in what is shown; the file changes on the next save. */
  readonly repaired?: readonly string[];
  /** layout.json could not be loaded at all: the layout shown is empty; `backup` names the copy kept of the file. */
  readonly notLoaded?: { readonly reason: string; readonly backup?: string };
}

/**
 * The project's saved layout, or an empty one when none was saved. A file with repairable problems
 * is shown repaired; one that cannot be loaded leaves an empty layout and is reported, not hidden
 * (the store kept a copy of it, so the first save over it loses nothing).
 */
export class GetLayout {
  constructor(private readonly deps: { readonly layouts: LayoutStore }) {}

  async execute(): Promise<Result<LayoutToShow, never>> {
    const loaded = await this.deps.layouts.load();
    if (!loaded.ok) {
      const { reason, backup } = loaded.error;
      // A file that cannot be loaded guards no revision: the first save takes it over.
      return ok({ ...emptyLayout(), revision: 0, notLoaded: { reason, ...(backup !== undefined ? { backup } : {}) } });
    }
    if (!loaded.value) return ok({ ...emptyLayout(), revision: 0 });
    const { layout, repaired, revision } = loaded.value;
    return ok(repaired.length > 0 ? { ...layout, revision, repaired } : { ...layout, revision });
  }
}
