import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { Disposable } from '../../domain/ports/disposable';
import type { ProjectWatcher, WatchedFolder } from '../../domain/ports/project-watcher.port';
import type { Scheduler } from '../../domain/ports/scheduler.port';
import { checkFolders, LinkRefusedError } from '../shared/no-follow';

export interface NodeProjectWatcherOptions {
  /** Times the quiet period after a burst of edits. */
  readonly scheduler: Scheduler;
  /** How long a folder must stay quiet before its burst is told (ms). */
  readonly debounceMs: number;
  /** Hears a folder that could not be watched; the project works on without it. */
  readonly log: (message: string, error?: unknown) => void;
}

const FOLDERS: ReadonlyArray<{ readonly folder: WatchedFolder; readonly recursive: boolean }> = [
  { folder: 'agents', recursive: false },
  { folder: 'skills', recursive: true },
];

/**
 * ProjectWatcher on Node's fs.watch. Each folder is checked (and created) by the no-link rule of
 * `.tessera` before it is watched, so neither `.tessera` nor the folder itself can be a link that
 * leads the watch elsewhere.
 */
export class NodeProjectWatcher implements ProjectWatcher {
  constructor(private readonly options: NodeProjectWatcherOptions) {}

  async watch(projectRoot: string, onChange: (folder: WatchedFolder) => void): Promise<Disposable> {
    const watches = await Promise.all(FOLDERS.map((target) => this.watchFolder(join(projectRoot, '.tessera', target.folder), target.recursive, () => onChange(target.folder))));
    return {
      dispose: () => {
        for (const one of watches) one.dispose();
      },
    };
  }

  private async watchFolder(dir: string, recursive: boolean, tell: () => void): Promise<Disposable> {
    const { scheduler, debounceMs, log } = this.options;
    try {
      await checkFolders(dir, { create: true });
    } catch (error) {
      if (error instanceof LinkRefusedError) log(`not watching ${dir}: it is a symbolic link`);
      else log(`cannot watch ${dir}`, error);
      return { dispose: () => undefined };
    }
    let pending: Disposable | undefined;
    let watcher: FSWatcher;
    let disposed = false;
    try {
      watcher = watch(dir, { recursive, persistent: false }, () => {
        if (disposed) return;
        pending?.dispose();
        pending = scheduler.setTimeout(() => {
          pending = undefined;
          if (!disposed) tell();
        }, debounceMs);
      });
    } catch (error) {
      // A file system without watch support (some network mounts) still serves the project.
      log(`cannot watch ${dir}`, error);
      return { dispose: () => undefined };
    }
    watcher.on('error', (error) => log(`watching ${dir} failed`, error));
    return {
      dispose: () => {
        disposed = true;
        pending?.dispose();
        watcher.close();
      },
    };
  }
}
