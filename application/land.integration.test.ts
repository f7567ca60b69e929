import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ScratchGit } from '../adapters/contracts/scratch-git';
import { CliGitBranches } from '../adapters/git/cli-git-branches';
import { CliGitCheckpoints } from '../adapters/git/cli-git-checkpoints';
import { CliGitWorktrees } from '../adapters/git/cli-git-worktrees';
import { GhPullRequests } from '../adapters/git/gh-pull-requests';
import { FixedClock } from '../adapters/memory/fixed-clock';
import { InMemoryAgentStore } from '../adapters/memory/in-memory-agent-store';
import type { Agent } from '../domain/agent';
import { worktreeLocation } from '../domain/worktree';
import { RecordWorktreeBase } from './agent-branch';
import { DiscardAgentChanges, PreviewDiscard } from './discard-agent-changes';
import { FindOverlaps } from './find-overlaps';
import { CheckLanding, CommitAgentWork, DraftLandingMessage, LandAgent } from './land-agent';
import { RecordTurnBoundary } from './record-turn-boundary';
import { PreviewWorktreeRemoval, RemoveAgentWorktree } from './remove-agent-worktree';
import { GetAgentChangePatch, GetAgentChanges } from './review-agent-branch';
import { OpenPullRequest, PushAgentBranch } from './share-agent-branch';

// Real git in temp folders: a user's project on main, an agent working in its own worktree.
const scratch = new ScratchGit('tessera-land-');
afterAll(() => scratch.dispose());

const agent = (slug: string, workspace: Agent['workspace']): Agent => ({ slug, name: slug === 'rev' ? 'Reviewer' : slug, profile: 'shell', skills: [], workspace, args: [], env: {}, persona: '' });

async function world() {
  const root = scratch.repo({ '.gitignore': 'node_modules/\n', 'README.md': '# Shop\n', 'src/app.ts': 'one\ntwo\nthree\n', 'src/cart.ts': 'cart\n' });
  const agents = new InMemoryAgentStore();
  await agents.save(agent('rev', 'worktree'));
  await agents.save(agent('helper', 'project'));
  const clock = new FixedClock();
  const git = new CliGitWorktrees();
  const dataDir = join(scratch.base, `config-${Math.random().toString(36).slice(2)}`, 'tessera');
  const deps = { projectRoot: root, agents, git, dataDir, join, checkpoints: new CliGitCheckpoints(), branches: new CliGitBranches(), clock };
  const wt = worktreeLocation({ dataDir, projectRoot: root, slug: 'rev', join }).path;
  const added = await git.addWorktree({ repo: root, path: wt, branch: 'tessera/rev' });
  if (!added.ok) throw new Error(JSON.stringify(added.error));
  expect(await new RecordWorktreeBase(deps).execute({ slug: 'rev', repo: root, worktree: wt })).toEqual({ ok: true, value: undefined });
  return {
    root,
    wt,
    clock,
    deps,
    changes: new GetAgentChanges(deps),
    patch: new GetAgentChangePatch(deps),
    check: new CheckLanding(deps),
    land: new LandAgent(deps),
    commit: new CommitAgentWork(deps),
    draft: new DraftLandingMessage(deps),
    push: new PushAgentBranch(deps),
    pullRequest: new OpenPullRequest({ ...deps, pullRequests: new GhPullRequests({ gh: join(scratch.base, 'no-gh-here') }) }),
    previewDiscard: new PreviewDiscard(deps),
    discard: new DiscardAgentChanges(deps),
    remove: new RemoveAgentWorktree(deps),
    previewRemoval: new PreviewWorktreeRemoval(deps),
    overlaps: new FindOverlaps(deps),
    record: new RecordTurnBoundary(deps),
  };
}

