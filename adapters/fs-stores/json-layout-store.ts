import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Layout, LayoutError } from '../../domain/layout';
import { validateLayout } from '../../domain/layout';
import { parseLayout } from '../../domain/layout-parsing';
import type { StoreWriteError } from '../../domain/ports/agent-store.port';
import type { LayoutStore } from '../../domain/ports/layout-store.port';
import { err, ok, type Result } from '../../domain/result';
import { isMissing, messageOf, writeFileAtomic } from './atomic-file';

/** `.tessera/layout.json`: checked on the way in and on the way out; a bad file is reported, never replaced by load. */
export class JsonLayoutStore implements LayoutStore {
  private readonly path: string;

  constructor(projectRoot: string) {
    this.path = join(projectRoot, '.tessera', 'layout.json');
  }

  async load(): Promise<Result<Layout | undefined, LayoutError>> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if (isMissing(error)) return ok(undefined);
      return err({ kind: 'layout-invalid', reason: `layout.json cannot be read: ${messageOf(error)}` });
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      return err({ kind: 'layout-invalid', reason: `layout.json is not valid JSON: ${messageOf(error)}` });
    }
    return parseLayout(data);
  }

  async save(layout: Layout): Promise<Result<void, StoreWriteError | LayoutError>> {
    const valid = validateLayout(layout);
    if (!valid.ok) return valid;
    return writeFileAtomic(this.path, `${JSON.stringify(layout, null, 2)}\n`);
  }
}
