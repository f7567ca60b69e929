import { appendFile, mkdir, readFile, realpath } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type {
  AddWorktreeRequest,
  GitRepository,
  GitWorktrees,
  NotAGitRepositoryError,
  WorktreeDirtyError,
  WorktreeFailedError,
  WorktreeState,
} from '../../domain/ports/git.port';
import { err, ok, type Result } from '../../domain/result';
import { GitProcess, gitMessage, pathExists, type GitRun } from './git-process';

export interface CliGitWorktreesOptions {
  /** The git executable; `git` on PATH by default. */
  readonly git?: string;
  /** For quick queries (status, rev-parse). */
  readonly timeoutMs?: number;
  /** For `worktree add`, which checks out every file of the repository. */
  readonly checkoutTimeoutMs?: number;
}

/** GitWorktrees on the `git` command line (see GitProcess for how git is called). */
export class CliGitWorktrees implements GitWorktrees {
  private readonly git: GitProcess;
  private readonly checkoutTimeoutMs: number;

  constructor(options: CliGitWorktreesOptions = {}) {
    this.git = new GitProcess(options);
    this.checkoutTimeoutMs = options.checkoutTimeoutMs ?? 300_000;
  }

  async repositoryRoot(dir: string): Promise<Result<GitRepository, NotAGitRepositoryError>> {
    const run = await this.run(['-C', dir, 'rev-parse', '--show-toplevel', '--show-prefix']);
    const [root, prefix = ''] = run.stdout.split('\n');
    // A bare repository or a .git folder answers without a top level: no checkout to branch from.
    if (run.code !== 0 || !root) return err({ kind: 'not-a-git-repository', path: dir });
    return ok({ root, subdirectory: prefix.replace(/\/+$/, '') });
  }

  async worktreeState(path: string): Promise<WorktreeState> {
    if (!(await pathExists(path))) return 'missing';
    const top = await this.run(['-C', path, 'rev-parse', '--show-toplevel']);
    if (top.code !== 0 || !(await samePath(top.stdout.trim(), path))) return 'not-a-worktree';
    // Untracked files count (they are work); ignored and excluded ones do not.
    const status = await this.run(['-C', path, 'status', '--porcelain', '--untracked-files=all']);
    if (status.code !== 0) return 'not-a-worktree';
    return status.stdout.trim() === '' ? 'clean' : 'dirty';
  }

  async addWorktree(request: AddWorktreeRequest): Promise<Result<void, WorktreeFailedError>> {
    const failed = (run: GitRun) => err({ kind: 'worktree-failed' as const, path: request.path, message: gitMessage(run) });
    const path = resolve(request.path);
    // Checked here, not left to git: `worktree add -b` creates the branch before it finds the path taken.
    if (await pathExists(path)) return err({ kind: 'worktree-failed', path: request.path, message: `'${request.path}' already exists` });
    // A worktree folder deleted by hand stays registered and blocks `add`; with its folder gone
    // there is nothing left to lose, so only that one registration is cleared (not a repository-wide prune).
    if (await this.isRegistered(request.repo, path)) {
      const cleared = await this.run(['-C', request.repo, 'worktree', 'remove', path]);
      if (cleared.code !== 0) return failed(cleared);
    }
    try {
      await mkdir(dirname(path), { recursive: true });
    } catch (error) {
      return err({ kind: 'worktree-failed', path: request.path, message: (error as Error).message });
    }
    const branchExists = (await this.run(['-C', request.repo, 'rev-parse', '--verify', '--quiet', `refs/heads/${request.branch}`])).code === 0;
    const args = branchExists
      ? ['-C', request.repo, 'worktree', 'add', path, request.branch]
      : ['-C', request.repo, 'worktree', 'add', '-b', request.branch, path, 'HEAD'];
    const added = await this.run(args, this.checkoutTimeoutMs);
    return added.code === 0 ? ok(undefined) : failed(added);
  }

  async removeWorktree(path: string): Promise<Result<void, WorktreeDirtyError | WorktreeFailedError>> {
    const state = await this.worktreeState(path);
    if (state === 'missing') return ok(undefined);
    if (state === 'dirty') return err({ kind: 'worktree-dirty', path });
    if (state === 'not-a-worktree') return err({ kind: 'worktree-failed', path, message: 'this folder is not a git worktree' });
    // No --force: git itself refuses once more if something changed since the check above.
    const removed = await this.run(['-C', path, 'worktree', 'remove', path]);
    if (removed.code === 0) return ok(undefined);
    return (await this.worktreeState(path)) === 'dirty' ? err({ kind: 'worktree-dirty', path }) : err({ kind: 'worktree-failed', path, message: gitMessage(removed) });
  }

  async isTracked(dir: string, file: string): Promise<boolean> {
    const listed = await this.run(['-C', dir, 'ls-files', '-z', '--', `:(literal)${file}`]);
    return listed.code === 0 && listed.stdout.length > 0;
  }

  async excludeUntracked(dir: string, file: string): Promise<Result<void, WorktreeFailedError>> {
    const failed = (message: string) => err({ kind: 'worktree-failed' as const, path: dir, message });
    const where = await this.run(['-C', dir, 'rev-parse', '--path-format=absolute', '--git-path', 'info/exclude', '--show-prefix']);
    const [excludePath, prefix = ''] = where.stdout.split('\n');
    if (where.code !== 0 || !excludePath) return failed(gitMessage(where));
    // Anchored to its folder (leading slash) so a file of that name elsewhere in the tree still shows.
    const pattern = `/${prefix}${escapePattern(file)}`;
    try {
      const current = await readFile(excludePath, 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return '';
        throw error;
      });
      const lines = current.split(/\r?\n/);
      if (lines.includes(pattern)) return ok(undefined);
      await mkdir(dirname(excludePath), { recursive: true });
      const lead = current.length > 0 && !current.endsWith('\n') ? '\n' : '';
      const header = lines.includes(EXCLUDE_HEADER) ? '' : `${EXCLUDE_HEADER}\n`;
      await appendFile(excludePath, `${lead}${header}${pattern}\n`);
      return ok(undefined);
    } catch (error) {
      return failed((error as Error).message);
    }
  }

  private async isRegistered(repo: string, path: string): Promise<boolean> {
    const listed = await this.run(['-C', repo, 'worktree', 'list', '--porcelain', '-z']);
    if (listed.code !== 0) return false;
    const wanted = new Set([path, join(await realpathOrSelf(dirname(path)), basename(path))]);
    return listed.stdout.split('\0').some((field) => field.startsWith('worktree ') && wanted.has(field.slice('worktree '.length)));
  }

  private run(args: readonly string[], timeoutMs?: number): Promise<GitRun> {
    return this.git.run(args, timeoutMs === undefined ? {} : { timeoutMs });
  }
}

/** Marks Tessera's lines in the shared exclude file, so a person reading it knows where they came from. */
const EXCLUDE_HEADER = '# Added by Tessera: context files of agent worktrees (never committed)';

/** Glob characters in a file name are matched literally. */
function escapePattern(name: string): string {
  return name.replace(/[\\*?[\]!#]/g, (c) => `\\${c}`);
}

async function realpathOrSelf(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return path;
  }
}

async function samePath(a: string, b: string): Promise<boolean> {
  return (await realpathOrSelf(a)) === (await realpathOrSelf(b));
}
