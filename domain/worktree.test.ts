import { describe, expect, it } from 'vitest';
import { shortHash, worktreeBranch, worktreeLocation } from './worktree';

const join = (...parts: string[]) => parts.join('/');

describe('worktreeLocation', () => {
  it('puts the worktree under the data dir, by project name and root hash, then slug', () => {
    const at = worktreeLocation({ dataDir: '/cfg/tessera', projectRoot: '/home/u/shop', slug: 'reviewer', join });
    expect(at).toEqual({ path: `/cfg/tessera/worktrees/shop-${shortHash('/home/u/shop')}/reviewer`, branch: 'tessera/reviewer' });
  });

  it('keeps two projects with the same folder name apart, and one project always in the same place', () => {
    const a = worktreeLocation({ dataDir: '/d', projectRoot: '/a/shop', slug: 'x', join });
    const b = worktreeLocation({ dataDir: '/d', projectRoot: '/b/shop', slug: 'x', join });
    expect(a.path).not.toBe(b.path);
    expect(worktreeLocation({ dataDir: '/d', projectRoot: '/a/shop', slug: 'x', join })).toEqual(a);
  });

  it('makes a safe folder name of an odd project name, Windows roots included', () => {
    const odd = worktreeLocation({ dataDir: '/d', projectRoot: '/p/..my shop: v2', slug: 'x', join });
    expect(odd.path).toMatch(/^\/d\/worktrees\/my-shop-v2-[0-9a-f]{8}\/x$/);
    const win = worktreeLocation({ dataDir: 'C:\\d', projectRoot: 'C:\\code\\shop\\', slug: 'x', join });
    expect(win.path).toMatch(/^C:\\d\/worktrees\/shop-[0-9a-f]{8}\/x$/);
    expect(worktreeLocation({ dataDir: '/d', projectRoot: '/', slug: 'x', join }).path).toMatch(/^\/d\/worktrees\/project-[0-9a-f]{8}\/x$/);
  });
});

describe('shortHash', () => {
  it('is eight hex digits that differ for different text', () => {
    expect(shortHash('/home/u/shop')).toMatch(/^[0-9a-f]{8}$/);
    expect(shortHash('')).toBe('811c9dc5');
    expect(shortHash('/a')).not.toBe(shortHash('/b'));
  });
});

describe('worktreeBranch', () => {
  it('names the branch after the agent under tessera/', () => {
    expect(worktreeBranch('code-reviewer')).toBe('tessera/code-reviewer');
  });
});
