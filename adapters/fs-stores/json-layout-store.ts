import { join } from 'node:path';
import type { Layout, LayoutError, LoadedLayout } from '../../domain/layout';
import { validateLayout } from '../../domain/layout';
import { parseLayout, readLayoutFile } from '../../domain/layout-parsing';
import type { StoreWriteError } from '../../domain/ports/agent-store.port';
import type { LayoutStore } from '../../domain/ports/layout-store.port';
import { err, ok, type Result } from '../../domain/result';
import { isMissing, messageOf, readTextNoFollow, writeFileAtomic } from './atomic-file';

export const LAYOUT_BACKUP_NAME = 'layout.json.bak';

/**
 * `.tessera/layout.json`: checked on the way in and on the way out. Load never changes the file:
 * it repairs what it can in memory, and a file it cannot load is copied to layout.json.bak, which
 * save also does before it first writes over a file that did not load as it is (DESIGN §2: a bad
 * file is never silently lost).
 */
export class JsonLayoutStore implements LayoutStore {
  private readonly path: string;
  private readonly backupPath: string;

  constructor(projectRoot: string) {
    this.path = join(projectRoot, '.tessera', 'layout.json');
    this.backupPath = join(projectRoot, '.tessera', LAYOUT_BACKUP_NAME);
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
    return err({ ...loaded.error, ...(kept.ok ? { backup: LAYOUT_BACKUP_NAME } : {}) });
  }

  async save(layout: Layout): Promise<Result<void, StoreWriteError | LayoutError>> {
    const valid = validateLayout(layout);
    if (!valid.ok) return valid;
    const current = await this.readText(this.path);
    if (!current.ok) return err({ kind: 'store-write-failed', path: this.path, message: `the file there cannot be read, so no copy of it could be kept: ${current.error}` });
    if (current.value !== undefined && !takesAsItIs(current.value)) {
      const kept = await this.keepCopy(current.value);
      if (!kept.ok) return kept;
    }
    return writeFileAtomic(this.path, `${JSON.stringify(layout, null, 2)}\n`);
  }

  /** ok(undefined) when there is no file. */
  private async readText(path: string): Promise<Result<string | undefined, string>> {
    try {
      // A layout.json that is a link is refused, not followed (finding 2).
      return ok(await readTextNoFollow(path));
    } catch (error) {
      return isMissing(error) ? ok(undefined) : err(messageOf(error));
    }
  }

  private async keepCopy(text: string): Promise<Result<void, StoreWriteError>> {
    const previous = await this.readText(this.backupPath);
    if (previous.ok && previous.value === text) return ok(undefined);
    return writeFileAtomic(this.backupPath, text);
  }
}

/** The file is exactly a valid layout: writing over it loses nothing the user wrote. */
function takesAsItIs(text: string): boolean {
  try {
    return parseLayout(JSON.parse(text)).ok;
  } catch {
    return false;
  }
}