describe('a worktree agent’s changes', () => {
  it('are its branch and worktree against the branch it started from: committed, uncommitted and untracked, not ignored', async () => {
    const w = await world();
    scratch.write(w.wt, 'src/app.ts', 'one\nTWO\nthree\n');
    scratch.commitAll(w.wt, 'agent commit');
    scratch.write(w.wt, 'src/cart.ts', 'cart v2\n');
    scratch.write(w.wt, 'src/new.ts', 'new\n');
    scratch.write(w.wt, 'node_modules/x/index.js', 'dep\n');
    // The user moves on in their checkout and switches branch: the base stays the one recorded.
    scratch.write(w.root, 'README.md', '# Shop v2\n');
    scratch.commitAll(w.root, 'user commit');
    scratch.git(w.root, 'checkout', '-q', '-b', 'experiment');

    const changes = await w.changes.execute({ slug: 'rev' });
    if (!changes.ok) throw new Error(JSON.stringify(changes.error));
    expect(changes.value).toMatchObject({ branch: 'tessera/rev', baseBranch: 'main' });
    expect(changes.value.files.map((f) => [f.path, f.status, f.added, f.removed])).toEqual([
      ['src/app.ts', 'modified', 1, 1],
      ['src/cart.ts', 'modified', 1, 1],
      ['src/new.ts', 'added', 1, 0],
    ]);
    expect(changes.value.uncommitted).toEqual(['src/cart.ts', 'src/new.ts']);
    expect(changes.value.leftOut.ignored).toEqual(['node_modules/']);
    const patch = await w.patch.execute({ slug: 'rev', path: 'src/app.ts' });
    expect(patch.ok && patch.value.text).toContain('-two\n+TWO\n');
    expect(await w.changes.execute({ slug: 'helper' })).toEqual({ ok: false, error: { kind: 'not-a-worktree-agent', slug: 'helper' } });
  });
});

