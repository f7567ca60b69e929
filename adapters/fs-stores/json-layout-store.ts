import { join } from 'node:path';
import type { Layout, LayoutError, LayoutStale, LoadedLayout } from '../../domain/layout';
import { validateLayout } from '../../domain/layout';
import { layoutBackupName, layoutFileText, MAX_LAYOUT_BACKUPS, readLayoutFile, revisionOfLayoutText, takesAsItIs } from '../../domain/layout-parsing';
import type { StoreWriteError } from '../../domain/ports/agent-store.port';
import type { LayoutStore } from '../../domain/ports/layout-store.port';
import { err, ok, type Result } from '../../domain/result';
import { isMissing, messageOf, readTextNoFollow, writeFileAtomic, writeNewFile } from './atomic-file';

/**
 * `.tessera/layout.json`: checked on the way in and on the way out. Load never changes the file:
 * it repairs what it can in memory. A file it cannot load is copied aside, and so is any file a save
 * would write over that does not hold exactly a layout (one it repaired, or one with keys it does
 * not know): a bad file is never silently lost. Copies are never written over either: each new text
 * gets the next free name (layoutBackupName), and a text already kept is not kept twice.
 *
 * A save compares the file's revision and writes the next one; saves run one at a time, so no other
 * save of this store writes between its compare and its write. That holds for the project because
 * one process (the session server) owns it and builds one store for it.
 */
export class JsonLayoutStore implements LayoutStore {
  private readonly dir: string;
  private readonly path: string;
  /** The save running now, if any: the next one starts after it. */
  private saving: Promise<unknown> = Promise.resolve();

  constructor(projectRoot: string) {
    this.dir = join(projectRoot, '.tessera');
    this.path = join(this.dir, 'layout.json');
  }

  async load(): Promise<Result<LoadedLayout | undefined, LayoutError>> {
    const text = await this.readText(this.path);
    if (!text.ok) return err({ kind: 'layout-invalid', reason: `layout.json cannot be read: ${text.error}` });
    if (text.value === undefined) return ok(undefined);
    let loaded: Result<LoadedLayout, LayoutError>;
    try {
      loaded = readLayoutFile(JSON.parse(text.value));
    } catch (error) {
      loaded = err({ kind: 'layout-invalid', reason: `layout.json is not valid JSON: ${messageOf(error)}` });
    }
    if (loaded.ok) return loaded;
    const kept = await this.keepCopy(text.value);
    return err({ ...loaded.error, ...(kept.ok ? { backup: kept.value } : {}) });
  }

  save(layout: Layout, basedOn: number): Promise<Result<number, StoreWriteError | LayoutError | LayoutStale>> {
    // A save that threw is the caller's to hear; the next one runs all the same.
    const run = this.saving.catch(() => undefined).then(() => this.compareAndWrite(layout, basedOn));
    this.saving = run;
    return run;
  }

  private async compareAndWrite(layout: Layout, basedOn: number): Promise<Result<number, StoreWriteError | LayoutError | LayoutStale>> {
    const valid = validateLayout(layout);
    if (!valid.ok) return valid;
    const current = await this.readText(this.path);
    if (!current.ok) return err({ kind: 'store-write-failed', path: this.path, message: `the file there cannot be read, so no copy of it could be kept: ${current.error}` });
    const revision = current.value === undefined ? 0 : (revisionOfLayoutText(current.value) ?? basedOn);
    if (revision !== basedOn) return err({ kind: 'layout-stale', revision });
    if (current.value !== undefined && !takesAsItIsText(current.value)) {
      const kept = await this.keepCopy(current.value);
      if (!kept.ok) return kept;
    }
    const written = await writeFileAtomic(this.path, layoutFileText(layout, basedOn + 1));
    return written.ok ? ok(basedOn + 1) : written;
  }

  /** ok(undefined) when there is no file. */
  private async readText(path: string): Promise<Result<string | undefined, string>> {
    try {
      // A layout.json (or a copy) that is a link is refused, not followed.
      return ok(await readTextNoFollow(path));
    } catch (error) {
      return isMissing(error) ? ok(undefined) : err(messageOf(error));
    }
  }

  /** Keeps `text` under the first free copy name, or finds it kept already; answers the copy's name. */
  private async keepCopy(text: string): Promise<Result<string, StoreWriteError>> {
    for (let n = 1; n <= MAX_LAYOUT_BACKUPS; n++) {
      const name = layoutBackupName(n);
      const existing = await this.readText(join(this.dir, name));
      // A name taken by something unreadable (a link, a folder) is skipped, never replaced.
      if (!existing.ok) continue;
      if (existing.value === text) return ok(name);
      if (existing.value !== undefined) continue;
      const written = await writeNewFile(join(this.dir, name), text);
      if (written.ok) return ok(name);
      if (written.error.kind !== 'file-exists') return err({ kind: 'store-write-failed', path: join(this.dir, name), message: written.error.message });
    }
    return err({
      kind: 'store-write-failed',
      path: this.path,
      message: `.tessera already holds ${MAX_LAYOUT_BACKUPS} copies of earlier layout.json files, so no copy of this one could be kept; move the old copies away`,
    });
  }
}

function takesAsItIsText(text: string): boolean {
  try {
    return takesAsItIs(JSON.parse(text));
  } catch {
    return false;
  }
}
