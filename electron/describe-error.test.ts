import { describe, expect, it } from 'vitest';
import { describeError } from './describe-error';

/** Errors as use cases return them: a kind and its details. */
const text = (error: { readonly kind: string } & Readonly<Record<string, string>>) => describeError(error);

describe('describeError for worktree agents', () => {
  it('says what is wrong with a project that is not a git repository, naming it', () => {
    const sentence = text({ kind: 'not-a-git-repository', path: '/home/u/shop' });
    expect(sentence).toContain('"/home/u/shop"');
    expect(sentence).toContain('git repository');
  });

  it('passes git’s own reason on in one sentence', () => {
    expect(text({ kind: 'worktree-failed', path: '/d/wt', message: 'invalid reference: HEAD' })).toBe(
      `Git could not prepare the agent's worktree at "/d/wt": invalid reference: HEAD.`,
    );
    expect(text({ kind: 'worktree-failed', path: '/d/wt', message: 'already there.' })).toMatch(/: already there\.$/);
  });

  it('names the file a worktree agent’s convention file would overwrite, and a dirty worktree', () => {
    expect(text({ kind: 'injection-would-overwrite', target: 'CLAUDE.md', path: '/d/wt/CLAUDE.md' })).toContain('CLAUDE.md');
    expect(text({ kind: 'worktree-dirty', path: '/d/wt' })).toContain('uncommitted work');
  });
});
