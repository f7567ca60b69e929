import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StoreWriteError } from '../../domain/ports/agent-store.port';
import type { Result } from '../../domain/result';
import { writeFileAtomic } from './atomic-file';

export interface RecentProject {
  readonly root: string;
  readonly name: string;
  readonly openedAt: number;
}

const MAX_RECENT = 10;

/**
 * `<configDir>/tessera/recent.json`: the projects opened last, most recent first, one entry per
 * root, at most ten. The file is ours, not the user's: an unreadable one reads as empty and is
 * replaced on the next open.
 */
export class RecentProjects {
  private readonly path: string;

  constructor(
    configDir: string,
    private readonly now: () => number = Date.now,
  ) {
    this.path = join(configDir, 'tessera', 'recent.json');
  }

  async list(): Promise<readonly RecentProject[]> {
    let data: unknown;
    try {
      data = JSON.parse(await readFile(this.path, 'utf8'));
    } catch {
      return [];
    }
    if (!Array.isArray(data)) return [];
    return data.filter(isRecentProject).slice(0, MAX_RECENT);
  }

  async add(project: { readonly root: string; readonly name: string }): Promise<Result<void, StoreWriteError>> {
    const others = (await this.list()).filter((p) => p.root !== project.root);
    const next = [{ root: project.root, name: project.name, openedAt: this.now() }, ...others].slice(0, MAX_RECENT);
    return writeFileAtomic(this.path, `${JSON.stringify(next, null, 2)}\n`);
  }
}

function isRecentProject(value: unknown): value is RecentProject {
  const p = value as Partial<RecentProject> | null;
  return typeof p === 'object' && p !== null && typeof p.root === 'string' && typeof p.name === 'string' && typeof p.openedAt === 'number';
}
