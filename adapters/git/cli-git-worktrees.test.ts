import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gitWorktreesContract, type GitWorktreesWorld } from '../contracts/git-worktrees.contract';
import { CliGitWorktrees } from './cli-git-worktrees';

const scratch: string[] = [];
afterAll(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Real repositories in a temp folder; realpath so paths compare equal to what git prints (macOS /var). */
function realWorld(): GitWorktreesWorld {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'tessera-git-')));
  scratch.push(base);
  let n = 0;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  };
  return {
    git: new CliGitWorktrees(),
    freshPath: (name) => join(base, `fresh-${++n}`, name),
    async repo(files) {
      const root = join(base, `repo-${++n}`);
      mkdirSync(root, { recursive: true });
      git(root, 'init', '-q', '-b', 'main');
      git(root, 'config', 'user.name', 'Test');
      git(root, 'config', 'user.email', 'test@example.com');
      git(root, 'config', 'commit.gpgsign', 'false');
      if (files) {
        for (const [path, text] of Object.entries(files)) write(join(root, path), text);
        git(root, 'add', '-A');
        git(root, 'commit', '-q', '-m', 'initial');
      }
      return root;
    },
    async plainDir() {
      const dir = join(base, `plain-${++n}`);
      mkdirSync(dir, { recursive: true });
      return dir;
    },
    write: async (path, text) => write(path, text),
    async read(path) {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    async commitAll(dir) {
      git(dir, 'add', '-A');
      git(dir, 'commit', '-q', '-m', 'work');
    },
    branchOf: async (dir) => git(dir, 'branch', '--show-current').trim(),
    branches: async (dir) => git(dir, 'branch', '--format=%(refname:short)').split('\n').filter((l) => l.length > 0).sort(),
    status: async (dir) =>
      git(dir, 'status', '--porcelain', '--untracked-files=all')
        .split('\n')
        .filter((l) => l.length > 0)
        .map((l) => l.slice(3))
        .sort(),
    deleteByHand: async (path) => rmSync(path, { recursive: true, force: true }),
  };
}

gitWorktreesContract('CliGitWorktrees', async () => realWorld());

describe('CliGitWorktrees', () => {
  it('writes the exclude pattern into the repository’s shared info/exclude, marked as Tessera’s', async () => {
    const w = realWorld();
    const root = await w.repo({ 'README.md': 'x' });
    const path = w.freshPath('wt');
    await w.git.addWorktree({ repo: root, path, branch: 'tessera/rev' });
    await w.git.excludeUntracked(path, 'CLAUDE.md');
    await w.git.excludeUntracked(path, 'AGENTS.md');
    const exclude = readFileSync(join(root, '.git', 'info', 'exclude'), 'utf8');
    expect(exclude.split('\n').filter((l) => l.startsWith('/'))).toEqual(['/CLAUDE.md', '/AGENTS.md']);
    expect(exclude.split('\n').filter((l) => l.includes('Tessera'))).toHaveLength(1);
  });

  it('treats a path or branch with shell characters as plain text', async () => {
    const w = realWorld();
    const root = await w.repo({ 'README.md': 'x' });
    const path = w.freshPath('$(touch pwned) ;x');
    expect(await w.git.addWorktree({ repo: root, path, branch: 'tessera/a' })).toEqual({ ok: true, value: undefined });
    expect(await w.git.worktreeState(path)).toBe('clean');
    const bad = await w.git.addWorktree({ repo: root, path: w.freshPath('b'), branch: 'tessera/$(x) y' });
    expect(bad.ok ? 'added' : bad.error.kind).toBe('worktree-failed');
    expect(await w.read(join(dirname(path), 'pwned'))).toBeUndefined();
  });

  it('reports a missing git executable as a failure, not a throw', async () => {
    const w = realWorld();
    const root = await w.repo({ 'README.md': 'x' });
    const git = new CliGitWorktrees({ git: 'no-such-git-binary' });
    const added = await git.addWorktree({ repo: root, path: w.freshPath('wt'), branch: 'tessera/a' });
    expect(added).toMatchObject({ ok: false, error: { kind: 'worktree-failed', message: 'git is not installed or not on PATH' } });
    expect((await git.repositoryRoot(root)).ok).toBe(false);
  });
});
