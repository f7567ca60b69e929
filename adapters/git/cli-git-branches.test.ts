import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ScratchGit } from '../contracts/scratch-git';
import { CliGitBranches } from './cli-git-branches';
import { GhPullRequests } from './gh-pull-requests';

const scratch = new ScratchGit('tessera-branches-');
afterAll(() => scratch.dispose());

const git = new CliGitBranches();

/** A repository on main and an agent worktree on tessera/agent that changed `files` and committed them. */
function withAgentBranch(files: Record<string, string>, base: Record<string, string> = { 'shared.txt': 'a\nb\nc\n', 'README.md': 'hi\n' }) {
  const root = scratch.repo(base);
  const wt = scratch.freshPath('agent');
  scratch.git(root, 'worktree', 'add', '-q', '-b', 'tessera/agent', wt);
  for (const [path, text] of Object.entries(files)) scratch.write(wt, path, text);
  const tip = scratch.commitAll(wt, 'agent work');
  const baseTip = scratch.git(root, 'rev-parse', 'main').trim();
  return { root, wt, tip, baseTip };
}

describe('CliGitBranches merge checks', () => {
  it('merges in the object store only: a clean merge gives its tree, a conflict its files, and no checkout changes', async () => {
    const { root, tip } = withAgentBranch({ 'shared.txt': 'a\nB agent\nc\n', 'new.txt': 'n\n' });
    scratch.write(root, 'shared.txt', 'a\nB user\nc\n');
    scratch.commitAll(root, 'user work');
    scratch.write(root, 'README.md', 'local edit\n');
    const before = scratch.fingerprint(root);
    expect(await git.checkMerge(root, 'main', tip)).toEqual({ ok: true, value: { clean: false, conflicts: ['shared.txt'] } });
    const clean = await git.checkMerge(root, 'main~1', tip);
    expect(clean).toMatchObject({ ok: true, value: { clean: true } });
    if (clean.ok && clean.value.clean) expect(scratch.git(root, 'show', `${clean.value.tree}:new.txt`)).toBe('n\n');
    expect(scratch.fingerprint(root)).toEqual(before);
  });
});

describe('CliGitBranches fast-forward', () => {
  it('moves a checked-out branch with its files, and refuses, changing nothing, when a local change is in the way', async () => {
    const { root, tip, baseTip } = withAgentBranch({ 'shared.txt': 'a\nb\nc\nd\n', 'new.txt': 'n\n' });
    scratch.write(root, 'shared.txt', 'user edit\n');
    const blocked = scratch.fingerprint(root);
    const refused = await git.fastForward(root, { branch: 'main', from: baseTip, to: tip });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'checkout-blocked', checkout: root } });
    expect(scratch.fingerprint(root)).toEqual(blocked);
    expect(scratch.read(root, 'shared.txt')).toBe('user edit\n');

    scratch.git(root, 'checkout', '-q', '--', 'shared.txt');
    expect(await git.fastForward(root, { branch: 'main', from: baseTip, to: tip })).toEqual({ ok: true, value: undefined });
    expect(scratch.git(root, 'rev-parse', 'HEAD').trim()).toBe(tip);
    expect(scratch.read(root, 'new.txt')).toBe('n\n');
    expect(scratch.git(root, 'status', '--porcelain')).toBe('');
  });

  it('moves a branch no checkout holds by its ref alone, and refuses a branch that moved since it was read', async () => {
    const { root, tip, baseTip } = withAgentBranch({ 'x.txt': 'x\n' });
    scratch.git(root, 'branch', 'release', baseTip);
    const before = scratch.fingerprint(root).status;
    expect(await git.fastForward(root, { branch: 'release', from: baseTip, to: tip })).toEqual({ ok: true, value: undefined });
    expect(scratch.git(root, 'rev-parse', 'release').trim()).toBe(tip);
    expect(scratch.fingerprint(root).status).toBe(before);
    expect(await git.fastForward(root, { branch: 'release', from: baseTip, to: tip })).toEqual({ ok: false, error: { kind: 'branch-moved', branch: 'release' } });
  });
});

