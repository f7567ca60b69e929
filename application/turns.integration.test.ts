import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ScratchGit } from '../adapters/contracts/scratch-git';
import { CliGitCheckpoints } from '../adapters/git/cli-git-checkpoints';
import { CliGitWorktrees } from '../adapters/git/cli-git-worktrees';
import { FixedClock } from '../adapters/memory/fixed-clock';
import { InMemoryAgentStore } from '../adapters/memory/in-memory-agent-store';
import type { Agent } from '../domain/agent';
import { PruneCheckpoints } from './prune-checkpoints';
import { RecordTurnBoundary } from './record-turn-boundary';
import { GetTurnChanges, GetTurnPatch, ListTurns } from './review-turns';
import { PreviewUndoTurn, UndoTurn } from './undo-turn';

// Real git in temp folders: the user's project with agents working in it, as the host would drive them.
const scratch = new ScratchGit('tessera-turns-');
afterAll(() => scratch.dispose());

const agent = (slug: string, workspace: Agent['workspace'] = 'project'): Agent => ({ slug, name: slug, profile: 'shell', skills: [], workspace, args: [], env: {}, persona: '' });

async function world(files: Record<string, string> | undefined = { 'README.md': '# Shop\n', 'src/app.ts': 'one\ntwo\nthree\nfour\nfive\nsix\n' }) {
  const root = scratch.repo(files);
  const agents = new InMemoryAgentStore();
  for (const slug of ['alice', 'bob']) await agents.save(agent(slug));
  const clock = new FixedClock();
  const deps = { projectRoot: root, agents, git: new CliGitWorktrees(), dataDir: join(scratch.base, 'config', 'tessera'), join, checkpoints: new CliGitCheckpoints(), clock };
  const prune = new PruneCheckpoints(deps);
  const record = new RecordTurnBoundary({ ...deps, prune: { execute: (input) => prune.execute({ ...input, keepTurns: 2 }) } });
  /** One boundary, a second later than the last. */
  const boundary = async (slug: string, b: 'started' | 'ended', extra: { prompt?: string; touched?: string[] } = {}) => {
    clock.advance(1000);
    const result = await record.execute({ slug, boundary: b, ...extra });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    return result.value;
  };
  return {
    root,
    clock,
    boundary,
    write: (path: string, text: string) => scratch.write(root, path, text),
    read: (path: string) => scratch.read(root, path),
    list: new ListTurns(deps),
    changes: new GetTurnChanges(deps),
    patch: new GetTurnPatch(deps),
    preview: new PreviewUndoTurn(deps),
    undo: new UndoTurn(deps),
    prune: new PruneCheckpoints(deps),
  };
}

