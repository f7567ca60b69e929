import { describe, expect, it } from 'vitest';
import { parseLayout, readLayoutFile, revisionOfLayoutText, takesAsItIs } from './layout-parsing';

const pane = (id: string, content: object = { kind: 'empty' }) => ({ type: 'pane', id, content });
const split = (id: string, first: object, second: object, ratio: unknown = 0.5) => ({ type: 'split', id, direction: 'row', ratio, first, second });

describe('readLayoutFile', () => {
  it('takes a good file as it is, with nothing repaired', () => {
    const file = { version: 1, root: split('s', pane('a'), pane('b')), focused: 'b', relaunchOnOpen: true };
    expect(readLayoutFile(file)).toEqual({ ok: true, value: { layout: file, repaired: [], revision: 0 } });
  });

  it('reads the revision beside the layout, and never as part of it', () => {
    const file = { version: 1, revision: 12, root: pane('a') };
    expect(readLayoutFile(file)).toEqual({ ok: true, value: { layout: { version: 1, root: pane('a') }, repaired: [], revision: 12 } });
  });

  it('replaces a split that loses both children by nothing, and one that loses one by the other', () => {
    const file = {
      version: 1,
      root: split('top', split('left', pane('x', { kind: 'web' }), pane('y', {})), split('right', pane('a'), pane('z', { kind: 'editor', file: { kind: 'other' } }))),
    };
    const read = readLayoutFile(file);
    expect(read.ok && read.value.layout.root).toEqual(pane('a'));
    expect(read.ok && read.value.repaired).toHaveLength(3);
  });

  it('leaves an empty layout when its only pane is dropped', () => {
    const read = readLayoutFile({ version: 1, root: pane('a', { kind: 'terminal' }), focused: 'a' });
    expect(read).toEqual({
      ok: true,
      value: {
        layout: { version: 1, root: null },
        repaired: ['pane "a": a terminal pane needs an "agent": dropped the pane', 'focused pane "a" is not in the tree: ignored'],
        revision: 0,
      },
    });
  });

  it('renames each further use of an id to a fresh one', () => {
    const read = readLayoutFile({ version: 1, root: split('a', split('b', pane('a'), pane('a')), pane('a-2')) });
    const ids = JSON.stringify(read.ok && read.value.layout).match(/"id":"[^"]+"/g);
    expect(new Set(ids).size).toBe(5);
  });

  it('reads a relaunchOnOpen that is not true or false as false', () => {
    const read = readLayoutFile({ version: 1, root: null, relaunchOnOpen: 'yes' });
    expect(read.ok && read.value.layout.relaunchOnOpen).toBeUndefined();
    expect(read.ok && read.value.repaired).toEqual(['"relaunchOnOpen" must be true or false, not the text "yes": taken as false']);
  });

  it('refuses a tree nested deeper than 64 levels without exhausting the stack', () => {
    let node: object = pane('leaf');
    for (let i = 0; i < 5000; i++) node = split(`s${i}`, node, pane(`p${i}`));
    expect(readLayoutFile({ version: 1, root: node })).toEqual({ ok: false, error: { kind: 'layout-invalid', reason: 'nested deeper than 64 levels' } });
  });
});

describe('parseLayout', () => {
  it('reports the first problem readLayoutFile would repair', () => {
    expect(parseLayout({ version: 1, root: split('s', pane('a', { kind: 'terminal', agent: 'x' }), pane('b', { kind: 'terminal', agent: 'x' })) })).toEqual({
      ok: false,
      error: { kind: 'layout-invalid', reason: 'agent "x" has two terminal panes' },
    });
  });
});

describe('layout.json revisions', () => {
  it('takes a file with a revision as it is, and one with a revision that is not a whole number as not', () => {
    expect(takesAsItIs({ version: 1, revision: 3, root: pane('a') })).toBe(true);
    expect(takesAsItIs({ version: 1, root: pane('a') })).toBe(true);
    expect(takesAsItIs({ version: 1, revision: -1, root: pane('a') })).toBe(false);
    expect(takesAsItIs({ version: 1, revision: 1.5, root: pane('a') })).toBe(false);
  });

  it('guards a file that loads with its revision, one without with 0, and one that does not load with none', () => {
    expect(revisionOfLayoutText(JSON.stringify({ version: 1, revision: 7, root: null }))).toBe(7);
    expect(revisionOfLayoutText(JSON.stringify({ version: 1, root: null }))).toBe(0);
    expect(revisionOfLayoutText('{ "version": 1, "revision": 7, ')).toBeUndefined();
    expect(revisionOfLayoutText(JSON.stringify({ version: 2, revision: 7, root: null }))).toBeUndefined();
  });
});