describe('CliGitBranches rebase', () => {
  it('replays the branch onto the base in its worktree', async () => {
    const { root, wt, tip } = withAgentBranch({ 'agent.txt': 'a\n' });
    scratch.write(root, 'user.txt', 'u\n');
    const userTip = scratch.commitAll(root, 'user');
    const rebased = await git.rebase(wt, 'main');
    if (!rebased.ok) throw new Error(JSON.stringify(rebased.error));
    expect(rebased.value).not.toBe(tip);
    expect(scratch.git(wt, 'rev-parse', 'HEAD~1').trim()).toBe(userTip);
    expect(scratch.read(wt, 'user.txt')).toBe('u\n');
    expect(scratch.git(wt, 'branch', '--show-current').trim()).toBe('tessera/agent');
  });

  it('aborts on a conflict, names the files, and leaves the worktree as it was', async () => {
    const { root, wt, tip } = withAgentBranch({ 'shared.txt': 'agent\n' });
    scratch.write(root, 'shared.txt', 'user\n');
    scratch.commitAll(root, 'user');
    const { index: _bytes, ...before } = scratch.fingerprint(wt);
    const staged = scratch.git(wt, 'ls-files', '-s');
    expect(await git.rebase(wt, 'main')).toEqual({ ok: false, error: { kind: 'rebase-conflict', files: ['shared.txt'] } });
    // The abort rewrites the agent's index with the same entries (fresh stat data): its content is what must not change.
    expect(scratch.fingerprint(wt)).toMatchObject(before);
    expect(scratch.git(wt, 'ls-files', '-s')).toBe(staged);
    expect(scratch.git(wt, 'rev-parse', 'HEAD').trim()).toBe(tip);
  });
});

describe('CliGitBranches commits, pushes and clean-up', () => {
  it('commits all but the excluded files with the user’s identity, and pushes a branch to a remote', async () => {
    const { root, wt } = withAgentBranch({});
    scratch.write(wt, 'done.txt', 'd\n');
    scratch.write(wt, 'huge.bin', 'pretend this is big');
    const commit = await git.commitAll(wt, { message: 'Agent work\n\nBody', exclude: ['huge.bin'] });
    if (!commit.ok) throw new Error(JSON.stringify(commit.error));
    expect(scratch.git(wt, 'log', '-1', '--format=%an <%ae>|%s').trim()).toBe('Test User <user@example.com>|Agent work');
    expect(scratch.git(wt, 'show', '--name-only', '--format=', 'HEAD').trim()).toBe('done.txt');
    expect(await git.changedPaths(wt)).toEqual({ ok: true, value: ['huge.bin'] });

    const remote = scratch.bare();
    scratch.git(root, 'remote', 'add', 'origin', remote);
    expect(await git.push(root, { remote: 'origin', branch: 'tessera/agent' })).toEqual({ ok: true, value: undefined });
    expect(scratch.git(remote, 'rev-parse', 'refs/heads/tessera/agent').trim()).toBe(commit.value);
    expect((await git.push(root, { remote: 'nowhere', branch: 'tessera/agent' })).ok).toBe(false);
  });

  it('signs a commit as the user does, and never a draft made only to check a merge', async () => {
    const { root, tip } = withAgentBranch({ 'a.txt': 'a\n' });
    scratch.git(root, 'config', 'commit.gpgsign', 'true');
    scratch.git(root, 'config', 'gpg.program', scratch.freshPath('no-gpg'));
    const tree = scratch.git(root, 'rev-parse', `${tip}^{tree}`).trim();
    expect(await git.commitTree(root, { tree, parents: [tip], message: 'signed\n' })).toMatchObject({ ok: false, error: { kind: 'git-failed' } });
    const draft = await git.commitTree(root, { tree, parents: [tip], message: 'draft\n', draft: true });
    if (!draft.ok) throw new Error(JSON.stringify(draft.error));
    expect(scratch.git(root, 'log', '-1', '--format=%an|%G?', draft.value).trim()).toBe('Tessera|N');
  });

  it('tells where a branch is checked out and which branches hold a commit', async () => {
    const { root, wt, tip, baseTip } = withAgentBranch({ 'a.txt': 'a\n' });
    expect(await git.checkoutOf(root, 'tessera/agent')).toEqual({ ok: true, value: wt });
    expect(await git.checkoutOf(wt, 'main')).toEqual({ ok: true, value: root });
    expect(await git.checkoutOf(root, 'nothing')).toEqual({ ok: true, value: undefined });
    expect(await git.branchesContaining(root, tip)).toEqual({ ok: true, value: ['tessera/agent'] });
    expect(await git.branchesContaining(root, baseTip)).toEqual({ ok: true, value: ['main', 'tessera/agent'] });
    expect(await git.currentBranch(wt)).toBe('tessera/agent');
    expect(await git.mergeBase(root, 'main', tip)).toBe(baseTip);
    expect(await git.isAncestor(root, baseTip, tip)).toBe(true);
    expect(await git.isAncestor(root, tip, baseTip)).toBe(false);
  });

  it('lists the commits only a branch holds, newest first, until another branch or a remote-tracking one holds them', async () => {
    const { root, wt, tip } = withAgentBranch({ 'a.txt': 'a\n' });
    scratch.write(wt, 'b.txt', 'b\n');
    const second = scratch.commitAll(wt, 'more agent work');
    expect(await git.commitsOnlyOn(root, 'tessera/agent', 10)).toEqual({ ok: true, value: [{ id: second, subject: 'more agent work' }, { id: tip, subject: 'agent work' }] });
    expect(await git.commitsOnlyOn(root, 'tessera/agent', 1)).toEqual({ ok: true, value: [{ id: second, subject: 'more agent work' }] });
    scratch.git(root, 'branch', 'keep', tip);
    expect(await git.commitsOnlyOn(root, 'tessera/agent', 10)).toEqual({ ok: true, value: [{ id: second, subject: 'more agent work' }] });
    scratch.git(root, 'update-ref', 'refs/remotes/origin/tessera/agent', second);
    expect(await git.commitsOnlyOn(root, 'tessera/agent', 10)).toEqual({ ok: true, value: [] });
    expect(await git.commitsOnlyOn(root, 'main', 10)).toEqual({ ok: true, value: [] });
  });

  it('deletes a branch only while it points where expected and no checkout holds it', async () => {
    const { root, wt, tip, baseTip } = withAgentBranch({ 'a.txt': 'a\n' });
    expect(await git.deleteBranch(root, { branch: 'tessera/agent', expected: tip })).toMatchObject({ ok: false, error: { kind: 'git-failed' } });
    scratch.git(root, 'worktree', 'remove', wt);
    expect(await git.deleteBranch(root, { branch: 'tessera/agent', expected: baseTip })).toEqual({ ok: false, error: { kind: 'branch-moved', branch: 'tessera/agent' } });
    expect(await git.deleteBranch(root, { branch: 'tessera/agent', expected: tip })).toEqual({ ok: true, value: undefined });
    expect(await git.resolve(root, 'refs/heads/tessera/agent')).toBeUndefined();
  });

  it('resets a worktree to a commit and removes untracked files but the kept and the ignored ones', async () => {
    const { wt, baseTip } = withAgentBranch({ 'a.txt': 'a\n' }, { '.gitignore': 'build/\n' });
    scratch.write(wt, 'scratch.txt', 's\n');
    scratch.write(wt, 'keep.bin', 'k');
    scratch.write(wt, 'build/out.js', 'o');
    expect(await git.resetWorktree(wt, { to: baseTip, keep: ['keep.bin'] })).toEqual({ ok: true, value: undefined });
    expect(scratch.git(wt, 'rev-parse', 'HEAD').trim()).toBe(baseTip);
    expect(scratch.read(wt, 'a.txt')).toBeUndefined();
    expect(scratch.read(wt, 'scratch.txt')).toBeUndefined();
    expect(scratch.read(wt, 'keep.bin')).toBe('k');
    expect(scratch.read(wt, 'build/out.js')).toBe('o');
  });
});

