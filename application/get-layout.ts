import { emptyLayout, type Layout, type LayoutError } from '../domain/layout';
import type { LayoutStore } from '../domain/ports/layout-store.port';
import { ok, type Result } from '../domain/result';

/**
 * The project's saved layout, or an empty one when none was saved. An invalid file is reported
 * (layout-invalid), not replaced: the user may want to fix it by hand.
 */
export class GetLayout {
  constructor(private readonly deps: { readonly layouts: LayoutStore }) {}

  async execute(): Promise<Result<Layout, LayoutError>> {
    const loaded = await this.deps.layouts.load();
    if (!loaded.ok) return loaded;
    return ok(loaded.value ?? emptyLayout());
  }
}