describe('landing a worktree agent', () => {
  it('checks without touching any checkout, then commits its work with the caller’s message and fast-forwards the user’s checkout', async () => {
    const w = await world();
    scratch.write(w.wt, 'src/app.ts', 'one\ntwo\nthree\nfour\n');
    scratch.write(w.wt, 'src/new.ts', 'new\n');
    const root = scratch.fingerprint(w.root);
    const wt = scratch.fingerprint(w.wt);

    const check = await w.check.execute({ slug: 'rev', strategy: 'fast-forward' });
    expect(check).toMatchObject({ ok: true, value: { ready: true, fastForward: true, conflicts: [], blockedBy: undefined, baseBranch: 'main' } });
    expect(check.ok && check.value.files.map((f) => f.path)).toEqual(['src/app.ts', 'src/new.ts']);
    expect(check.ok && check.value.toCommit.map((f) => f.path)).toEqual(['src/app.ts', 'src/new.ts']);
    expect(scratch.fingerprint(w.root)).toEqual(root);
    expect(scratch.fingerprint(w.wt)).toEqual(wt);

    expect(await w.land.execute({ slug: 'rev', strategy: 'fast-forward' })).toEqual({ ok: false, error: { kind: 'commit-message-required', slug: 'rev', files: ['src/app.ts', 'src/new.ts'] } });
    const landed = await w.land.execute({ slug: 'rev', strategy: 'fast-forward', message: 'Add four and new\n' });
    if (!landed.ok) throw new Error(JSON.stringify(landed.error));
    expect(landed.value).toMatchObject({ baseBranch: 'main', strategy: 'fast-forward', to: landed.value.committed });
    expect(scratch.git(w.root, 'log', '-1', '--format=%s|%an').trim()).toBe('Add four and new|Test User');
    expect(scratch.read(w.root, 'src/new.ts')).toBe('new\n');
    expect(scratch.git(w.root, 'status', '--porcelain')).toBe('');
    expect(scratch.git(w.wt, 'status', '--porcelain')).toBe('');
    expect(await w.land.execute({ slug: 'rev', strategy: 'merge' })).toEqual({ ok: false, error: { kind: 'nothing-to-land', slug: 'rev' } });
  });

  it('makes a merge commit, or rebases, when the base moved on; a fast-forward is then refused', async () => {
    const w = await world();
    scratch.write(w.wt, 'src/app.ts', 'one\ntwo\nthree\nagent\n');
    const agentTip = scratch.commitAll(w.wt, 'agent work');
    scratch.write(w.root, 'README.md', '# Shop, by the user\n');
    const userTip = scratch.commitAll(w.root, 'user work');

    expect(await w.land.execute({ slug: 'rev', strategy: 'fast-forward' })).toEqual({ ok: false, error: { kind: 'not-fast-forward', slug: 'rev', branch: 'main' } });
    const merged = await w.land.execute({ slug: 'rev', strategy: 'merge' });
    if (!merged.ok) throw new Error(JSON.stringify(merged.error));
    expect(scratch.git(w.root, 'log', '-1', '--format=%P|%s').trim()).toBe(`${userTip} ${agentTip}|Merge branch 'tessera/rev' into main`);
    expect(scratch.read(w.root, 'src/app.ts')).toBe('one\ntwo\nthree\nagent\n');
    expect(scratch.git(w.root, 'status', '--porcelain')).toBe('');

    scratch.write(w.wt, 'src/cart.ts', 'cart by agent\n');
    scratch.commitAll(w.wt, 'more agent work');
    scratch.write(w.root, 'README.md', '# Shop, again\n');
    const userTip2 = scratch.commitAll(w.root, 'more user work');
    const rebased = await w.land.execute({ slug: 'rev', strategy: 'rebase' });
    if (!rebased.ok) throw new Error(JSON.stringify(rebased.error));
    expect(scratch.git(w.root, 'rev-parse', 'HEAD~1').trim()).toBe(userTip2);
    expect(scratch.git(w.root, 'log', '-1', '--format=%s').trim()).toBe('more agent work');
    expect(scratch.git(w.wt, 'rev-parse', 'HEAD').trim()).toBe(rebased.value.to);
  });

  it('reports conflicting files and leaves the user’s checkout and the agent’s worktree byte for byte as they were', async () => {
    const w = await world();
    scratch.write(w.wt, 'src/app.ts', 'one\nAGENT\nthree\n');
    scratch.write(w.root, 'src/app.ts', 'one\nUSER\nthree\n');
    scratch.commitAll(w.root, 'user edit');
    scratch.write(w.root, 'notes.txt', 'the user is in the middle of something\n');
    const root = scratch.fingerprint(w.root);
    const wt = scratch.fingerprint(w.wt);

    const check = await w.check.execute({ slug: 'rev', strategy: 'merge' });
    expect(check).toMatchObject({ ok: true, value: { ready: false, conflicts: ['src/app.ts'] } });
    for (const strategy of ['merge', 'rebase', 'fast-forward'] as const) {
      expect(await w.land.execute({ slug: 'rev', strategy, message: 'x' })).toEqual({ ok: false, error: { kind: 'land-conflict', slug: 'rev', files: ['src/app.ts'] } });
    }
    expect(scratch.fingerprint(w.root)).toEqual(root);
    expect(scratch.fingerprint(w.wt)).toEqual(wt);
  });

  it('refuses to land into a checkout with uncommitted changes in the files concerned, naming them, and lands once they are gone', async () => {
    const w = await world();
    scratch.write(w.wt, 'src/app.ts', 'one\ntwo\nthree\nagent\n');
    scratch.write(w.wt, 'src/new.ts', 'agent\n');
    scratch.commitAll(w.wt, 'agent work');
    scratch.write(w.root, 'src/app.ts', 'user is editing\n');
    scratch.write(w.root, 'src/new.ts', 'user made this too\n');
    scratch.write(w.root, 'src/cart.ts', 'unrelated edit\n');
    const root = scratch.fingerprint(w.root);

    expect(await w.land.execute({ slug: 'rev', strategy: 'fast-forward' })).toEqual({
      ok: false,
      error: { kind: 'base-has-uncommitted-changes', branch: 'main', checkout: w.root, files: ['src/app.ts', 'src/new.ts'] },
    });
    expect(scratch.fingerprint(w.root)).toEqual(root);
    scratch.git(w.root, 'checkout', '-q', '--', 'src/app.ts');
    scratch.remove(w.root, 'src/new.ts');
    expect((await w.land.execute({ slug: 'rev', strategy: 'fast-forward' })).ok).toBe(true);
    expect(scratch.read(w.root, 'src/cart.ts')).toBe('unrelated edit\n');
  });

  it('drafts the commit message from the prompts of the agent’s turns', async () => {
    const w = await world();
    expect(await w.draft.execute({ slug: 'rev' })).toEqual({ ok: true, value: { message: 'Work of Reviewer\n' } });
    for (const prompt of ['Fix the cart total\nIt is off by one.', 'Add a test for it']) {
      w.clock.advance(1000);
      await w.record.execute({ slug: 'rev', boundary: 'started', prompt });
      scratch.write(w.wt, `f${w.clock.now()}.txt`, 'x');
      w.clock.advance(1000);
      await w.record.execute({ slug: 'rev', boundary: 'ended' });
    }
    expect(await w.draft.execute({ slug: 'rev' })).toEqual({ ok: true, value: { message: 'Fix the cart total\n\nAsked of Reviewer:\n- Fix the cart total\n- Add a test for it\n' } });
  });
});