describe('GhPullRequests', () => {
  /** A stand-in for gh that records its arguments and answers as told. */
  function fakeGh(auth: number, create: { code: number; out: string }): { gh: string; calls: () => string[] } {
    const dir = scratch.freshPath('gh');
    const log = join(dir, 'calls.log');
    const gh = join(dir, 'gh');
    scratch.write(dir, 'gh', `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nif [ "$1" = auth ]; then exit ${auth}; fi\nprintf '%s\\n' '${create.out}' ${create.code === 0 ? '' : '>&2'}\nexit ${create.code}\n`);
    chmodSync(gh, 0o755);
    return { gh, calls: () => readFileSync(log, 'utf8').trim().split('\n') };
  }
  const request = { dir: '/', base: 'main', head: 'tessera/agent', title: 'Add the thing', body: 'Because.' };
  const command = ['gh', 'pr', 'create', '--base', 'main', '--head', 'tessera/agent', '--title', 'Add the thing', '--body', 'Because.'];

  it('answers the command to run when gh is missing or signed out', async () => {
    expect(await new GhPullRequests({ gh: scratch.freshPath('no-gh') }).open(request)).toEqual({ ok: true, value: { kind: 'command', command, reason: 'gh-missing' } });
    const out = fakeGh(1, { code: 0, out: '' });
    expect(await new GhPullRequests({ gh: out.gh }).open(request)).toEqual({ ok: true, value: { kind: 'command', command, reason: 'gh-signed-out' } });
    expect(out.calls()).toEqual(['auth status']);
  });

  it('opens the pull request with gh when signed in, and reports gh’s reason when it fails', async () => {
    const good = fakeGh(0, { code: 0, out: 'https://github.com/o/r/pull/7' });
    expect(await new GhPullRequests({ gh: good.gh }).open(request)).toEqual({ ok: true, value: { kind: 'opened', url: 'https://github.com/o/r/pull/7' } });
    expect(good.calls()[1]).toBe('pr create --base main --head tessera/agent --title Add the thing --body Because.');
    const bad = fakeGh(0, { code: 1, out: 'a pull request already exists' });
    expect(await new GhPullRequests({ gh: bad.gh }).open(request)).toEqual({ ok: false, error: { kind: 'pull-request-failed', message: 'a pull request already exists' } });
  });
});