describe('recording turns', () => {
  it('records each turn boundary without touching the user’s index, HEAD, branches, stash or status', async () => {
    const w = await world();
    w.write('src/app.ts', 'one\ntwo\nthree\nfour\nfive\nsix\nstaged\n');
    scratch.git(w.root, 'add', 'src/app.ts');
    w.write('notes.txt', 'the user’s own\n');
    scratch.git(w.root, 'stash', 'push', '-q', '--include-untracked');
    w.write('draft.md', 'user draft\n');
    const before = scratch.fingerprint(w.root);

    expect(await w.boundary('alice', 'started', { prompt: 'Add a greeting' })).toEqual({ turn: 1, boundary: 'started', pruned: [] });
    expect(scratch.fingerprint(w.root)).toEqual(before);
    w.write('src/greet.ts', 'export const hi = 1;\n');
    const after = scratch.fingerprint(w.root);
    expect(await w.boundary('alice', 'ended', { touched: [join(w.root, 'src/greet.ts')] })).toEqual({ turn: 1, boundary: 'ended', pruned: [] });
    expect(scratch.fingerprint(w.root)).toEqual(after);

    const turns = await w.list.execute({ slug: 'alice' });
    expect(turns).toEqual({ ok: true, value: [{ number: 1, startedAt: w.clock.now() - 1000, endedAt: w.clock.now(), prompt: 'Add a greeting', hasEvents: true, undone: 0 }] });
    expect(scratch.git(w.root, 'branch', '-a').trim()).toBe('* main');
  });

  it('tells what a turn changed, with line counts, binary files marked and a patch on demand', async () => {
    const w = await world();
    await w.boundary('alice', 'started');
    w.write('src/app.ts', 'one\nTWO\nthree\nfour\nfive\nsix\nseven\n');
    scratch.write(w.root, 'logo.png', Buffer.from([0, 1, 2, 3]));
    scratch.remove(w.root, 'README.md');
    await w.boundary('alice', 'ended', { touched: ['src/app.ts', 'logo.png', 'README.md'] });

    const changes = await w.changes.execute({ slug: 'alice', turn: 1 });
    expect(changes.ok && changes.value.files.map(({ version: _v, ...f }) => f)).toEqual([
      { path: 'README.md', status: 'deleted', added: 0, removed: 1, binary: false, attribution: 'agent', alsoBy: [] },
      { path: 'logo.png', status: 'added', added: 0, removed: 0, binary: true, attribution: 'agent', alsoBy: [] },
      { path: 'src/app.ts', status: 'modified', added: 2, removed: 1, binary: false, attribution: 'agent', alsoBy: [] },
    ]);
    expect(changes.ok && changes.value.settled).toBe(true);
    const patch = await w.patch.execute({ slug: 'alice', turn: 1, path: 'src/app.ts' });
    expect(patch.ok && patch.value.text).toContain('-two\n+TWO\n');
    expect(await w.changes.execute({ slug: 'alice', turn: 7 })).toEqual({ ok: false, error: { kind: 'turn-not-found', slug: 'alice', turn: 7 } });
  });

  it('records turns in a repository with no commit yet', async () => {
    const w = await world(undefined);
    await w.boundary('alice', 'started');
    w.write('first.txt', 'hello\n');
    await w.boundary('alice', 'ended', { touched: ['first.txt'] });
    const changes = await w.changes.execute({ slug: 'alice', turn: 1 });
    expect(changes.ok && changes.value.files.map((f) => [f.path, f.status, f.attribution])).toEqual([['first.txt', 'added', 'agent']]);
  });

  it('closes a turn left open when the next one starts, and measures an end with no start from the commit checked out', async () => {
    const w = await world();
    w.write('before.txt', 'user, before any turn\n');
    await w.boundary('alice', 'ended', { touched: ['a.txt'] });
    expect(await w.boundary('alice', 'started')).toEqual({ turn: 2, boundary: 'started', pruned: [] });
    w.write('a.txt', 'a\n');
    expect(await w.boundary('alice', 'started')).toEqual({ turn: 3, boundary: 'started', closedTurn: 2, pruned: [] });
    const first = await w.changes.execute({ slug: 'alice', turn: 1 });
    expect(first.ok && first.value.files.map((f) => [f.path, f.attribution])).toEqual([['before.txt', 'others']]);
    const second = await w.changes.execute({ slug: 'alice', turn: 2 });
    // The closing state carried no events: the change cannot be called the agent's alone.
    expect(second.ok && second.value.files.map((f) => [f.path, f.attribution])).toEqual([['a.txt', 'mixed']]);
    const running = await w.changes.execute({ slug: 'alice', turn: 3 });
    expect(running.ok && running.value.turn.endedAt).toBeUndefined();
  });
});

