import { describe, expect, it } from 'vitest';
import {
  baseRef,
  beforeUndoRef,
  CHECKPOINT_LIMITS,
  decodeNote,
  discardedRef,
  encodeNote,
  keptPrompt,
  nextTurnNumber,
  normalizeTouched,
  openTurn,
  parseCheckpointRef,
  readHistory,
  turnFrom,
  turnRef,
} from './checkpoint';
import type { Checkpoint } from './ports/checkpoints.port';

const leftOut = { tooLarge: [], ignored: [], nestedRepositories: [], truncated: false };
const checkpoint = (ref: string, note: object | string, commit = `c-${ref}`, head: string | undefined = 'h'): Checkpoint => ({
  ref,
  commit,
  tree: `t-${ref}`,
  head,
  note: typeof note === 'string' ? note : JSON.stringify(note),
  leftOut,
});

describe('checkpoint refs', () => {
  it('names each checkpoint under the agent’s folder and reads the names back', () => {
    expect(turnRef('rev', 3, 'started')).toBe('refs/tessera/rev/turns/3/started');
    expect(parseCheckpointRef(turnRef('rev', 3, 'ended'))).toEqual({ agent: 'rev', kind: 'ended', turn: 3 });
    expect(parseCheckpointRef(beforeUndoRef('rev', 3, 2))).toEqual({ agent: 'rev', kind: 'before-undo', turn: 3, n: 2 });
    expect(parseCheckpointRef(discardedRef('a-b', 4))).toEqual({ agent: 'a-b', kind: 'discarded', n: 4 });
    expect(parseCheckpointRef(baseRef('rev'))).toEqual({ agent: 'rev', kind: 'base' });
  });

  it('reads no other ref as a checkpoint', () => {
    for (const ref of ['refs/heads/main', 'refs/tessera/rev/turns/x/started', 'refs/tessera/Rev/base', 'refs/tessera/rev/turns/1/started/more', 'refs/tessera/-x/base']) {
      expect(parseCheckpointRef(ref)).toBeUndefined();
    }
  });
});

describe('checkpoint notes', () => {
  it('round-trips a note and refuses what Tessera did not write', () => {
    const note = { agent: 'rev', kind: 'ended' as const, at: 5, workTree: '/p', touched: ['a.ts'] };
    expect(decodeNote(encodeNote(note))).toEqual(note);
    expect(decodeNote('not json')).toBeUndefined();
    expect(decodeNote(JSON.stringify({ agent: 'rev', kind: 'party', at: 5, workTree: '/p' }))).toBeUndefined();
    expect(decodeNote(JSON.stringify({ agent: 'rev', kind: 'ended', at: '5', workTree: '/p' }))).toBeUndefined();
  });

  it('keeps a prompt trimmed and capped, and drops an empty one', () => {
    expect(keptPrompt('  Fix it \n')).toBe('Fix it');
    expect(keptPrompt('   ')).toBeUndefined();
    expect(keptPrompt('x'.repeat(CHECKPOINT_LIMITS.maxPromptChars + 10))?.length).toBe(CHECKPOINT_LIMITS.maxPromptChars + 1);
  });
});

describe('reading turns back', () => {
  it('assembles turns per agent in order, with prompt, events and undos, and skips foreign refs and notes', () => {
    const history = readHistory([
      checkpoint('refs/tessera/rev/turns/2/started', { agent: 'rev', kind: 'started', at: 30, workTree: '/p', prompt: 'second' }),
      checkpoint('refs/tessera/rev/turns/10/started', { agent: 'rev', kind: 'started', at: 50, workTree: '/p' }),
      checkpoint('refs/tessera/rev/turns/1/ended', { agent: 'rev', kind: 'ended', at: 20, workTree: '/p', touched: ['a.ts'] }),
      checkpoint('refs/tessera/rev/turns/1/started', { agent: 'rev', kind: 'started', at: 10, workTree: '/p', prompt: 'first' }),
      checkpoint('refs/tessera/rev/turns/1/before-undo-1', { agent: 'rev', kind: 'before-undo', at: 40, workTree: '/p' }),
      checkpoint('refs/tessera/rev/turns/2/ended', { agent: 'rev', kind: 'ended', at: 35, workTree: '/p' }),
      checkpoint('refs/tessera/bob/turns/1/started', { agent: 'not-bob', kind: 'started', at: 1, workTree: '/p' }),
      checkpoint('refs/tessera/rev/turns/3/started', 'hand-made'),
      checkpoint('refs/tessera/rev/base', { agent: 'rev', kind: 'base', at: 1, workTree: '/wt', baseBranch: 'main' }),
    ]);
    expect(history.turns.map((t) => [t.agent, t.number, t.prompt, t.touched, t.beforeUndo.length, !!t.ended])).toEqual([
      ['rev', 1, 'first', ['a.ts'], 1, true],
      ['rev', 2, 'second', [], 0, true],
      ['rev', 10, undefined, [], 0, false],
    ]);
    expect(history.others).toMatchObject([{ agent: 'rev', kind: 'base', note: { baseBranch: 'main' } }]);
    expect(openTurn(history.turns, 'rev')?.number).toBe(10);
    expect(openTurn(history.turns, 'bob')).toBeUndefined();
    expect(nextTurnNumber(history.turns, 'rev')).toBe(11);
    expect(nextTurnNumber(history.turns, 'bob')).toBe(1);
  });

  it('measures a turn without a recorded start from the commit checked out at its end', () => {
    const history = readHistory([checkpoint('refs/tessera/rev/turns/1/ended', { agent: 'rev', kind: 'ended', at: 1, workTree: '/p' }, 'end', 'head-commit')]);
    expect(turnFrom(history.turns[0]!)).toBe('head-commit');
  });
});

describe('paths named by an agent’s events', () => {
  it('makes them relative to the checkout, drops what lies outside, and dedupes', () => {
    expect(normalizeTouched(['/p/src/a.ts', 'src/a.ts', './src/b.ts', '/elsewhere/c.ts', '../d.ts', 'src/../../e.ts', '/p', 'C:\\p\\f.ts', 'src\\g.ts'], '/p')).toEqual(['src/a.ts', 'src/b.ts', 'src/g.ts']);
    expect(normalizeTouched(['C:\\p\\f.ts'], 'C:\\p')).toEqual(['f.ts']);
    expect(normalizeTouched(['/p/x'], '/p/')).toEqual(['x']);
  });
});
