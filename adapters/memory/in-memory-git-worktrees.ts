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

type Files = Map<string, string>;

interface Repository {
  /** Branch -> the files of its last commit. */
  readonly branches: Map<string, Files>;
  /** Patterns of the shared info/exclude (`/dir/name`). */
  readonly excluded: Set<string>;
}

interface Checkout {
  readonly repo: Repository;
  branch: string;
  /** The working tree: relative path -> text. */
  readonly files: Files;
  /** A worktree folder deleted by hand: still registered, no longer there. */
  gone: boolean;
}

/**
 * GitWorktrees in memory, for use-case tests. Paths are `/`-separated and absolute. A checkout is
 * a set of files over a branch's last commit; the methods past the port (`initRepository`, `write`,
 * `commitAll`, ...) set up and act on checkouts as a user or an agent would.
 */
export class InMemoryGitWorktrees implements GitWorktrees {
  private readonly checkouts = new Map<string, Checkout>();
  private readonly plainDirs = new Set<string>();
  /** Every call, in order, as `<method> <first argument>`: tests check what was done. */
  readonly calls: string[] = [];

  /** A repository whose main checkout is at `root` on `main`, with one commit of `files` (none: no commit yet). */
  initRepository(root: string, files?: Readonly<Record<string, string>>): void {
    const repo: Repository = { branches: new Map(), excluded: new Set() };
    const tree: Files = new Map(Object.entries(files ?? {}));
    if (files) repo.branches.set('main', new Map(tree));
    this.checkouts.set(trim(root), { repo, branch: 'main', files: tree, gone: false });
  }

  /** A folder outside any repository. */
  addPlainDirectory(path: string): void {
    this.plainDirs.add(trim(path));
  }

  write(path: string, text: string): void {
    const found = this.checkoutOf(path);
    if (!found || found.relative === '') throw new Error(`no checkout holds ${path}`);
    found.checkout.files.set(found.relative, text);
  }

  read(path: string): string | undefined {
    const found = this.checkoutOf(path);
    return found ? found.checkout.files.get(found.relative) : undefined;
  }

  commitAll(dir: string): void {
    const found = this.checkoutOf(dir);
    if (!found) throw new Error(`no checkout at ${dir}`);
    const { checkout } = found;
    const committed = new Map(checkout.repo.branches.get(checkout.branch) ?? []);
    for (const [path, text] of checkout.files) if (committed.has(path) || !this.isExcluded(checkout, path)) committed.set(path, text);
    for (const path of committed.keys()) if (!checkout.files.has(path)) committed.delete(path);
    checkout.repo.branches.set(checkout.branch, committed);
  }

  branchOf(dir: string): string | undefined {
    return this.checkoutOf(dir)?.checkout.branch;
  }

  branches(dir: string): string[] {
    return [...(this.checkoutOf(dir)?.checkout.repo.branches.keys() ?? [])].sort();
  }

  /** Changed, deleted and untracked (not excluded) files, relative to the checkout's top, sorted. */
  status(dir: string): string[] {
    const found = this.checkoutOf(dir);
    if (!found) return [];
    const { checkout } = found;
    const committed = checkout.repo.branches.get(checkout.branch) ?? new Map<string, string>();
    const out = new Set<string>();
    for (const [path, text] of checkout.files) {
      if (committed.has(path) ? committed.get(path) !== text : !this.isExcluded(checkout, path)) out.add(path);
    }
    for (const path of committed.keys()) if (!checkout.files.has(path)) out.add(path);
    return [...out].sort();
  }

  deleteByHand(path: string): void {
    const checkout = this.checkouts.get(trim(path));
    if (checkout) checkout.gone = true;
  }

  async repositoryRoot(dir: string): Promise<Result<GitRepository, NotAGitRepositoryError>> {
    this.calls.push(`repositoryRoot ${dir}`);
    const found = this.checkoutOf(dir);
    if (!found || !this.existsIn(found.checkout, found.relative)) return err({ kind: 'not-a-git-repository', path: dir });
    return ok({ root: found.root, subdirectory: found.relative });
  }

