import { describe, expect, it } from 'vitest';
import type { GitWorktrees } from '../../domain/ports/git.port';

/**
 * A GitWorktrees adapter with the means to set up repositories and act on checkouts the way a user
 * or an agent would. The real one does it with git on temp folders; the fake in memory.
 */
export interface GitWorktreesWorld {
  readonly git: GitWorktrees;
  /** A fresh absolute path in the scratch area, where nothing exists yet. */
  freshPath(name: string): string;
  /** A new repository with one commit holding `files` (relative path -> text); with no files, a repository with no commit yet. */
  repo(files?: Readonly<Record<string, string>>): Promise<string>;
  /** A folder outside any repository. */
  plainDir(): Promise<string>;
  write(path: string, text: string): Promise<void>;
  read(path: string): Promise<string | undefined>;
  /** Commits every change and untracked (not ignored) file of the checkout, as `git add -A && git commit` does. */
  commitAll(dir: string): Promise<void>;
  /** The branch checked out in the checkout at `dir`. */
  branchOf(dir: string): Promise<string>;
  /** The repository's local branches, sorted. */
  branches(dir: string): Promise<string[]>;
  /** What `git status` would list in the checkout: paths relative to its top, sorted. */
  status(dir: string): Promise<string[]>;
  /** Deletes a worktree's folder the way a user would, behind git's back. */
  deleteByHand(path: string): Promise<void>;
}

