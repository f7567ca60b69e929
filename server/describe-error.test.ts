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

  it('names the files and commits that removing a worktree would lose', () => {
    const holding = { kind: 'worktree-holds-work', slug: 'bot', path: '/d/wt', branch: 'tessera/bot' };
    const text = (error: typeof holding & { files: string[]; commits: string[] }) => describeError(error);
    expect(text({ ...holding, files: ['a.txt', 'new.ts'], commits: [] })).toBe(
      `Removing the worktree of "bot" would lose uncommitted work in "a.txt", "new.ts" (tessera/bot at "/d/wt"); land, commit, push or discard that work first.`,
    );
    expect(text({ ...holding, files: ['a.txt'], commits: ['abc1234 agent work'] })).toContain(`uncommitted work in "a.txt" and the commit "abc1234 agent work" that no other branch has`);
    expect(describeError({ kind: 'agent-running', slug: 'bot' } as { kind: string })).toBe(`"bot" is running in its worktree; stop it before removing the worktree.`);
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

describe('describeError for reviewing and landing agents’ work', () => {
  it('names the files of a conflict and of a checkout in the way, and says nothing was changed', () => {
    const conflict = describeError({ kind: 'land-conflict', slug: 'rev', files: ['src/a.ts', 'src/b.ts'] } as { kind: string });
    expect(conflict).toContain('"src/a.ts", "src/b.ts"');
    expect(conflict).toContain('nothing was changed');
    const blocked = describeError({ kind: 'base-has-uncommitted-changes', branch: 'main', checkout: '/p', files: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] } as { kind: string });
    expect(blocked).toContain('"a", "b", "c", "d", "e" and 2 more');
    expect(blocked).toContain('main is checked out at "/p"');
  });

  it('says why an undo waits for confirmation, file by file', () => {
    const sentence = describeError({ kind: 'undo-needs-confirmation', slug: 'rev', turn: 3, files: [{ path: 'a.ts', reason: 'mixed' }, { path: 'b.ts', reason: 'later-edit' }] } as { kind: string });
    expect(sentence).toContain('"a.ts" (others changed it too)');
    expect(sentence).toContain('"b.ts" (edited again in the same lines since)');
  });

  it('shows the end of a failed set-up command’s output, and the set-up command of an untrusted project', () => {
    const failed = describeError({ kind: 'worktree-setup-failed', slug: 'rev', command: 'npm ci', exitCode: 1, timedOut: false, output: 'npm ERR! no lock file\n' } as { kind: string });
    expect(failed).toContain('failed (exit code 1)');
    expect(failed).toContain('npm ERR! no lock file');
    const untrusted = describeError({ kind: 'project-untrusted', root: '/p', slug: 'bot', command: 'claude', args: [], envKeys: [], setupCommand: 'npm ci' } as { kind: string });
    expect(untrusted).toContain("after the project's worktree set-up command: npm ci");
  });
});

describe('describeError with details a file chose', () => {
  it('leaves no escape sequence or bidirectional control in the sentence', () => {
    const sentence = text({ kind: 'agent-invalid', slug: 'x', message: 'bad \u001b]0;owned\u0007name \u202eexe.bat' });
    expect(sentence).toBe('The persona file of "x" is not valid: bad name exe.bat');
  });
});

describe('describeError for a new skill', () => {
  it('says what a skill name is, and the name it could be', () => {
    expect(text({ kind: 'skill-name-invalid', name: 'Code Review!', suggestion: 'code-review' })).toBe(
      'A skill\'s name is its folder\'s: lower-case letters, digits and hyphens, at most 64; "Code Review!" could be "code-review".',
    );
  });
});

describe('describeError at launch', () => {
  it('says in one line that the CLI of the profile is not installed, naming both', () => {
    const sentence = text({ kind: 'command-not-found', command: 'claude', profile: 'Claude Code' });
    expect(sentence).toBe('Claude Code is not installed: "claude" was not found on the PATH Tessera gives agents. Install it, or give this agent another profile.');
    expect(sentence).not.toContain('\n');
  });
});
