import { validateLayout, type Layout, type LayoutError, type LayoutStale } from '../domain/layout';
import type { StoreWriteError } from '../domain/ports/agent-store.port';
import type { EventBus } from '../domain/ports/event-bus.port';
import type { LayoutStore } from '../domain/ports/layout-store.port';
import { ok, type Result } from '../domain/result';

export interface SaveLayoutInput {
  readonly layout: Layout;
  /** The revision the layout was made from (the one layout.get or the last save answered). */
  readonly basedOn: number;
  /** Who saves (a window's own id), named in the announcement so that window does not apply its own save again. */
  readonly origin?: string;
}

/**
 * Saves the layout after checking its rules (ratios in (0,1), unique ids, one terminal pane per
 * agent), and announces it with its revision to every window of the project. A save made from a
 * revision that is no longer the newest is refused ('layout-stale', from the store's
 * compare-and-set): the window that made it has not seen the newer layout, and must take it up
 * rather than write over it.
 */
export class SaveLayout {
  constructor(private readonly deps: { readonly layouts: LayoutStore; readonly events: EventBus }) {}

  async execute(input: SaveLayoutInput): Promise<Result<{ readonly revision: number }, LayoutError | LayoutStale | StoreWriteError>> {
    const valid = validateLayout(input.layout);
    if (!valid.ok) return valid;
    const saved = await this.deps.layouts.save(valid.value, input.basedOn);
    if (!saved.ok) return saved;
    const revision = saved.value;
    this.deps.events.publish({ type: 'layout.changed', layout: valid.value, revision, ...(input.origin !== undefined ? { origin: input.origin } : {}) });
    return ok({ revision });
  }
}
