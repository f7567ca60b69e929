import type { Layout, LayoutError, LayoutStale, LoadedLayout } from '../../domain/layout';
import { layoutBackupName, layoutFileText, MAX_LAYOUT_BACKUPS, parseLayout, readLayoutFile, revisionOfLayoutText, takesAsItIs } from '../../domain/layout-parsing';
import type { StoreWriteError } from '../../domain/ports/agent-store.port';
import type { LayoutStore } from '../../domain/ports/layout-store.port';
import { err, ok, type Result } from '../../domain/result';

/** The layout file as text in memory, so tests can plant a bad one exactly as the JSON store would meet it. */
export class InMemoryLayoutStore implements LayoutStore {
  /** The file's text; undefined means no file. */
  text: string | undefined;
  /** The kept copies of files that did not load as they were, in the order of their names (layoutBackupName). */
  readonly backups: string[] = [];

  async load(): Promise<Result<LoadedLayout | undefined, LayoutError>> {
    if (this.text === undefined) return ok(undefined);
    let loaded: Result<LoadedLayout, LayoutError>;
    try {
      loaded = readLayoutFile(JSON.parse(this.text));
    } catch (error) {
      loaded = { ok: false, error: { kind: 'layout-invalid', reason: `layout.json is not valid JSON: ${(error as Error).message}` } };
    }
    if (loaded.ok) return loaded;
    const kept = this.keepCopy(this.text);
    return { ok: false, error: { ...loaded.error, ...(kept.ok ? { backup: kept.value } : {}) } };
  }

  // No await from the compare to the write: two saves cannot interleave there.
  async save(layout: Layout, basedOn: number): Promise<Result<number, StoreWriteError | LayoutError | LayoutStale>> {
    // Through JSON and back, like the file: what load returns never shares objects with the caller.
    const checked = parseLayout(JSON.parse(JSON.stringify(layout)));
    if (!checked.ok) return checked;
    const revision = this.text === undefined ? 0 : (revisionOfLayoutText(this.text) ?? basedOn);
    if (revision !== basedOn) return err({ kind: 'layout-stale', revision });
    if (this.text !== undefined && !takesAsItIsText(this.text)) {
      const kept = this.keepCopy(this.text);
      if (!kept.ok) return kept;
    }
    this.text = layoutFileText(layout, basedOn + 1);
    return ok(basedOn + 1);
  }

  private keepCopy(text: string): Result<string, StoreWriteError> {
    const at = this.backups.indexOf(text);
    if (at >= 0) return ok(layoutBackupName(at + 1));
    if (this.backups.length >= MAX_LAYOUT_BACKUPS) return err({ kind: 'store-write-failed', path: 'layout.json', message: 'too many copies kept' });
    this.backups.push(text);
    return ok(layoutBackupName(this.backups.length));
  }
}

function takesAsItIsText(text: string): boolean {
  try {
    return takesAsItIs(JSON.parse(text));
  } catch {
    return false;
  }
}
