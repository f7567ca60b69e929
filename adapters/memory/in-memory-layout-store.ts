import type { Layout, LayoutError } from '../../domain/layout';
import { parseLayout } from '../../domain/layout-parsing';
import type { StoreWriteError } from '../../domain/ports/agent-store.port';
import type { LayoutStore } from '../../domain/ports/layout-store.port';
import { ok, type Result } from '../../domain/result';

/** The layout file as text in memory, so tests can plant a bad one exactly as the JSON store would meet it. */
export class InMemoryLayoutStore implements LayoutStore {
  /** The file's text; undefined means no file. */
  text: string | undefined;

  async load(): Promise<Result<Layout | undefined, LayoutError>> {
    if (this.text === undefined) return ok(undefined);
    let data: unknown;
    try {
      data = JSON.parse(this.text);
    } catch (error) {
      return { ok: false, error: { kind: 'layout-invalid', reason: `layout.json is not valid JSON: ${(error as Error).message}` } };
    }
    return parseLayout(data);
  }

  async save(layout: Layout): Promise<Result<void, StoreWriteError | LayoutError>> {
    // Through JSON and back, like the file: what load returns never shares objects with the caller.
    const checked = parseLayout(JSON.parse(JSON.stringify(layout)));
    if (!checked.ok) return checked;
    this.text = `${JSON.stringify(layout, null, 2)}\n`;
    return ok(undefined);
  }
}
