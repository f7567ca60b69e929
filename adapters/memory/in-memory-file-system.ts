import type { FileSystem, FsError, PathKind } from '../../domain/ports/file-system.port';
import { err, ok, type Result } from '../../domain/result';

/**
 * A POSIX-style file tree in memory. Paths are normalized like node:path's posix flavour,
 * so tests read the same as with real files. `readOnly` marks directories where writes fail.
 */
export class InMemoryFileSystem implements FileSystem {
  readonly files = new Map<string, string>();
  readonly directories = new Set<string>(['/']);
  readonly readOnly = new Set<string>();

  constructor(private readonly cwd = '/work') {}

  join(...segments: string[]): string {
    return normalize(segments.filter((s) => s.length > 0).join('/') || '.');
  }

  resolve(path: string): string {
    return normalize(path.startsWith('/') ? path : `${this.cwd}/${path}`);
  }

  /** This tree holds no links. */
  async realpath(path: string): Promise<string> {
    return this.resolve(path);
  }

  async kind(path: string): Promise<PathKind> {
    const p = this.resolve(path);
    if (this.files.has(p)) return 'file';
    if (this.directories.has(p)) return 'directory';
    return 'missing';
  }

  async mkdirp(path: string): Promise<Result<void, FsError>> {
    const p = this.resolve(path);
    const chain = ancestors(p);
    for (const dir of chain) {
      if (this.files.has(dir)) return err({ kind: 'fs-failed', path, message: `${dir} is a file` });
    }
    for (const dir of chain) {
      if (!this.directories.has(dir) && this.readOnly.has(parentOf(dir))) {
        return err({ kind: 'fs-failed', path, message: `${parentOf(dir)} is read-only` });
      }
      this.directories.add(dir);
    }
    return ok(undefined);
  }

  async readText(path: string): Promise<Result<string, FsError>> {
    const text = this.files.get(this.resolve(path));
    return text === undefined ? err({ kind: 'fs-failed', path, message: 'no such file' }) : ok(text);
  }

  async writeTextAtomic(path: string, text: string): Promise<Result<void, FsError>> {
    const p = this.resolve(path);
    const parent = parentOf(p);
    if (!this.directories.has(parent)) return err({ kind: 'fs-failed', path, message: `${parent} does not exist` });
    if (this.readOnly.has(parent)) return err({ kind: 'fs-failed', path, message: `${parent} is read-only` });
    if (this.directories.has(p)) return err({ kind: 'fs-failed', path, message: 'is a directory' });
    this.files.set(p, text);
    return ok(undefined);
  }

  async isWritableDirectory(path: string): Promise<boolean> {
    const p = this.resolve(path);
    return this.directories.has(p) && !this.readOnly.has(p);
  }
}

function normalize(path: string): string {
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  return absolute ? `/${joined}` : joined || '.';
}

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

function ancestors(path: string): string[] {
  const chain: string[] = [];
  for (let p = path; p !== '/'; p = parentOf(p)) chain.unshift(p);
  return chain;
}
