import type { Layout, LayoutError, LoadedLayout } from '../../domain/layout';
import { parseLayout, readLayoutFile } from '../../domain/layout-parsing';
import type { StoreWriteError } from '../../domain/ports/agent-store.port';
import type { LayoutStore } from '../../domain/ports/layout-store.port';
import { ok, type Result } from '../../domain/result';

/** The layout file as text in memory, so tests can plant a bad one exactly as the JSON store would meet it. */
export class InMemoryLayoutStore implements LayoutStore {
  /** The file's text; undefined means no file. */
  text: string | undefined;
  /** The kept copy (layout.json.bak) of a file that did not load as it is. */
  backupText: string | undefined;

  async load(): Promise<Result<LoadedLayout | undefined, LayoutError>> {
    if (this.text === undefined) return ok(undefined);
    let loaded: Result<LoadedLayout, LayoutError>;
    try {
      loaded = readLayoutFile(JSON.parse(this.text));
    } catch (error) {
      loaded = { ok: false, error: { kind: 'layout-invalid', reason: `layout.json is not valid JSON: ${(error as Error).message}` } };
    }
    if (loaded.ok) return loaded;
    this.backupText = this.text;
    return { ok: false, error: { ...loaded.error, backup: 'layout.json.bak' } };
  }

  async save(layout: Layout): Promise<Result<void, StoreWriteError | LayoutError>> {
    // Through JSON and back, like the file: what load returns never shares objects with the caller.
    const checked = parseLayout(JSON.parse(JSON.stringify(layout)));
    if (!checked.ok) return checked;
    if (this.text !== undefined && !takesAsItIs(this.text)) this.backupText = this.text;
    this.text = `${JSON.stringify(layout, null, 2)}\n`;
    return ok(undefined);
  }
}

function takesAsItIs(text: string): boolean {
  try {
    return parseLayout(JSON.parse(text)).ok;
  } catch {
    return false;
  }
}
