import type { Result } from '../result';

export type PathKind = 'file' | 'directory' | 'missing' | 'other';

export type FsError = { readonly kind: 'fs-failed'; readonly path: string; readonly message: string };

/** The little file access use cases need beyond the stores (project folders, run dirs, context files). */
export interface FileSystem {
  /** Joins and normalizes path segments the platform's way. */
  join(...segments: string[]): string;
  /** Makes a path absolute against the process' cwd. */
  resolve(path: string): string;
  kind(path: string): Promise<PathKind>;
  /** The absolute path with every link resolved; the path as given (made absolute) when it does not exist. */
  realpath(path: string): Promise<string>;
  mkdirp(path: string): Promise<Result<void, FsError>>;
  readText(path: string): Promise<Result<string, FsError>>;
  /** Atomic: temp file + rename. */
  writeTextAtomic(path: string, text: string): Promise<Result<void, FsError>>;
  /** True when files can be created in the directory. */
  isWritableDirectory(path: string): Promise<boolean>;
}
