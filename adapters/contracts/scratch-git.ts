import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';

/** Everything of a checkout the user owns that Tessera must leave as it was, in comparable form. */
export interface CheckoutFingerprint {
  /** sha256 of the index file's bytes ('none' without one). */
  readonly index: string;
  readonly head: string;
  readonly branches: string;
  readonly stash: string;
  readonly status: string;
}

/**
 * Real git repositories in a temp folder, for the tests of the git adapters and of the use cases
 * that run on them. Paths are realpaths, so they compare equal to what git prints (macOS /var).
 */
export class ScratchGit {
  readonly base: string;
  private n = 0;

  constructor(prefix = 'tessera-git-') {
    this.base = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  }

  /** git in `dir`, its output as text; throws on failure (a test set-up step that fails is a broken test). */
  git(dir: string, ...args: string[]): string {
    // Optional locks off: reading the status in a test must not rewrite the index it checks.
    return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } });
  }

  /** A fresh path under the scratch folder, where nothing exists yet. */
  freshPath(name: string): string {
    return join(this.base, `fresh-${++this.n}`, name);
  }

  /** A repository on `main` with one commit of `files`; without files, one with no commit yet. */
  repo(files?: Readonly<Record<string, string | Buffer>>, name = `repo-${++this.n}`): string {
    const root = join(this.base, name);
    mkdirSync(root, { recursive: true });
    this.git(root, 'init', '-q', '-b', 'main');
    this.git(root, 'config', 'user.name', 'Test User');
    this.git(root, 'config', 'user.email', 'user@example.com');
    this.git(root, 'config', 'commit.gpgsign', 'false');
    if (files) {
      for (const [path, text] of Object.entries(files)) this.write(root, path, text);
      this.commitAll(root, 'initial');
    }
    return root;
  }

  /** A bare repository to push to, as a remote would be. */
  bare(): string {
    const path = join(this.base, `remote-${++this.n}.git`);
    execFileSync('git', ['init', '-q', '--bare', '-b', 'main', path]);
    return path;
  }

  write(dir: string, path: string, content: string | Buffer): void {
    const full = isAbsolute(path) ? path : join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }

  read(dir: string, path: string): string | undefined {
    const full = join(dir, path);
    return existsSync(full) ? readFileSync(full, 'utf8') : undefined;
  }

  remove(dir: string, path: string): void {
    rmSync(join(dir, path), { recursive: true, force: true });
  }

  commitAll(dir: string, message: string): string {
    this.git(dir, 'add', '-A');
    this.git(dir, 'commit', '-q', '--allow-empty', '-m', message);
    return this.git(dir, 'rev-parse', 'HEAD').trim();
  }

  /** The checkout's index bytes, HEAD, branches, stash and status, read without changing any of them. */
  fingerprint(dir: string): CheckoutFingerprint {
    const indexPath = this.git(dir, 'rev-parse', '--path-format=absolute', '--git-path', 'index').trim();
    const index = existsSync(indexPath) ? createHash('sha256').update(readFileSync(indexPath)).digest('hex') : 'none';
    const head = this.tryGit(dir, 'rev-parse', 'HEAD') ?? `unborn ${this.tryGit(dir, 'symbolic-ref', 'HEAD') ?? ''}`;
    return {
      index,
      head: head.trim(),
      branches: this.git(dir, 'branch', '-a', '-v', '--no-abbrev'),
      stash: this.git(dir, 'stash', 'list'),
      status: this.git(dir, 'status', '--porcelain', '--untracked-files=all'),
    };
  }

  /** Deletes every repository made here. */
  dispose(): void {
    rmSync(this.base, { recursive: true, force: true });
  }

  private tryGit(dir: string, ...args: string[]): string | undefined {
    try {
      return this.git(dir, ...args);
    } catch {
      return undefined;
    }
  }
}
