import { validateLayout, type Layout, type LayoutError } from '../domain/layout';
import type { StoreWriteError } from '../domain/ports/agent-store.port';
import type { EventBus } from '../domain/ports/event-bus.port';
import type { LayoutStore } from '../domain/ports/layout-store.port';
import { ok, type Result } from '../domain/result';

/** Saves the layout after checking its rules (ratios in (0,1), unique ids, one terminal pane per agent). */
export class SaveLayout {
  constructor(private readonly deps: { readonly layouts: LayoutStore; readonly events: EventBus }) {}

  async execute(input: { readonly layout: Layout }): Promise<Result<void, LayoutError | StoreWriteError>> {
    const valid = validateLayout(input.layout);
    if (!valid.ok) return valid;
    const saved = await this.deps.layouts.save(valid.value);
    if (!saved.ok) return saved;
    this.deps.events.publish({ type: 'layout.changed' });
    return ok(undefined);
  }
}
