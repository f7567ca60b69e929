import type { FileSystem } from '../domain/ports/file-system.port';
import { err, ok, type Result } from '../domain/result';

export interface Project {
  /** Absolute. */
  readonly root: string;
  /** The folder's name, shown in the title and the sidebar. */
  readonly name: string;
}

export type OpenProjectError =
  | { readonly kind: 'project-not-found'; readonly path: string }
  | { readonly kind: 'project-not-a-directory'; readonly path: string }
  | { readonly kind: 'project-not-writable'; readonly path: string; readonly message: string };

/** What Tessera generates per agent and must never be committed by accident (DESIGN §2). */
export const TESSERA_GITIGNORE = 'run/\nlogs/\ntrash/\n';

/**
 * Opens a folder as a project: it must exist, be a directory, and take a writable `.tessera/`,
 * created on first open with a `.gitignore` for generated files. An existing `.gitignore` is the
 * user's and is never overwritten.
 */
export class OpenProject {
  constructor(private readonly deps: { readonly fs: FileSystem }) {}

  async execute(input: { readonly path: string }): Promise<Result<Project, OpenProjectError>> {
    const { fs } = this.deps;
    const root = fs.resolve(input.path);
    const kind = await fs.kind(root);
    if (kind === 'missing') return err({ kind: 'project-not-found', path: root });
    if (kind !== 'directory') return err({ kind: 'project-not-a-directory', path: root });

    const dir = fs.join(root, '.tessera');
    const made = await fs.mkdirp(dir);
    if (!made.ok) return err({ kind: 'project-not-writable', path: dir, message: made.error.message });
    if (!(await fs.isWritableDirectory(dir))) return err({ kind: 'project-not-writable', path: dir, message: 'files cannot be created there' });

    const gitignore = fs.join(dir, '.gitignore');
    if ((await fs.kind(gitignore)) === 'missing') {
      const written = await fs.writeTextAtomic(gitignore, TESSERA_GITIGNORE);
      if (!written.ok) return err({ kind: 'project-not-writable', path: gitignore, message: written.error.message });
    }
    return ok({ root, name: lastSegment(root) });
  }
}

function lastSegment(path: string): string {
  const parts = path.split(/[/\\]+/).filter((p) => p.length > 0);
  return parts[parts.length - 1] ?? path;
}