describe('attribution in a shared working tree', () => {
  it('gives each agent the files its events name, marks a file both changed as mixed, and the user’s edits as others', async () => {
    const w = await world();
    await w.boundary('alice', 'started');
    await w.boundary('bob', 'started');
    w.write('src/alice.ts', 'a\n');
    w.write('src/bob.ts', 'b\n');
    w.write('src/app.ts', 'both touched this\n');
    w.write('user.txt', 'the user typed this\n');
    await w.boundary('alice', 'ended', { touched: ['src/alice.ts', 'src/app.ts'] });
    await w.boundary('bob', 'ended', { touched: ['src/bob.ts', join(w.root, 'src/app.ts'), '/elsewhere/x.ts', '../escape.ts'] });

    const alice = await w.changes.execute({ slug: 'alice', turn: 1 });
    expect(alice.ok && alice.value.files.map((f) => [f.path, f.attribution, f.alsoBy])).toEqual([
      ['src/alice.ts', 'agent', []],
      ['src/app.ts', 'mixed', ['bob']],
      ['src/bob.ts', 'others', ['bob']],
      ['user.txt', 'others', []],
    ]);
    const bob = await w.changes.execute({ slug: 'bob', turn: 1 });
    expect(bob.ok && bob.value.files.filter((f) => f.attribution !== 'others').map((f) => [f.path, f.attribution])).toEqual([
      ['src/app.ts', 'mixed'],
      ['src/bob.ts', 'agent'],
    ]);
  });

  it('counts every change in the window of an agent without events as possibly its, and says so while it still runs', async () => {
    const w = await world();
    await w.boundary('alice', 'started');
    await w.boundary('bob', 'started');
    w.write('src/alice.ts', 'a\n');
    await w.boundary('alice', 'ended', { touched: ['src/alice.ts'] });
    const running = await w.changes.execute({ slug: 'alice', turn: 1 });
    expect(running.ok && running.value.settled).toBe(false);
    expect(running.ok && running.value.files.map((f) => [f.path, f.attribution, f.alsoBy])).toEqual([['src/alice.ts', 'mixed', ['bob']]]);
    await w.boundary('bob', 'ended');
    const settled = await w.changes.execute({ slug: 'alice', turn: 1 });
    expect(settled.ok && settled.value.settled).toBe(true);
    // Bob had no events, so alice.ts, which changed in his window, may be his too.
    expect(settled.ok && settled.value.files.map((f) => f.attribution)).toEqual(['mixed']);
  });

  it('does not mix turns that did not overlap in time', async () => {
    const w = await world();
    await w.boundary('bob', 'started');
    w.write('src/bob.ts', 'b\n');
    await w.boundary('bob', 'ended');
    await w.boundary('alice', 'started');
    w.write('src/alice.ts', 'a\n');
    await w.boundary('alice', 'ended', { touched: ['src/alice.ts'] });
    const alice = await w.changes.execute({ slug: 'alice', turn: 1 });
    expect(alice.ok && alice.value.files.map((f) => [f.path, f.attribution])).toEqual([['src/alice.ts', 'agent']]);
  });
});

