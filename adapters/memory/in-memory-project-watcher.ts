import type { Disposable } from '../../domain/ports/disposable';
import type { ProjectWatcher, WatchedFolder } from '../../domain/ports/project-watcher.port';

interface Watch {
  readonly root: string;
  readonly onChange: (folder: WatchedFolder) => void;
}

/**
 * A ProjectWatcher that hears only what a test says changed (`changed`). The edits said in one
 * turn are one burst: each folder is told once, in the next macrotask turn.
 */
export class InMemoryProjectWatcher implements ProjectWatcher {
  private readonly watches = new Set<Watch>();
  private readonly pending = new Map<Watch, Set<WatchedFolder>>();

  async watch(projectRoot: string, onChange: (folder: WatchedFolder) => void): Promise<Disposable> {
    const entry: Watch = { root: trimSlash(projectRoot), onChange };
    this.watches.add(entry);
    return {
      dispose: () => {
        this.watches.delete(entry);
        this.pending.delete(entry);
      },
    };
  }

  /** How many watches are live (tests check that a closed project stopped watching). */
  get watching(): number {
    return this.watches.size;
  }

  /** A file of the project at `projectRoot` was written: `relativePath` like `.tessera/agents/x.md`. */
  changed(projectRoot: string, relativePath: string): void {
    const folder = folderOf(relativePath);
    if (!folder) return;
    const root = trimSlash(projectRoot);
    for (const entry of this.watches) {
      if (entry.root !== root) continue;
      let folders = this.pending.get(entry);
      if (!folders) {
        folders = new Set();
        this.pending.set(entry, folders);
        setImmediate(() => this.tell(entry));
      }
      folders.add(folder);
    }
  }

  private tell(entry: Watch): void {
    const folders = this.pending.get(entry);
    this.pending.delete(entry);
    if (!folders || !this.watches.has(entry)) return;
    for (const folder of folders) entry.onChange(folder);
  }
}

/** `.tessera/agents` is watched flat, `.tessera/skills` at any depth, as on a real disk. */
function folderOf(relativePath: string): WatchedFolder | undefined {
  const parts = relativePath.split('/').filter((part) => part !== '' && part !== '.');
  if (parts[0] !== '.tessera') return undefined;
  if (parts[1] === 'agents' && parts.length === 3) return 'agents';
  if (parts[1] === 'skills' && parts.length >= 3) return 'skills';
  return undefined;
}

function trimSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}