describe('sharing a worktree agent’s branch', () => {
  it('pushes the agent’s branch and the base to a remote, and answers the gh command when gh is missing', async () => {
    const w = await world();
    const remote = scratch.bare();
    scratch.git(w.root, 'remote', 'add', 'origin', remote);
    scratch.write(w.wt, 'src/new.ts', 'new\n');
    expect(await w.pullRequest.execute({ slug: 'rev', title: 'New file' })).toEqual({ ok: false, error: { kind: 'uncommitted-work', slug: 'rev', files: ['src/new.ts'] } });
    const committed = await w.commit.execute({ slug: 'rev', message: 'Add new.ts' });
    if (!committed.ok) throw new Error(JSON.stringify(committed.error));

    expect(await w.push.execute({ slug: 'rev', which: 'agent' })).toEqual({ ok: true, value: { remote: 'origin', branch: 'tessera/rev' } });
    expect(scratch.git(remote, 'rev-parse', 'tessera/rev').trim()).toBe(committed.value.commit);
    expect(await w.push.execute({ slug: 'rev', which: 'base' })).toEqual({ ok: true, value: { remote: 'origin', branch: 'main' } });

    const opened = await w.pullRequest.execute({ slug: 'rev', title: 'New file', body: 'Made by the reviewer.' });
    expect(opened).toEqual({
      ok: true,
      value: { kind: 'command', reason: 'gh-missing', command: ['gh', 'pr', 'create', '--base', 'main', '--head', 'tessera/rev', '--title', 'New file', '--body', 'Made by the reviewer.'] },
    });
  });
});

