import type { FileSystem } from '../domain/ports/file-system.port';
import { refusedProjectFolder, type RefusedProjectFolder } from '../domain/project-location';
import { err, ok, type Result } from '../domain/result';

export interface Project {
  /** Absolute. */
  readonly root: string;
  /** The folder's name, shown in the title and the sidebar. */
  readonly name: string;
}

/** A project as opened: `created` is true when this open made its `.tessera/` (Tessera's first sight of it). */
export interface OpenedProject extends Project {
  readonly created: boolean;
}

export type OpenProjectError =
  | { readonly kind: 'project-not-found'; readonly path: string }
  /** `/` (or a drive root) would get a `.tessera/` at the top of the disk. */
  | { readonly kind: 'project-is-filesystem-root'; readonly path: string }
  | RefusedProjectFolder
  | { readonly kind: 'project-not-a-directory'; readonly path: string }
  | { readonly kind: 'project-not-writable'; readonly path: string; readonly message: string };

/** What Tessera generates per agent and must never be committed by accident. */
export const TESSERA_GITIGNORE = 'run/\nlogs/\ntrash/\n';

/**
 * Opens a folder as a project: it must exist, be a directory, and take a writable `.tessera/`,
 * created on first open with a `.gitignore` for generated files. An existing `.gitignore` is the
 * user's and is never overwritten. Folders that are never a project (domain/project-location.ts) are
 * refused as given and as their links resolve, before anything is written.
 */
export class OpenProject {
  constructor(private readonly deps: { readonly fs: FileSystem; readonly home?: string }) {}

  async execute(input: { readonly path: string }): Promise<Result<OpenedProject, OpenProjectError>> {
    const { fs } = this.deps;
    const root = fs.resolve(input.path);
    // The root is the one folder that is its own parent.
    if (fs.join(root, '..') === root) return err({ kind: 'project-is-filesystem-root', path: root });
    const home = this.deps.home === undefined ? undefined : fs.resolve(this.deps.home);
    const realHome = home === undefined ? undefined : await fs.realpath(home);
    const real = await fs.realpath(root);
    const refused = refusedProjectFolder(root, home) ?? refusedProjectFolder(real, realHome);
    if (refused) return err({ ...refused, path: root });
    if (fs.join(real, '..') === real) return err({ kind: 'project-is-filesystem-root', path: root });
    const kind = await fs.kind(root);
    if (kind === 'missing') return err({ kind: 'project-not-found', path: root });
    if (kind !== 'directory') return err({ kind: 'project-not-a-directory', path: root });

    const dir = fs.join(root, '.tessera');
    const before = await fs.kind(dir);
    // A link (or a file) named .tessera would send Tessera's writes elsewhere: never followed.
    if (before !== 'missing' && before !== 'directory') {
      return err({ kind: 'project-not-writable', path: dir, message: 'it is not a folder (a link or a file), and Tessera does not follow links there' });
    }
    const made = await fs.mkdirp(dir);
    if (!made.ok) return err({ kind: 'project-not-writable', path: dir, message: made.error.message });
    if (!(await fs.isWritableDirectory(dir))) return err({ kind: 'project-not-writable', path: dir, message: 'files cannot be created there' });

    const gitignore = fs.join(dir, '.gitignore');
    if ((await fs.kind(gitignore)) === 'missing') {
      const written = await fs.writeTextAtomic(gitignore, TESSERA_GITIGNORE);
      if (!written.ok) return err({ kind: 'project-not-writable', path: gitignore, message: written.error.message });
    }
    return ok({ root, name: lastSegment(root), created: before === 'missing' });
  }
}

function lastSegment(path: string): string {
  const parts = path.split(/[/\\]+/).filter((p) => p.length > 0);
  return parts[parts.length - 1] ?? path;
}