  async worktreeState(path: string): Promise<WorktreeState> {
    this.calls.push(`worktreeState ${path}`);
    return this.stateOf(path);
  }

  private stateOf(path: string): WorktreeState {
    const at = this.checkouts.get(trim(path));
    if (at && !at.gone) return this.status(path).length === 0 ? 'clean' : 'dirty';
    const found = this.checkoutOf(path);
    if (this.plainDirs.has(trim(path)) || (found && this.existsIn(found.checkout, found.relative))) return 'not-a-worktree';
    return 'missing';
  }

  async addWorktree(request: AddWorktreeRequest): Promise<Result<void, WorktreeFailedError>> {
    this.calls.push(`addWorktree ${request.path}`);
    const failed = (message: string) => err({ kind: 'worktree-failed' as const, path: request.path, message });
    const path = trim(request.path);
    const source = this.checkoutOf(request.repo);
    if (!source) return failed(`not a git repository: '${request.repo}'`);
    if (this.stateOf(path) !== 'missing') return failed(`'${request.path}' already exists`);
    const repo = source.checkout.repo;
    const elsewhere = [...this.checkouts].find(([, c]) => c.repo === repo && !c.gone && c.branch === request.branch);
    if (elsewhere) return failed(`'${request.branch}' is already checked out at '${elsewhere[0]}'`);
    let commit = repo.branches.get(request.branch);
    if (!commit) {
      const head = repo.branches.get(source.checkout.branch);
      if (!head) return failed('invalid reference: HEAD');
      commit = new Map(head);
      repo.branches.set(request.branch, commit);
    }
    this.checkouts.set(path, { repo, branch: request.branch, files: new Map(commit), gone: false });
    return ok(undefined);
  }

  async removeWorktree(path: string): Promise<Result<void, WorktreeDirtyError | WorktreeFailedError>> {
    this.calls.push(`removeWorktree ${path}`);
    const state = this.stateOf(path);
    if (state === 'missing') return ok(undefined);
    if (state === 'dirty') return err({ kind: 'worktree-dirty', path });
    if (state === 'not-a-worktree') return err({ kind: 'worktree-failed', path, message: 'this folder is not a git worktree' });
    this.checkouts.delete(trim(path));
    return ok(undefined);
  }

  async isTracked(dir: string, file: string): Promise<boolean> {
    this.calls.push(`isTracked ${dir}`);
    const found = this.checkoutOf(dir);
    if (!found) return false;
    const committed = found.checkout.repo.branches.get(found.checkout.branch);
    return committed?.has(joinRelative(found.relative, file)) ?? false;
  }

  async excludeUntracked(dir: string, file: string): Promise<Result<void, WorktreeFailedError>> {
    this.calls.push(`excludeUntracked ${dir}`);
    const found = this.checkoutOf(dir);
    if (!found) return err({ kind: 'worktree-failed', path: dir, message: `not a git repository: '${dir}'` });
    found.checkout.repo.excluded.add(`/${joinRelative(found.relative, file)}`);
    return ok(undefined);
  }

  /** The innermost present checkout holding `path`, and the path relative to its top. */
  private checkoutOf(path: string): { root: string; checkout: Checkout; relative: string } | undefined {
    const wanted = trim(path);
    let best: { root: string; checkout: Checkout; relative: string } | undefined;
    for (const [root, checkout] of this.checkouts) {
      if (checkout.gone) continue;
      const inside = wanted === root || wanted.startsWith(`${root}/`);
      if (inside && (!best || root.length > best.root.length)) best = { root, checkout, relative: wanted.slice(root.length + 1) };
    }
    return best;
  }

  /** A folder exists in a checkout when it is the top or holds a file. */
  private existsIn(checkout: Checkout, relative: string): boolean {
    return relative === '' || [...checkout.files.keys()].some((p) => p.startsWith(`${relative}/`));
  }

  private isExcluded(checkout: Checkout, relative: string): boolean {
    return checkout.repo.excluded.has(`/${relative}`);
  }
}

function trim(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

function joinRelative(dir: string, file: string): string {
  return dir === '' ? file : `${dir}/${file}`;
}
