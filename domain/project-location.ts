/**
 * Folders that are never a project: opening one writes a `.tessera/` there and serves its files to
 * every client. A folder inside a project's `.tessera` is Tessera's own (opening it would nest a
 * project in another's settings); the system's folders and the home folder itself hold far more than
 * one project (an agent of it would run with all of it as its project).
 */
export type RefusedProjectFolder =
  | { readonly kind: 'project-inside-tessera'; readonly path: string }
  | { readonly kind: 'project-is-system-folder'; readonly path: string }
  | { readonly kind: 'project-is-home-folder'; readonly path: string };

/** The system's own folders, refused as they are (a project below /var or /usr is the user's business). */
const SYSTEM_FOLDERS = new Set(['/etc', '/usr', '/bin', '/sbin', '/var', '/boot', '/private/etc', '/private/var', '/System', '/Library']);
/** `/lib`, `/lib32`, `/lib64`, `/libx32`. */
const LIB_FOLDER = /^\/lib[^/]*$/;
/** Kernel views, refused with everything below them: nothing there is a folder of files. */
const VIRTUAL_TREES = ['/proc', '/sys', '/dev'];

/**
 * Why `path` cannot be a project, or undefined when it can. `path` and `home` are absolute and
 * normalized; the caller checks the path as given and as its links resolve.
 */
export function refusedProjectFolder(path: string, home: string | undefined): RefusedProjectFolder | undefined {
  const trimmed = path.length > 1 ? path.replace(/[/\\]+$/, '') : path;
  if (trimmed.split(/[/\\]/).includes('.tessera')) return { kind: 'project-inside-tessera', path };
  if (SYSTEM_FOLDERS.has(trimmed) || LIB_FOLDER.test(trimmed)) return { kind: 'project-is-system-folder', path };
  if (VIRTUAL_TREES.some((tree) => trimmed === tree || trimmed.startsWith(`${tree}/`))) return { kind: 'project-is-system-folder', path };
  if (home !== undefined && home.length > 1 && trimmed === home.replace(/[/\\]+$/, '')) return { kind: 'project-is-home-folder', path };
  return undefined;
}