describe('discarding and removing', () => {
  it('discards only with confirmation after a preview, keeping the whole work under a ref', async () => {
    const w = await world();
    scratch.write(w.wt, 'src/app.ts', 'committed by agent\n');
    const agentTip = scratch.commitAll(w.wt, 'agent work');
    scratch.write(w.wt, 'src/draft.ts', 'uncommitted\n');
    scratch.write(w.wt, 'node_modules/dep.js', 'installed\n');
    const preview = await w.previewDiscard.execute({ slug: 'rev' });
    if (!preview.ok) throw new Error(JSON.stringify(preview.error));
    expect(preview.value.files.map((f) => f.path)).toEqual(['src/app.ts', 'src/draft.ts']);

    expect(await w.discard.execute({ slug: 'rev', confirm: false, token: preview.value.token })).toEqual({ ok: false, error: { kind: 'confirmation-required', slug: 'rev' } });
    scratch.write(w.wt, 'src/draft.ts', 'changed after the preview\n');
    expect(await w.discard.execute({ slug: 'rev', confirm: true, token: preview.value.token })).toEqual({ ok: false, error: { kind: 'changed-since-preview', slug: 'rev' } });
    expect(scratch.read(w.wt, 'src/draft.ts')).toBe('changed after the preview\n');

    const again = await w.previewDiscard.execute({ slug: 'rev' });
    if (!again.ok) throw new Error('no preview');
    const discarded = await w.discard.execute({ slug: 'rev', confirm: true, token: again.value.token });
    expect(discarded).toMatchObject({ ok: true, value: { discardedTo: 'refs/tessera/rev/discarded/1' } });
    expect(scratch.read(w.wt, 'src/draft.ts')).toBeUndefined();
    expect(scratch.read(w.wt, 'src/app.ts')).toBe('one\ntwo\nthree\n');
    expect(scratch.read(w.wt, 'node_modules/dep.js')).toBe('installed\n');
    expect(scratch.git(w.root, 'show', 'refs/tessera/rev/discarded/1:src/draft.ts')).toBe('changed after the preview\n');
    expect(scratch.git(w.root, 'rev-parse', 'refs/tessera/rev/discarded/1~1').trim()).toBe(agentTip);
  });

  it('removes the worktree and its branch only when no work would go with them, and names the work that stops it', async () => {
    const w = await world();
    scratch.write(w.wt, 'src/app.ts', 'edited\n');
    scratch.write(w.wt, 'src/new.ts', 'new\n');
    const holding = { kind: 'worktree-holds-work', slug: 'rev', path: w.wt, branch: 'tessera/rev' };
    expect(await w.previewRemoval.execute({ slug: 'rev' })).toMatchObject({ ok: true, value: { uncommitted: ['src/app.ts', 'src/new.ts'], commits: [] } });
    expect(await w.remove.execute({ slug: 'rev' })).toEqual({ ok: false, error: { ...holding, files: ['src/app.ts', 'src/new.ts'], commits: [] } });
    const commit = scratch.commitAll(w.wt, 'agent work');
    expect(await w.remove.execute({ slug: 'rev' })).toEqual({ ok: false, error: { ...holding, files: [], commits: [`${commit.slice(0, 7)} agent work`] } });
    expect(scratch.read(w.wt, 'src/new.ts')).toBe('new\n');
    expect(scratch.git(w.root, 'rev-parse', 'tessera/rev').trim()).toBe(commit);
    expect((await w.land.execute({ slug: 'rev', strategy: 'fast-forward' })).ok).toBe(true);
    // Landed, but its agent still runs there: refused, nothing removed.
    expect(await new RemoveAgentWorktree({ ...w.deps, isRunning: (slug) => slug === 'rev' }).execute({ slug: 'rev' })).toEqual({ ok: false, error: { kind: 'agent-running', slug: 'rev' } });
    expect(scratch.git(w.root, 'rev-parse', 'tessera/rev').trim()).toBe(commit);
    expect(await w.previewRemoval.execute({ slug: 'rev' })).toEqual({ ok: true, value: { slug: 'rev', path: w.wt, branch: 'tessera/rev', tip: commit, uncommitted: [], commits: [] } });
    expect(await w.remove.execute({ slug: 'rev' })).toEqual({ ok: true, value: { removed: w.wt, deletedBranch: 'tessera/rev' } });
    expect(scratch.git(w.root, 'branch').trim()).toBe('* main');
    expect(scratch.git(w.root, 'for-each-ref', 'refs/tessera/rev/base')).toBe('');
  });
});

describe('overlaps', () => {
  it('names the files a worktree agent and an agent in the shared checkout both changed', async () => {
    const w = await world();
    scratch.write(w.wt, 'src/app.ts', 'agent in worktree\n');
    scratch.write(w.wt, 'src/only-rev.ts', 'x\n');
    await w.record.execute({ slug: 'helper', boundary: 'started' });
    scratch.write(w.root, 'src/app.ts', 'helper in the checkout\n');
    scratch.write(w.root, 'src/only-helper.ts', 'y\n');
    await w.record.execute({ slug: 'helper', boundary: 'ended', touched: ['src/app.ts', 'src/only-helper.ts'] });
    expect(await w.overlaps.execute({ slugs: ['rev', 'helper'] })).toEqual({
      ok: true,
      value: {
        agents: [
          { slug: 'rev', files: ['src/app.ts', 'src/only-rev.ts'] },
          { slug: 'helper', files: ['src/app.ts', 'src/only-helper.ts'] },
        ],
        overlaps: [{ agents: ['rev', 'helper'], files: ['src/app.ts'] }],
      },
    });
    expect(await w.overlaps.execute({ slugs: ['rev'] })).toEqual({ ok: false, error: { kind: 'too-few-agents', count: 1 } });
  });
});