describe('undoing a turn', () => {
  /** Alice edits app.ts and adds a file; bob later edits other lines of app.ts and another file. */
  async function undoWorld() {
    const w = await world();
    await w.boundary('alice', 'started');
    w.write('src/app.ts', 'one\nTWO by alice\nthree\nfour\nfive\nsix\n');
    w.write('src/new.ts', 'made by alice\n');
    await w.boundary('alice', 'ended', { touched: ['src/app.ts', 'src/new.ts'] });
    await w.boundary('bob', 'started');
    w.write('src/app.ts', 'one\nTWO by alice\nthree\nfour\nfive\nSIX by bob\n');
    w.write('src/other.ts', 'bob\n');
    await w.boundary('bob', 'ended', { touched: ['src/app.ts', 'src/other.ts'] });
    return w;
  }

  it('previews the diff it would apply and writes nothing', async () => {
    const w = await undoWorld();
    const before = scratch.fingerprint(w.root);
    const preview = await w.preview.execute({ slug: 'alice', turn: 1 });
    if (!preview.ok) throw new Error(JSON.stringify(preview.error));
    expect(preview.value.files.map((f) => [f.path, f.outcome, f.effect])).toEqual([
      ['src/app.ts', 'merge', 'write'],
      ['src/new.ts', 'remove', 'remove'],
    ]);
    expect(preview.value.needsConfirmation).toEqual([]);
    expect(preview.value.changes.map((c) => [c.path, c.status])).toEqual([
      ['src/app.ts', 'modified'],
      ['src/new.ts', 'deleted'],
    ]);
    expect(preview.value.patch.text).toContain('-TWO by alice\n+two\n');
    expect(preview.value.patch.text).not.toContain('SIX by bob\n+');
    expect(scratch.fingerprint(w.root)).toEqual(before);
  });

  it('takes back exactly the turn’s lines, keeps a later turn’s edits, and records the tree before it', async () => {
    const w = await undoWorld();
    const { index, head, branches, stash } = scratch.fingerprint(w.root);
    const preview = await w.preview.execute({ slug: 'alice', turn: 1 });
    if (!preview.ok) throw new Error('no preview');
    const undone = await w.undo.execute({ slug: 'alice', turn: 1, basis: preview.value.basis });
    expect(undone).toEqual({ ok: true, value: { turn: 1, written: ['src/app.ts'], removed: ['src/new.ts'], beforeUndo: 'refs/tessera/alice/turns/1/before-undo-1' } });
    expect(w.read('src/app.ts')).toBe('one\ntwo\nthree\nfour\nfive\nSIX by bob\n');
    expect(w.read('src/new.ts')).toBeUndefined();
    expect(w.read('src/other.ts')).toBe('bob\n');
    expect(scratch.fingerprint(w.root)).toMatchObject({ index, head, branches, stash });
    expect(scratch.git(w.root, 'show', 'refs/tessera/alice/turns/1/before-undo-1:src/new.ts')).toBe('made by alice\n');
    expect(await w.list.execute({ slug: 'alice' })).toMatchObject({ ok: true, value: [{ number: 1, undone: 1 }] });
  });

  it('refuses, saying which lines, when a later edit touched the same lines, and takes the turn’s side once confirmed', async () => {
    const w = await undoWorld();
    await w.boundary('bob', 'started');
    w.write('src/app.ts', 'one\nTWO rewritten by bob\nthree\nfour\nfive\nSIX by bob\n');
    await w.boundary('bob', 'ended', { touched: ['src/app.ts'] });
    const before = scratch.fingerprint(w.root);

    const refused = await w.undo.execute({ slug: 'alice', turn: 1 });
    expect(refused).toEqual({ ok: false, error: { kind: 'undo-needs-confirmation', slug: 'alice', turn: 1, files: [{ path: 'src/app.ts', reason: 'later-edit' }] } });
    expect(scratch.fingerprint(w.root)).toEqual(before);

    const confirmed = await w.undo.execute({ slug: 'alice', turn: 1, confirm: true });
    expect(confirmed.ok).toBe(true);
    expect(w.read('src/app.ts')).toBe('one\ntwo\nthree\nfour\nfive\nSIX by bob\n');
    // Bob's rewritten line is not lost: the checkpoint before the undo holds it.
    expect(scratch.git(w.root, 'show', 'refs/tessera/alice/turns/1/before-undo-1:src/app.ts')).toContain('TWO rewritten by bob');
  });

  it('refuses a mixed file until confirmed, never touches a file the agent’s events do not name, and refuses when the files changed since the preview', async () => {
    const w = await world();
    await w.boundary('alice', 'started');
    await w.boundary('bob', 'started');
    w.write('src/app.ts', 'one\ntwo\nthree\nfour\nfive\nsix\nshared\n');
    w.write('src/bobs.ts', 'bob\n');
    await w.boundary('bob', 'ended', { touched: ['src/app.ts', 'src/bobs.ts'] });
    await w.boundary('alice', 'ended', { touched: ['src/app.ts'] });

    const preview = await w.preview.execute({ slug: 'alice', turn: 1 });
    expect(preview.ok && preview.value.needsConfirmation).toEqual([{ path: 'src/app.ts', reason: 'mixed' }]);
    expect(preview.ok && preview.value.skipped).toEqual([{ path: 'src/bobs.ts', reason: 'not-this-agent' }]);
    expect(preview.ok && preview.value.files).toEqual([]);
    expect(await w.undo.execute({ slug: 'alice', turn: 1 })).toMatchObject({ ok: false, error: { kind: 'undo-needs-confirmation', files: [{ path: 'src/app.ts', reason: 'mixed' }] } });

    const confirmedPreview = await w.preview.execute({ slug: 'alice', turn: 1, confirm: true });
    if (!confirmedPreview.ok) throw new Error('no preview');
    w.write('src/app.ts', 'changed after the preview\n');
    expect(await w.undo.execute({ slug: 'alice', turn: 1, confirm: true, basis: confirmedPreview.value.basis })).toEqual({
      ok: false,
      error: { kind: 'undo-changed-since-preview', slug: 'alice', turn: 1, paths: ['src/app.ts'] },
    });
    expect(w.read('src/app.ts')).toBe('changed after the preview\n');
    expect(w.read('src/bobs.ts')).toBe('bob\n');
  });

  it('refuses a running turn, and leaves alone a file too large to have been recorded', async () => {
    const w = await world();
    await w.boundary('alice', 'started');
    expect(await w.undo.execute({ slug: 'alice', turn: 1 })).toEqual({ ok: false, error: { kind: 'turn-running', slug: 'alice', turn: 1 } });
    scratch.write(w.root, 'data.bin', Buffer.alloc(11 * 1024 * 1024, 7));
    w.write('src/small.ts', 'small\n');
    await w.boundary('alice', 'ended', { touched: ['data.bin', 'src/small.ts'] });
    const changes = await w.changes.execute({ slug: 'alice', turn: 1 });
    expect(changes.ok && changes.value.leftOut.tooLarge).toEqual([{ path: 'data.bin', bytes: 11 * 1024 * 1024 }]);
    const undone = await w.undo.execute({ slug: 'alice', turn: 1 });
    expect(undone).toMatchObject({ ok: true, value: { written: [], removed: ['src/small.ts'] } });
    expect(scratch.read(w.root, 'data.bin')?.length).toBe(11 * 1024 * 1024);
  });
});

