import { readFileSync, readlinkSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { WorkingTreeSnapshot } from '../../domain/ports/checkpoints.port';
import { ScratchGit } from '../contracts/scratch-git';
import { CliGitCheckpoints } from './cli-git-checkpoints';

const scratch = new ScratchGit('tessera-checkpoints-');
afterAll(() => scratch.dispose());

const git = new CliGitCheckpoints();
const LIMIT = { maxFileBytes: 1024 };

async function snap(dir: string): Promise<WorkingTreeSnapshot> {
  const taken = await git.snapshot(dir, LIMIT);
  if (!taken.ok) throw new Error(JSON.stringify(taken.error));
  return taken.value;
}

/** The files of a tree, as `git ls-tree` names them, with their text. */
function filesOf(dir: string, tree: string): Record<string, string> {
  const names = scratch.git(dir, 'ls-tree', '-r', '--name-only', '-z', tree).split('\0').filter((n) => n.length > 0);
  return Object.fromEntries(names.map((name) => [name, scratch.git(dir, 'cat-file', 'blob', `${tree}:${name}`)]));
}

describe('CliGitCheckpoints snapshots', () => {
  it('records changed, new and deleted files as they are on disk, and leaves index, HEAD, branches, stash and status as they were', async () => {
    const root = scratch.repo({ 'a.txt': 'one\n', 'b.txt': 'bee\n', 'gone.txt': 'bye\n' });
    scratch.git(root, 'branch', 'feature');
    scratch.write(root, 'a.txt', 'stashed\n');
    scratch.git(root, 'stash', 'push', '-q');
    scratch.write(root, 'b.txt', 'staged\n');
    scratch.git(root, 'add', 'b.txt');
    scratch.write(root, 'b.txt', 'staged then edited\n');
    scratch.write(root, 'a.txt', 'edited\n');
    scratch.write(root, 'notes/new file.md', 'untracked\n');
    scratch.remove(root, 'gone.txt');
    const before = scratch.fingerprint(root);

    const snapshot = await snap(root);

    expect(filesOf(root, snapshot.tree)).toEqual({ 'a.txt': 'edited\n', 'b.txt': 'staged then edited\n', 'notes/new file.md': 'untracked\n' });
    expect(snapshot.head).toBe(scratch.git(root, 'rev-parse', 'HEAD').trim());
    expect(snapshot.leftOut).toEqual({ tooLarge: [], ignored: [], nestedRepositories: [], truncated: false });
    expect(scratch.fingerprint(root)).toEqual(before);
  });

  it('leaves out ignored files, files over the size limit and nested repositories, and names them', async () => {
    const root = scratch.repo({ '.gitignore': 'node_modules/\n*.log\n', 'small.txt': 'x\n' });
    scratch.write(root, 'node_modules/pkg/index.js', 'module\n');
    scratch.write(root, 'debug.log', 'log\n');
    scratch.write(root, 'big.bin', Buffer.alloc(2048, 1));
    scratch.write(root, 'small.txt', 'y'.repeat(2000));
    scratch.write(root, 'ok.txt', 'fine\n');
    scratch.repo({ 'inner.txt': 'inner' }, join(root.slice(scratch.base.length + 1), 'vendor', 'lib'));
    const before = scratch.fingerprint(root);

    const snapshot = await snap(root);

    // The tracked file over the limit keeps its committed content in the checkpoint.
    expect(filesOf(root, snapshot.tree)).toEqual({ '.gitignore': 'node_modules/\n*.log\n', 'small.txt': 'x\n', 'ok.txt': 'fine\n' });
    expect([...snapshot.leftOut.tooLarge].sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { path: 'big.bin', bytes: 2048 },
      { path: 'small.txt', bytes: 2000 },
    ]);
    expect([...snapshot.leftOut.ignored].sort()).toEqual(['debug.log', 'node_modules/']);
    expect(snapshot.leftOut.nestedRepositories).toEqual(['vendor/lib']);
    expect(scratch.fingerprint(root)).toEqual(before);
  });

  it('works in a repository with no commit yet, and records without a parent', async () => {
    const root = scratch.repo();
    scratch.write(root, 'first.txt', 'hello\n');
    const before = scratch.fingerprint(root);
    const snapshot = await snap(root);
    expect(snapshot.head).toBeUndefined();
    expect(filesOf(root, snapshot.tree)).toEqual({ 'first.txt': 'hello\n' });
    const recorded = await git.record(root, { ref: 'refs/tessera/a/turns/1/started', snapshot, note: 'n' });
    expect(recorded).toMatchObject({ ok: true, value: { head: undefined, tree: snapshot.tree } });
    expect(scratch.git(root, 'rev-list', '--parents', '-n', '1', 'refs/tessera/a/turns/1/started').trim().split(' ')).toHaveLength(1);
    expect(scratch.fingerprint(root)).toEqual(before);
  });

  it('snapshots a linked worktree from its own index, and sees a file changed just after the index was written', async () => {
    const root = scratch.repo({ 'a.txt': 'one\n' });
    const wt = scratch.freshPath('wt');
    scratch.git(root, 'worktree', 'add', '-q', '-b', 'tessera/x', wt);
    scratch.git(wt, 'status');
    // Same size, written within the index's second: only a content check can see it.
    scratch.write(wt, 'a.txt', 'two\n');
    const snapshot = await snap(wt);
    expect(filesOf(wt, snapshot.tree)).toEqual({ 'a.txt': 'two\n' });
    expect(scratch.git(root, 'status', '--porcelain')).toBe('');
  });

  it('says a folder outside any repository is not one', async () => {
    const plain = scratch.freshPath('plain');
    scratch.write(plain, 'x.txt', 'x');
    expect(await git.snapshot(plain, LIMIT)).toEqual({ ok: false, error: { kind: 'not-a-git-repository', path: plain } });
  });
});