/** The GitWorktrees port's behaviour, for the git CLI adapter and the in-memory fake. */
export function gitWorktreesContract(name: string, make: () => Promise<GitWorktreesWorld>): void {
  describe(`GitWorktrees contract: ${name}`, () => {
    it('finds the repository of a folder, at its root or below', async () => {
      const w = await make();
      const root = await w.repo({ 'README.md': 'hi', 'packages/app/index.ts': 'x' });
      expect(await w.git.repositoryRoot(root)).toEqual({ ok: true, value: { root, subdirectory: '' } });
      expect(await w.git.repositoryRoot(`${root}/packages/app`)).toEqual({ ok: true, value: { root, subdirectory: 'packages/app' } });
    });

    it('says a plain folder or a missing one is not a git repository', async () => {
      const w = await make();
      const plain = await w.plainDir();
      expect(await w.git.repositoryRoot(plain)).toEqual({ ok: false, error: { kind: 'not-a-git-repository', path: plain } });
      const missing = w.freshPath('nowhere');
      expect(await w.git.repositoryRoot(missing)).toEqual({ ok: false, error: { kind: 'not-a-git-repository', path: missing } });
    });

    it('creates the branch from HEAD in a new worktree that is clean and holds the committed files', async () => {
      const w = await make();
      const root = await w.repo({ 'README.md': 'hello' });
      const path = w.freshPath('worktrees/proj/reviewer');
      expect(await w.git.worktreeState(path)).toBe('missing');
      expect(await w.git.addWorktree({ repo: root, path, branch: 'tessera/reviewer' })).toEqual({ ok: true, value: undefined });
      expect(await w.git.worktreeState(path)).toBe('clean');
      expect(await w.branchOf(path)).toBe('tessera/reviewer');
      expect(await w.read(`${path}/README.md`)).toBe('hello');
      expect(await w.git.repositoryRoot(path)).toEqual({ ok: true, value: { root: path, subdirectory: '' } });
      // The user's own checkout is untouched.
      expect(await w.branchOf(root)).not.toBe('tessera/reviewer');
      expect(await w.status(root)).toEqual([]);
    });

    it('reads dirty for a changed or an untracked file in a worktree', async () => {
      const w = await make();
      const root = await w.repo({ 'README.md': 'hello' });
      const changed = w.freshPath('changed');
      await w.git.addWorktree({ repo: root, path: changed, branch: 'tessera/a' });
      await w.write(`${changed}/README.md`, 'edited');
      expect(await w.git.worktreeState(changed)).toBe('dirty');
      const untracked = w.freshPath('untracked');
      await w.git.addWorktree({ repo: root, path: untracked, branch: 'tessera/b' });
      await w.write(`${untracked}/notes/new.txt`, 'new');
      expect(await w.git.worktreeState(untracked)).toBe('dirty');
    });

    it('says a plain folder or a folder inside a checkout is not a worktree', async () => {
      const w = await make();
      expect(await w.git.worktreeState(await w.plainDir())).toBe('not-a-worktree');
      const root = await w.repo({ 'src/a.ts': 'a' });
      expect(await w.git.worktreeState(`${root}/src`)).toBe('not-a-worktree');
    });

    it('checks out an existing branch with its commits again after the worktree was removed', async () => {
      const w = await make();
      const root = await w.repo({ 'README.md': 'hello' });
      const path = w.freshPath('wt');
      await w.git.addWorktree({ repo: root, path, branch: 'tessera/rev' });
      await w.write(`${path}/work.txt`, 'done');
      await w.commitAll(path);
      expect(await w.git.removeWorktree(path)).toEqual({ ok: true, value: undefined });
      expect(await w.git.worktreeState(path)).toBe('missing');
      expect(await w.git.addWorktree({ repo: root, path, branch: 'tessera/rev' })).toEqual({ ok: true, value: undefined });
      expect(await w.read(`${path}/work.txt`)).toBe('done');
      expect(await w.branchOf(path)).toBe('tessera/rev');
    });

    it('adds a worktree again after its folder was deleted by hand', async () => {
      const w = await make();
      const root = await w.repo({ 'README.md': 'hello' });
      const path = w.freshPath('wt');
      await w.git.addWorktree({ repo: root, path, branch: 'tessera/rev' });
      await w.deleteByHand(path);
      expect(await w.git.worktreeState(path)).toBe('missing');
      expect(await w.git.addWorktree({ repo: root, path, branch: 'tessera/rev' })).toEqual({ ok: true, value: undefined });
      expect(await w.git.worktreeState(path)).toBe('clean');
    });

    it('fails with git’s message for a repository without a commit, a branch checked out elsewhere and a taken path', async () => {
      const w = await make();
      const empty = await w.repo();
      const a = w.freshPath('a');
      const noCommit = await w.git.addWorktree({ repo: empty, path: a, branch: 'tessera/a' });
      expect(noCommit).toMatchObject({ ok: false, error: { kind: 'worktree-failed', path: a } });
      expect(!noCommit.ok && noCommit.error.message.length).toBeGreaterThan(0);

      const root = await w.repo({ 'README.md': 'hello' });
      await w.git.addWorktree({ repo: root, path: a, branch: 'tessera/a' });
      const b = w.freshPath('b');
      const twice = await w.git.addWorktree({ repo: root, path: b, branch: 'tessera/a' });
      expect(twice).toMatchObject({ ok: false, error: { kind: 'worktree-failed', path: b } });
      expect(!twice.ok && twice.error.message).toContain('tessera/a');
      expect(await w.git.worktreeState(b)).toBe('missing');

      const taken = await w.git.addWorktree({ repo: root, path: a, branch: 'tessera/c' });
      expect(taken).toMatchObject({ ok: false, error: { kind: 'worktree-failed', path: a } });
      expect(await w.branchOf(a)).toBe('tessera/a');
      // No branch is left behind by a failed attempt.
      expect(await w.branches(root)).toEqual(['main', 'tessera/a']);
    });

    it('refuses to remove a worktree with uncommitted work, and keeps it', async () => {
      const w = await make();
      const root = await w.repo({ 'README.md': 'hello' });
      const path = w.freshPath('wt');
      await w.git.addWorktree({ repo: root, path, branch: 'tessera/rev' });
      await w.write(`${path}/draft.txt`, 'unsaved thoughts');
      expect(await w.git.removeWorktree(path)).toEqual({ ok: false, error: { kind: 'worktree-dirty', path } });
      expect(await w.read(`${path}/draft.txt`)).toBe('unsaved thoughts');
      expect(await w.git.removeWorktree(w.freshPath('never-made'))).toEqual({ ok: true, value: undefined });
    });

    it('tells tracked files from untracked ones, in the folder asked about', async () => {
      const w = await make();
      const root = await w.repo({ 'CLAUDE.md': 'the user’s', 'src/main.ts': 'x' });
      expect(await w.git.isTracked(root, 'CLAUDE.md')).toBe(true);
      expect(await w.git.isTracked(root, 'AGENTS.md')).toBe(false);
      expect(await w.git.isTracked(`${root}/src`, 'CLAUDE.md')).toBe(false);
      expect(await w.git.isTracked(`${root}/src`, 'main.ts')).toBe(true);
    });

    it('keeps an excluded file out of the status of the worktree and of the main checkout, once however often asked', async () => {
      const w = await make();
      const root = await w.repo({ 'README.md': 'hello', 'pkg/index.ts': 'x' });
      const path = w.freshPath('wt');
      await w.git.addWorktree({ repo: root, path, branch: 'tessera/rev' });
      await w.write(`${path}/pkg/AGENTS.md`, 'context');
      expect(await w.status(path)).toEqual(['pkg/AGENTS.md']);
      expect(await w.git.excludeUntracked(`${path}/pkg`, 'AGENTS.md')).toEqual({ ok: true, value: undefined });
      expect(await w.git.excludeUntracked(`${path}/pkg`, 'AGENTS.md')).toEqual({ ok: true, value: undefined });
      expect(await w.status(path)).toEqual([]);
      expect(await w.git.worktreeState(path)).toBe('clean');
      // Anchored: the same name elsewhere is still seen.
      await w.write(`${path}/AGENTS.md`, 'mine');
      expect(await w.status(path)).toEqual(['AGENTS.md']);
      expect(await w.status(root)).toEqual([]);
    });
  });
}
