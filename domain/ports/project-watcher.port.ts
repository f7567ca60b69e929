import type { Disposable } from './disposable';

/** The folders of a project whose files Tessera lists: `.tessera/agents` (flat) and `.tessera/skills` (any depth). */
export type WatchedFolder = 'agents' | 'skills';

/**
 * Hears edits made outside Tessera (another editor, a git checkout) to a project's agent and skill
 * files, so the views can list them again.
 *
 * A burst of edits to one folder is told once, after it settles; edits to the two folders are told
 * apart. A folder that is missing is created so it can be watched before its first file exists; a
 * folder that is a symbolic link is never followed (a watch of a link to `/` would walk the whole
 * disk), it is just not watched. A project whose file system cannot be watched still opens: its
 * external edits then show after a reload.
 */
export interface ProjectWatcher {
  /** Resolves once the project is being watched (or was found unwatchable); `onChange` is never called after dispose. */
  watch(projectRoot: string, onChange: (folder: WatchedFolder) => void): Promise<Disposable>;
}