describe('CliGitCheckpoints refs', () => {
  it('records under a ref only once, lists what was stored, and removes only refs that still point where they were seen', async () => {
    const root = scratch.repo({ 'a.txt': 'one\n' });
    scratch.write(root, 'big.bin', Buffer.alloc(4096, 2));
    const snapshot = await snap(root);
    const first = await git.record(root, { ref: 'refs/tessera/rev/turns/1/started', snapshot, note: '{"turn":1}' });
    if (!first.ok) throw new Error('record failed');
    expect(await git.record(root, { ref: 'refs/tessera/rev/turns/1/started', snapshot, note: 'again' })).toEqual({ ok: false, error: { kind: 'ref-exists', ref: 'refs/tessera/rev/turns/1/started' } });
    await git.record(root, { ref: 'refs/tessera/rev/turns/1/ended', snapshot, note: '{"turn":1,"end":true}' });
    await git.record(root, { ref: 'refs/tessera/other/turns/1/started', snapshot, note: 'x' });

    const listed = await git.list(root, 'refs/tessera/rev/');
    expect(listed.ok && listed.value.map((c) => [c.ref, c.note])).toEqual([
      ['refs/tessera/rev/turns/1/ended', '{"turn":1,"end":true}'],
      ['refs/tessera/rev/turns/1/started', '{"turn":1}'],
    ]);
    expect(listed.ok && listed.value[1]).toEqual({ ...first.value });
    expect(listed.ok && listed.value[1]!.leftOut.tooLarge).toEqual([{ path: 'big.bin', bytes: 4096 }]);

    const stale = { ref: 'refs/tessera/rev/turns/1/ended', commit: first.value.head! };
    expect((await git.remove(root, [{ ref: first.value.ref, commit: first.value.commit }, stale])).ok).toBe(false);
    expect((await git.list(root, 'refs/tessera/rev/')).ok && (await git.list(root, 'refs/tessera/rev/'))).toMatchObject({ value: { length: 2 } });
    expect(await git.remove(root, [{ ref: first.value.ref, commit: first.value.commit }])).toEqual({ ok: true, value: undefined });
    const after = await git.list(root, 'refs/tessera/');
    expect(after.ok && after.value.map((c) => c.ref)).toEqual(['refs/tessera/other/turns/1/started', 'refs/tessera/rev/turns/1/ended']);
    // Checkpoints are not branches.
    expect(scratch.git(root, 'branch', '-a').trim()).toBe('* main');
  });
});