describe('pruning checkpoints', () => {
  it('drops old turns whose work went on or was committed, and keeps the one holding work that was thrown away uncommitted', async () => {
    const w = await world();
    // Turn 1: a file later deleted while uncommitted. Turn 2: edits committed afterwards. Turns 3-4: recent.
    await w.boundary('alice', 'started');
    w.write('src/throwaway.ts', 'precious, never committed\n');
    await w.boundary('alice', 'ended', { touched: ['src/throwaway.ts'] });
    scratch.remove(w.root, 'src/throwaway.ts');
    await w.boundary('alice', 'started');
    w.write('src/app.ts', 'v2\n');
    await w.boundary('alice', 'ended', { touched: ['src/app.ts'] });
    scratch.commitAll(w.root, 'user commits v2');
    await w.boundary('alice', 'started');
    w.write('src/app.ts', 'v3\n');
    const third = await w.boundary('alice', 'ended', { touched: ['src/app.ts'] });
    // keepTurns is 2 in this world: turn 1 stays (its file exists nowhere else), nothing else is old enough yet.
    expect(third.pruned).toEqual([]);
    await w.boundary('alice', 'started');
    w.write('src/app.ts', 'v4\n');
    const fourth = await w.boundary('alice', 'ended', { touched: ['src/app.ts'] });
    expect(fourth.pruned).toEqual([2]);

    const before = scratch.fingerprint(w.root);
    const report = await w.prune.execute({ slug: 'alice', keepTurns: 1 });
    expect(scratch.fingerprint(w.root)).toEqual(before);
    expect(report).toEqual({ ok: true, value: { pruned: [3], kept: [{ turn: 1, paths: ['src/throwaway.ts'] }] } });
    expect((await w.list.execute({ slug: 'alice' })).ok && (await w.list.execute({ slug: 'alice' }))).toMatchObject({ value: [{ number: 1 }, { number: 4 }] });
    expect(scratch.git(w.root, 'show', 'refs/tessera/alice/turns/1/ended:src/throwaway.ts')).toBe('precious, never committed\n');

    // Once the thrown-away file is committed after all, its turn may go.
    w.write('src/throwaway.ts', 'precious, never committed\n');
    scratch.commitAll(w.root, 'rescued');
    expect(await w.prune.execute({ slug: 'alice', keepTurns: 1 })).toEqual({ ok: true, value: { pruned: [1], kept: [] } });
  });
});