describe('CliGitCheckpoints comparisons', () => {
  it('lists what changed between two states with line counts, marks binary files, and gives a file’s patch on demand', async () => {
    const root = scratch.repo({ 'a.txt': 'one\ntwo\nthree\n', 'b.txt': 'bee\n', 'img.png': Buffer.from([0, 1, 2, 3]) });
    const start = await snap(root);
    scratch.write(root, 'a.txt', 'one\n2\nthree\nfour\n');
    scratch.remove(root, 'b.txt');
    scratch.write(root, 'img.png', Buffer.from([0, 9, 9, 9, 9]));
    scratch.write(root, 'c d.txt', 'new\n');
    const end = await snap(root);

    const changes = await git.changes(root, start.tree, end.tree);
    expect(changes.ok && changes.value.map(({ version: _v, ...c }) => c)).toEqual([
      { path: 'a.txt', status: 'modified', added: 2, removed: 1, binary: false },
      { path: 'b.txt', status: 'deleted', added: 0, removed: 1, binary: false },
      { path: 'c d.txt', status: 'added', added: 1, removed: 0, binary: false },
      { path: 'img.png', status: 'modified', added: 0, removed: 0, binary: true },
    ]);
    expect(changes.ok && changes.value.find((c) => c.path === 'b.txt')?.version).toBeUndefined();

    const patch = await git.patch(root, start.tree, end.tree, { paths: ['a.txt'], maxBytes: 100_000 });
    expect(patch.ok && patch.value.text).toContain('diff --git a/a.txt b/a.txt');
    expect(patch.ok && patch.value.text).toContain('-two\n+2\n three\n+four\n');
    expect(patch.ok && patch.value.text).not.toContain('b.txt');
    const cut = await git.patch(root, start.tree, end.tree, { maxBytes: 40 });
    expect(cut).toMatchObject({ ok: true, value: { truncated: true } });
    expect(cut.ok && cut.value.text.length).toBe(40);
    const fromNothing = await git.changes(root, undefined, start.tree);
    expect(fromNothing.ok && fromNothing.value.map((c) => [c.path, c.status])).toEqual([
      ['a.txt', 'added'],
      ['b.txt', 'added'],
      ['img.png', 'added'],
    ]);
  });
});

describe('CliGitCheckpoints restore', () => {
  /** A turn that edits, creates and deletes files, followed by later edits, in a real checkout. */
  async function turnWithLaterEdits() {
    const root = scratch.repo({
      'edited.txt': 'l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\n',
      'clash.txt': 'a\nb\nc\n',
      'deleted.txt': 'keep me\n',
      'pic.bin': Buffer.from([0, 1, 2]),
    });
    const start = await snap(root);
    scratch.write(root, 'edited.txt', 'l1\nL2 by turn\nl3\nl4\nl5\nl6\nl7\nl8\n');
    scratch.write(root, 'clash.txt', 'a\nB by turn\nc\n');
    scratch.write(root, 'created.txt', 'made by turn\n');
    scratch.remove(root, 'deleted.txt');
    scratch.write(root, 'pic.bin', Buffer.from([0, 5, 5]));
    const end = await snap(root);
    // Later: other lines of edited.txt, the same line of clash.txt, and the binary file again.
    scratch.write(root, 'edited.txt', 'l1\nL2 by turn\nl3\nl4\nl5\nl6\nl7\nL8 later\n');
    scratch.write(root, 'clash.txt', 'a\nB later\nc\n');
    scratch.write(root, 'pic.bin', Buffer.from([0, 7, 7]));
    const now = await snap(root);
    const paths = ['edited.txt', 'clash.txt', 'created.txt', 'deleted.txt', 'pic.bin'];
    return { root, start, end, now, paths };
  }

  it('plans to take a turn back file by file, merging later edits in other lines and refusing clashes, and writes nothing', async () => {
    const { root, start, end, now, paths } = await turnWithLaterEdits();
    const before = scratch.fingerprint(root);
    const plan = await git.planRestore(root, { current: now.tree, undo: end.tree, to: start.tree, paths, onConflict: 'refuse' });
    if (!plan.ok) throw new Error(JSON.stringify(plan.error));
    expect(Object.fromEntries(plan.value.files.map((f) => [f.path, `${f.outcome} ${f.effect}`]))).toEqual({
      'edited.txt': 'merge write',
      'clash.txt': 'conflict keep',
      'created.txt': 'remove remove',
      'deleted.txt': 'restore write',
      'pic.bin': 'conflict keep',
    });
    const files = filesOf(root, plan.value.tree);
    expect(files['edited.txt']).toBe('l1\nl2\nl3\nl4\nl5\nl6\nl7\nL8 later\n');
    expect(files['clash.txt']).toBe('a\nB later\nc\n');
    expect(files['deleted.txt']).toBe('keep me\n');
    expect(files['created.txt']).toBeUndefined();
    expect(scratch.fingerprint(root)).toEqual(before);
  });

  it('with take-restored, lets the turn’s start win each clash, and writes exactly the planned files', async () => {
    const { root, start, end, now, paths } = await turnWithLaterEdits();
    scratch.write(root, 'untouched.txt', 'someone else’s\n');
    const plan = await git.planRestore(root, { current: now.tree, undo: end.tree, to: start.tree, paths, onConflict: 'take-restored' });
    if (!plan.ok) throw new Error(JSON.stringify(plan.error));
    expect(filesOf(root, plan.value.tree)['clash.txt']).toBe('a\nb\nc\n');
    expect(plan.value.files.filter((f) => f.outcome === 'conflict').map((f) => f.effect)).toEqual(['write', 'write']);
    const indexBefore = scratch.fingerprint(root).index;
    const written = await git.writeFiles(root, { tree: plan.value.tree, write: ['edited.txt', 'clash.txt', 'deleted.txt', 'pic.bin'], remove: ['created.txt'] });
    expect(written).toEqual({ ok: true, value: undefined });
    expect(scratch.read(root, 'edited.txt')).toBe('l1\nl2\nl3\nl4\nl5\nl6\nl7\nL8 later\n');
    expect(scratch.read(root, 'clash.txt')).toBe('a\nb\nc\n');
    expect(scratch.read(root, 'deleted.txt')).toBe('keep me\n');
    expect(scratch.read(root, 'created.txt')).toBeUndefined();
    expect([...readFileSync(join(root, 'pic.bin'))]).toEqual([0, 1, 2]);
    expect(scratch.read(root, 'untouched.txt')).toBe('someone else’s\n');
    expect(scratch.fingerprint(root).index).toBe(indexBefore);
  });

  it('keeps the executable bit and links as the tree has them, and refuses paths outside the checkout', async () => {
    const root = scratch.repo({ 'run.sh': '#!/bin/sh\n' });
    scratch.git(root, 'update-index', '--chmod=+x', 'run.sh');
    scratch.git(root, 'commit', '-q', '-m', 'x');
    scratch.git(root, 'checkout', '-q', '--', 'run.sh');
    symlinkSync('run.sh', join(root, 'link'));
    const start = await snap(root);
    scratch.remove(root, 'run.sh');
    scratch.remove(root, 'link');
    expect((await git.writeFiles(root, { tree: start.tree, write: ['run.sh', 'link'], remove: [] })).ok).toBe(true);
    expect(statSync(join(root, 'run.sh')).mode & 0o111).not.toBe(0);
    expect(readlinkSync(join(root, 'link'))).toBe('run.sh');
    expect(scratch.git(root, 'status', '--porcelain')).toBe('?? link\n');
    expect(await git.writeFiles(root, { tree: start.tree, write: ['../outside'], remove: [] })).toMatchObject({ ok: false, error: { kind: 'git-failed' } });
    expect(await git.writeFiles(root, { tree: start.tree, write: [], remove: ['.git/config'] })).toMatchObject({ ok: false, error: { kind: 'git-failed' } });
  });
});

describe('CliGitCheckpoints versions', () => {
  it('finds a file version in given trees or in the history of the repository’s own refs, not in Tessera’s', async () => {
    const root = scratch.repo({ 'a.txt': 'v1\n' });
    const v1 = scratch.git(root, 'rev-parse', 'HEAD:a.txt').trim();
    scratch.write(root, 'a.txt', 'v2\n');
    scratch.commitAll(root, 'v2');
    scratch.write(root, 'a.txt', 'v3\n');
    const third = await snap(root);
    const v3 = scratch.git(root, 'rev-parse', `${third.tree}:a.txt`).trim();
    await git.record(root, { ref: 'refs/tessera/x/turns/1/ended', snapshot: third, note: '' });
    scratch.write(root, 'a.txt', 'v4\n');
    const fourth = await snap(root);
    const v4 = scratch.git(root, 'rev-parse', `${fourth.tree}:a.txt`).trim();
    const wanted = [v1, v3, v4].map((version) => ({ path: 'a.txt', version }));

    expect(await git.findVersions(root, wanted, { trees: [], history: true })).toEqual({ ok: true, value: [{ path: 'a.txt', version: v1 }] });
    expect(await git.findVersions(root, wanted, { trees: [fourth.tree], history: false })).toEqual({ ok: true, value: [{ path: 'a.txt', version: v4 }] });
    // The same content under another name is another file.
    expect(await git.findVersions(root, [{ path: 'b.txt', version: v1 }], { trees: [], history: true })).toEqual({ ok: true, value: [] });
  });
});
