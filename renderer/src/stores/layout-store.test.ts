import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LayoutDto, LayoutNodeDto, ResultOf } from '../../../contract/contract';
import { geometryOf, panesOf } from '../layout/layout-tree';
import { FakeApi, settle } from '../testing/fake-api';
import { createLayoutStore } from './layout-store';

type Saved = Omit<ResultOf<'layout.get'>, 'revision'> & { revision?: number };

function world(saved: Saved = { version: 1, root: null }) {
  const api = new FakeApi().answer('layout.get', { revision: 0, ...saved }).answer('layout.save', { revision: 1 });
  let n = 0;
  const store = createLayoutStore(api, { newId: () => `id${++n}`, saveDelayMs: 300, origin: 'this-window' });
  return { api, store, s: () => store.getState() };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('layout store', () => {
  it('restores the saved tree and focus from layout.get', async () => {
    const { s } = world({
      version: 1,
      root: { type: 'pane', id: 'x', content: { kind: 'terminal', agent: 'reviewer' } },
      focused: 'x',
    });
    await s().load();
    expect(s().root).toEqual({ type: 'pane', id: 'x', content: { kind: 'terminal', agent: 'reviewer' } });
    expect(s().focused).toBe('x');
  });

  it('says the layout could not be loaded, with the reason and the copy kept, and starts empty', async () => {
    const { s } = world({ version: 1, root: null, notLoaded: { reason: 'layout.json is not valid JSON: Unexpected end', backup: 'layout.json.bak' } });
    await s().load();
    expect(s().loadNote).toEqual({ kind: 'not-loaded', text: 'Layout could not be loaded: layout.json is not valid JSON: Unexpected end; a copy was kept as layout.json.bak' });
    expect(s().saveError).toBeUndefined();
    expect(s().root).toBeNull();
  });

  it('does not claim a copy when none could be kept', async () => {
    const { s } = world({ version: 1, root: null, notLoaded: { reason: 'layout.json cannot be read: EACCES' } });
    await s().load();
    expect(s().loadNote?.text).toBe('Layout could not be loaded: layout.json cannot be read: EACCES');
  });

  it('says what was repaired on load until dismissed, and forgets it on reset', async () => {
    const { s } = world({ version: 1, root: { type: 'pane', id: 'a', content: { kind: 'empty' } }, repaired: ['agent "x" has two terminal panes: dropped pane "b"'] });
    await s().load();
    expect(s().loadNote).toEqual({ kind: 'repaired', text: 'Layout repaired on load: agent "x" has two terminal panes: dropped pane "b"' });
    s().dismissLoadNote();
    expect(s().loadNote).toBeUndefined();
    await s().load();
    s().reset();
    expect(s().loadNote).toBeUndefined();
  });

  it('words a failed layout.get as not loaded, not as not saved', async () => {
    const api = new FakeApi().fail('layout.get', 'no-project', 'No project is open.');
    const store = createLayoutStore(api);
    await store.getState().load();
    expect(store.getState().loadNote?.text).toBe('Layout could not be loaded: No project is open.');
    expect(store.getState().saveError).toBeUndefined();
  });

  it('ignores a focused or maximized pane that is not in the tree', async () => {
    const { s } = world({ version: 1, root: { type: 'pane', id: 'x', content: { kind: 'empty' } }, focused: 'gone', maximized: 'gone' });
    await s().load();
    expect(s().focused).toBe('x');
    expect(s().maximized).toBeUndefined();
  });

  it('opens an agent terminal in the first pane, then splits, and focuses the existing pane on a second launch', async () => {
    const { s } = world();
    await s().load();
    const first = s().openTerminal('reviewer');
    const second = s().openTerminal('writer');
    expect(panesOf(s().root).map((p) => p.content)).toEqual([
      { kind: 'terminal', agent: 'reviewer' },
      { kind: 'terminal', agent: 'writer' },
    ]);
    expect(s().focused).toBe(second);
    expect(s().openTerminal('reviewer')).toBe(first);
    expect(s().focused).toBe(first);
    expect(panesOf(s().root)).toHaveLength(2);
  });

  it('fills the focused empty pane instead of splitting', async () => {
    const { s } = world();
    await s().load();
    s().openTerminal('reviewer');
    const empty = s().split('column')!;
    expect(s().focused).toBe(empty);
    const opened = s().openEditor({ kind: 'skill', name: 'testing', scope: 'project' });
    expect(opened).toBe(empty);
    expect(panesOf(s().root)).toHaveLength(2);
  });

  it('in the grid fills an empty pane elsewhere before adding one', async () => {
    const { s } = world();
    await s().load();
    s().openTerminal('reviewer');
    const empty = s().split('column')!;
    s().focus(panesOf(s().root)[0]!.id);
    expect(s().openTerminal('builder')).toBe(empty);
    expect(panesOf(s().root)).toHaveLength(2);
  });

  it('eight launches one after another re-tile into an even grid: three rows, no pane under three fifths of the largest', async () => {
    const { s } = world();
    await s().load();
    const agents = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    for (const agent of agents) s().openTerminal(agent);
    const { panes } = geometryOf(s().root);
    expect(panesOf(s().root).map((p) => (p.content.kind === 'terminal' ? p.content.agent : ''))).toEqual(agents);
    const rects = [...panes.values()];
    expect(new Set(rects.map((r) => r.y.toFixed(4))).size).toBe(3);
    for (const r of rects) expect(r.h).toBeCloseTo(1 / 3);
    const areas = rects.map((r) => r.w * r.h);
    for (const area of areas) expect(area).toBeGreaterThanOrEqual(Math.max(...areas) * 0.6);
    expect(s().focused).toBe(panesOf(s().root)[7]!.id);
  });

  it('puts a new pane in a new column, a new row, or in place of the focused pane when the user chose so', async () => {
    const { s } = world();
    await s().load();
    s().openTerminal('a');
    s().setNewPanes('column');
    s().openTerminal('b');
    const afterColumn = s().root!;
    expect(afterColumn.type === 'split' && afterColumn.direction).toBe('row');
    s().setNewPanes('row');
    s().openTerminal('c');
    const { panes } = geometryOf(s().root);
    const [a, b, c] = panesOf(s().root).map((p) => panes.get(p.id)!);
    expect(c!.x).toBe(b!.x);
    expect(c!.y).toBeGreaterThan(b!.y);
    expect(a!.h).toBe(1);
    s().setNewPanes('replace');
    const focused = s().focused;
    s().openTerminal('d');
    expect(s().focused).toBe(focused);
    expect(panesOf(s().root).map((p) => (p.content.kind === 'terminal' ? p.content.agent : ''))).toEqual(['a', 'b', 'd']);
  });

  it('never replaces an editor with unsaved text: the new pane joins the grid instead', async () => {
    const { s } = world();
    await s().load();
    s().setNewPanes('replace');
    const editor = s().openEditor({ kind: 'agent', slug: 'a' });
    s().setDirty(editor, true);
    s().openTerminal('b');
    expect(panesOf(s().root).map((p) => p.content.kind)).toEqual(['editor', 'terminal']);
  });

  it('keeps the placement choice in storage and starts with the grid when nothing valid is kept', () => {
    const kept = new Map<string, string>();
    const storage = { getItem: (k: string) => kept.get(k) ?? null, setItem: (k: string, v: string) => void kept.set(k, v) };
    const api = new FakeApi();
    expect(createLayoutStore(api, { storage }).getState().newPanes).toBe('grid');
    createLayoutStore(api, { storage }).getState().setNewPanes('row');
    expect(createLayoutStore(api, { storage }).getState().newPanes).toBe('row');
    kept.set('tessera.newPanes', 'diagonal');
    expect(createLayoutStore(api, { storage }).getState().newPanes).toBe('grid');
  });

  it('evens out a lopsided layout into a grid, keeping every pane', async () => {
    const { s } = world();
    await s().load();
    s().setNewPanes('row');
    for (const agent of ['a', 'b', 'c', 'd']) s().openTerminal(agent);
    const ids = panesOf(s().root).map((p) => p.id);
    s().evenOut();
    expect(panesOf(s().root).map((p) => p.id)).toEqual(ids);
    for (const r of geometryOf(s().root).panes.values()) {
      expect(r.w).toBeCloseTo(0.5);
      expect(r.h).toBeCloseTo(0.5);
    }
  });

  it('an empty pane picks an agent: its terminal shows there, and a pane that showed it elsewhere closes', async () => {
    const { s } = world();
    await s().load();
    s().openTerminal('a');
    const emptyId = s().split('row')!;
    s().showIn(emptyId, 'a');
    expect(panesOf(s().root)).toEqual([{ type: 'pane', id: emptyId, content: { kind: 'terminal', agent: 'a' } }]);
    expect(s().focused).toBe(emptyId);
  });

  it('asks the focused pane to take the keyboard once a saved layout is loaded', async () => {
    const { s } = world({ version: 1, root: { type: 'pane', id: 'x', content: { kind: 'terminal', agent: 'a' } }, focused: 'x' });
    const before = s().focusRequest;
    await s().load();
    expect(s().focusRequest).toBeGreaterThan(before);
  });

  it('previews where a terminal will open without changing the layout, in the same shape openTerminal then makes', async () => {
    const { s } = world();
    await s().load();
    s().openTerminal('a');
    const before = s().root;
    const preview = s().previewTerminal('b');
    expect(s().root).toBe(before);
    const opened = s().openTerminal('b');
    const shape = (node: unknown) => JSON.stringify(node, (key, value) => (key === 'id' ? undefined : value));
    expect(shape(preview.root)).toBe(shape(s().root));
    expect(panesOf(preview.root).findIndex((p) => p.id === preview.paneId)).toBe(panesOf(s().root).findIndex((p) => p.id === opened));
  });

  it('previews an agent that has a pane in that pane, un-maximizing another pane as openTerminal does', async () => {
    const { s } = world();
    await s().load();
    const a = s().openTerminal('a');
    const b = s().openTerminal('b');
    s().toggleMaximize(b);
    expect(s().previewTerminal('a')).toEqual({ root: s().root, maximized: undefined, paneId: a });
    expect(s().previewTerminal('b')).toEqual({ root: s().root, maximized: b, paneId: b });
  });

  it('closing the focused pane gives focus to the sibling that takes its space and clears maximize', async () => {
    const { s } = world();
    await s().load();
    const a = s().openTerminal('a');
    const b = s().split('row')!;
    s().toggleMaximize(b);
    expect(s().maximized).toBe(b);
    s().close();
    expect(panesOf(s().root).map((p) => p.id)).toEqual([a]);
    expect(s().focused).toBe(a);
    expect(s().maximized).toBeUndefined();
  });

  it('toggles maximize off again and refuses to maximize a lone pane', async () => {
    const { s } = world();
    await s().load();
    s().openTerminal('a');
    s().toggleMaximize();
    expect(s().maximized).toBeUndefined();
    s().split('row');
    s().toggleMaximize();
    expect(s().maximized).toBe(s().focused);
    s().toggleMaximize();
    expect(s().maximized).toBeUndefined();
  });

  it('focus next and previous cycle through panes and carry maximize along', async () => {
    const { s } = world();
    await s().load();
    const a = s().openTerminal('a');
    const b = s().openTerminal('b');
    s().focusNext();
    expect(s().focused).toBe(a);
    s().toggleMaximize();
    s().focusPrevious();
    expect(s().focused).toBe(b);
    expect(s().maximized).toBe(b);
  });

  it('saves once, debounced, after a burst of divider drags and focus moves', async () => {
    const { api, s } = world();
    await s().load();
    const first = s().openTerminal('a');
    const split = s().split('row')!;
    await settle();
    const before = api.callsOf('layout.save').length;
    const splitId = s().root!.id;
    for (let i = 1; i <= 7; i++) {
      s().setRatio(splitId, i / 20);
      s().focus(i % 2 === 0 ? first : split);
    }
    expect(api.callsOf('layout.save')).toHaveLength(before);
    await vi.advanceTimersByTimeAsync(300);
    const saves = (api.callsOf('layout.save') as Array<{ layout: LayoutDto }>).slice(before);
    expect(saves).toHaveLength(1);
    expect(saves[0]!.layout.focused).toBe(split);
    expect(saves[0]!.layout.root?.type === 'split' && saves[0]!.layout.root.ratio).toBe(0.35);
  });

  it('saves a pane opened for an agent at once, whatever moves after it, so a page that goes without its unload keeps it', async () => {
    const { api, store, s } = world();
    await s().load();
    const reviewer = s().openTerminal('reviewer');
    s().openTerminal('builder');
    // The user clicks back into the first agent's terminal, then the page goes before any timer runs.
    s().focus(reviewer);
    await settle();
    store.getState().dispose();
    const saves = api.callsOf('layout.save') as Array<{ layout: LayoutDto }>;
    const last = saves[saves.length - 1]!.layout;
    expect(panesOf(last.root).map((pane) => pane.content)).toEqual([
      { kind: 'terminal', agent: 'reviewer' },
      { kind: 'terminal', agent: 'builder' },
    ]);
  });

  it('saves a closed pane at once', async () => {
    const { api, s } = world();
    await s().load();
    s().openTerminal('a');
    const b = s().openTerminal('b');
    await settle();
    s().close(b);
    await settle();
    const saves = api.callsOf('layout.save') as Array<{ layout: LayoutDto }>;
    expect(panesOf(saves[saves.length - 1]!.layout.root).map((pane) => pane.content)).toEqual([{ kind: 'terminal', agent: 'a' }]);
  });

  it('keeps one save in flight: changes made meanwhile go in one save after it, so an older layout never lands last', async () => {
    const { api, s } = world();
    const answers: Array<() => void> = [];
    api.answer('layout.save', () => new Promise((resolve) => answers.push(() => resolve({ ok: true, value: { revision: 1 } }))));
    await s().load();
    s().openTerminal('a');
    await settle();
    s().openTerminal('b');
    s().openTerminal('c');
    await settle();
    expect(api.callsOf('layout.save')).toHaveLength(1);
    answers.shift()!();
    await settle();
    const saves = api.callsOf('layout.save') as Array<{ layout: LayoutDto }>;
    expect(saves).toHaveLength(2);
    expect(panesOf(saves[1]!.layout.root).map((pane) => pane.content)).toEqual(['a', 'b', 'c'].map((agent) => ({ kind: 'terminal', agent })));
    answers.shift()!();
    await s().flush();
    expect(api.callsOf('layout.save')).toHaveLength(2);
  });

  it('flush waits for a save in flight and the one queued behind it', async () => {
    const { api, s } = world();
    const answers: Array<() => void> = [];
    api.answer('layout.save', () => new Promise((resolve) => answers.push(() => resolve({ ok: true, value: { revision: 1 } }))));
    await s().load();
    s().openTerminal('a');
    await settle();
    s().openTerminal('b');
    let flushed = false;
    void s().flush().then(() => (flushed = true));
    answers.shift()!();
    await settle();
    expect(flushed).toBe(false);
    answers.shift()!();
    await settle();
    expect(flushed).toBe(true);
  });

  it('does not save what it just loaded', async () => {
    const { api, s } = world({ version: 1, root: { type: 'pane', id: 'x', content: { kind: 'empty' } } });
    await s().load();
    await vi.advanceTimersByTimeAsync(1000);
    expect(api.callsOf('layout.save')).toHaveLength(0);
  });

  it('flush saves a pending change at once (page unload)', async () => {
    const { api, s } = world();
    await s().load();
    s().split('row');
    await s().flush();
    expect(api.callsOf('layout.save')).toEqual([{ layout: { version: 1, root: s().root, focused: s().focused }, basedOn: 0, origin: 'this-window' }]);
  });

  it('reports a failed save so the user can see it', async () => {
    const { api, s } = world();
    api.fail('layout.save', 'layout-invalid', 'The layout is invalid.');
    await s().load();
    s().openTerminal('a');
    await vi.advanceTimersByTimeAsync(300);
    await settle();
    expect(s().saveError).toBe('The layout is invalid.');
  });
});

describe('layout store across windows', () => {
  const pane = (id: string, agent?: string): LayoutNodeDto => ({ type: 'pane', id, content: agent ? { kind: 'terminal', agent } : { kind: 'empty' } });
  const row = (id: string, ratio: number, first: LayoutNodeDto, second: LayoutNodeDto): LayoutNodeDto => ({ type: 'split', id, direction: 'row', ratio, first, second });
  const twoPanes = { version: 1 as const, root: row('s', 0.5, pane('a', 'ada'), pane('b', 'bea')), focused: 'b', revision: 3 };

  it('shows a layout another window saved at once, keeps its own focus, and saves nothing back', async () => {
    const { api, s } = world(twoPanes);
    await s().load();
    const focusRequest = s().focusRequest;
    const theirs = row('s', 0.7, pane('a', 'ada'), row('s2', 0.5, pane('b', 'bea'), pane('c', 'cal')));
    api.emit('layout.changed', { layout: { version: 1, root: theirs, focused: 'c' }, revision: 4, origin: 'other-window' });
    expect(s().root).toEqual(theirs);
    expect(s().focused).toBe('b');
    expect(s().focusRequest).toBe(focusRequest);
    await vi.advanceTimersByTimeAsync(1000);
    expect(api.callsOf('layout.save')).toEqual([]);
  });

  it('saves its next change on top of the layout it took up from another window', async () => {
    const { api, s } = world(twoPanes);
    await s().load();
    api.emit('layout.changed', { layout: { version: 1, root: row('s', 0.7, pane('a', 'ada'), pane('b', 'bea')) }, revision: 4, origin: 'other-window' });
    s().close('a');
    await settle();
    const saves = api.callsOf('layout.save') as Array<{ layout: LayoutDto; basedOn: number }>;
    expect(saves.map((save) => [save.layout.root, save.basedOn])).toEqual([[pane('b', 'bea'), 4]]);
  });

  it('never applies its own save again when its layout.changed comes back, even behind a newer change of its own', async () => {
    const { api, s } = world(twoPanes);
    await s().load();
    s().setRatio('s', 0.2);
    await vi.advanceTimersByTimeAsync(300);
    const saved = (api.callsOf('layout.save') as Array<{ layout: LayoutDto }>)[0]!.layout;
    // A drag goes on while the host announces the save just made.
    s().setRatio('s', 0.25);
    api.emit('layout.changed', { layout: saved, revision: 4, origin: 'this-window' });
    expect(s().root).toEqual(row('s', 0.25, pane('a', 'ada'), pane('b', 'bea')));
  });

  it('ignores a layout older than the one it shows', async () => {
    const { api, s } = world(twoPanes);
    await s().load();
    api.emit('layout.changed', { layout: { version: 1, root: pane('a', 'ada') }, revision: 3, origin: 'other-window' });
    expect(s().root).toEqual(twoPanes.root);
  });

  it('moves focus, with the keyboard, to a pane still there when another window closed the focused one', async () => {
    const { api, s } = world(twoPanes);
    await s().load();
    const focusRequest = s().focusRequest;
    api.emit('layout.changed', { layout: { version: 1, root: pane('a', 'ada') }, revision: 4, origin: 'other-window' });
    expect(s().focused).toBe('a');
    expect(s().focusRequest).toBe(focusRequest + 1);
  });

  it('keeps a divider it moved but had not saved yet over the layout another window saved, and saves both changes on top of it', async () => {
    const { api, s } = world(twoPanes);
    await s().load();
    s().setRatio('s', 0.2);
    const theirs = row('s', 0.5, pane('a', 'ada'), row('s2', 0.5, pane('b', 'bea'), pane('c', 'cal')));
    api.emit('layout.changed', { layout: { version: 1, root: theirs }, revision: 4, origin: 'other-window' });
    const both = row('s', 0.2, pane('a', 'ada'), row('s2', 0.5, pane('b', 'bea'), pane('c', 'cal')));
    expect(s().root).toEqual(both);
    await vi.advanceTimersByTimeAsync(1000);
    const saves = api.callsOf('layout.save') as Array<{ layout: LayoutDto; basedOn: number }>;
    expect(saves.map((save) => [save.layout.root, save.basedOn])).toEqual([[both, 4]]);
  });

  it('drops a change whose pane another window closed, and saves nothing', async () => {
    const { api, s } = world(twoPanes);
    await s().load();
    s().setRatio('s', 0.2);
    api.emit('layout.changed', { layout: { version: 1, root: pane('a', 'ada') }, revision: 4, origin: 'other-window' });
    expect(s().root).toEqual(pane('a', 'ada'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(api.callsOf('layout.save')).toEqual([]);
  });

  it('when its save is refused as stale, takes up the newer layout, makes its change again over it, and saves that', async () => {
    const { api, s } = world(twoPanes);
    await s().load();
    api.answer('layout.get', { version: 1, root: row('s', 0.5, pane('a', 'ada'), pane('z', 'zed')), revision: 5 });
    let calls = 0;
    api.answer('layout.save', () =>
      ++calls === 1 ? { ok: false, error: { kind: 'layout-stale', message: 'The layout was changed in another window.' } } : { ok: true, value: { revision: 6 } },
    );
    const id = s().split('column', 'a')!;
    await settle();
    const mine = row('s', 0.5, { type: 'split', id: 'id2', direction: 'column', ratio: 0.5, first: pane('a', 'ada'), second: pane(id) }, pane('z', 'zed'));
    expect(s().root).toEqual(mine);
    expect(s().saveError).toBeUndefined();
    const saves = api.callsOf('layout.save') as Array<{ layout: LayoutDto; basedOn: number }>;
    expect(saves.map((save) => save.basedOn)).toEqual([3, 5]);
    expect(saves[1]!.layout.root).toEqual(mine);
    s().close('z');
    await settle();
    expect((api.callsOf('layout.save') as Array<{ basedOn: number }>).at(-1)!.basedOn).toBe(6);
  });

  it('drops a change the newer layout cannot take (its pane is gone) when its save is refused as stale', async () => {
    const { api, s } = world(twoPanes);
    await s().load();
    api.answer('layout.get', { version: 1, root: pane('z', 'zed'), revision: 5 });
    api.fail('layout.save', 'layout-stale', 'The layout was changed in another window.');
    s().split('row', 'a');
    await settle();
    expect(s().root).toEqual(pane('z', 'zed'));
    expect(api.callsOf('layout.save')).toHaveLength(1);
  });

  it('makes a split only once over a layout that already holds it (its save landed, the answer was lost)', async () => {
    const { api, s } = world(twoPanes);
    await s().load();
    api.fail('layout.save', 'disconnected', 'The connection to Tessera is closed.');
    const id = s().split('row', 'b')!;
    await settle();
    const landed = { version: 1 as const, root: s().root, revision: 4 };
    api.answer('layout.get', landed);
    api.fail('layout.save', 'layout-stale', 'The layout was changed in another window.');
    await s().saveNow();
    await settle();
    expect(s().root).toEqual(landed.root);
    expect(panesOf(s().root).map((p) => p.id)).toEqual(['a', 'b', id]);
    expect(api.callsOf('layout.save')).toHaveLength(2);
  });

  it('holds a layout another window saved while its own save is on its way, then takes it up on top of the answer', async () => {
    const { api, s } = world(twoPanes);
    const answers: Array<() => void> = [];
    api.answer('layout.save', () => new Promise((resolve) => answers.push(() => resolve({ ok: true, value: { revision: 4 } }))));
    await s().load();
    s().close('b');
    await settle();
    // The other window saw this window's save (revision 4) and split again on top of it.
    const theirs = row('t', 0.5, pane('a', 'ada'), pane('c', 'cal'));
    api.emit('layout.changed', { layout: { version: 1, root: theirs }, revision: 5, origin: 'other-window' });
    expect(s().root).toEqual(pane('a', 'ada'));
    answers.shift()!();
    await settle();
    expect(s().root).toEqual(theirs);
    expect(api.callsOf('layout.save')).toHaveLength(1);
  });

  it('stops saving, and says so, when another window saves in between every time', async () => {
    const { api, s } = world(twoPanes);
    await s().load();
    let newest = 3;
    api.answer('layout.get', () => ({ ok: true, value: { version: 1, root: row('s', 0.5, pane('a', 'ada'), pane(`x${++newest}`)), revision: newest } }));
    api.fail('layout.save', 'layout-stale', 'The layout was changed in another window.');
    s().split('row', 'a');
    await settle();
    await settle();
    expect(api.callsOf('layout.save')).toHaveLength(6);
    expect(s().saveError).toMatch(/keeps changing in another window/);
  });

  it('takes up a layout saved elsewhere while its own was loading, when that one is newer', async () => {
    const { api, s } = world(twoPanes);
    const loading = s().load();
    api.emit('layout.changed', { layout: { version: 1, root: pane('c', 'cal') }, revision: 4, origin: 'other-window' });
    await loading;
    expect(s().root).toEqual(pane('c', 'cal'));
  });

  it('forgets the revision with the project, so the next project starts from its own', async () => {
    const { api, s } = world(twoPanes);
    await s().load();
    s().reset();
    api.answer('layout.get', { version: 1, root: null, revision: 0 });
    await s().load();
    s().split('row');
    await settle();
    expect((api.callsOf('layout.save') as Array<{ basedOn: number }>).map((save) => save.basedOn)).toEqual([0]);
  });
});

describe('layout store keeping unsaved editors a layout from elsewhere takes away', () => {
  const terminal = (id: string, agent: string): LayoutNodeDto => ({ type: 'pane', id, content: { kind: 'terminal', agent } });
  const editor = (id: string, slug: string): LayoutNodeDto => ({ type: 'pane', id, content: { kind: 'editor', file: { kind: 'agent', slug } } });
  const split = (id: string, direction: 'row' | 'column', ratio: number, first: LayoutNodeDto, second: LayoutNodeDto): LayoutNodeDto => ({ type: 'split', id, direction, ratio, first, second });

  function keeper(saved: Saved) {
    const api = new FakeApi().answer('layout.get', { revision: 3, ...saved }).answer('layout.save', { revision: 5 });
    const said: string[] = [];
    let n = 0;
    const store = createLayoutStore(api, { newId: () => `id${++n}`, origin: 'this-window', onKept: (text) => said.push(text) });
    const saves = () => (api.callsOf('layout.save') as Array<{ layout: LayoutDto; basedOn: number }>).map((save) => [save.layout.root, save.basedOn]);
    return { api, s: () => store.getState(), said, saves };
  }
  const closedElsewhere = (api: FakeApi, root: LayoutNodeDto | null) => api.emit('layout.changed', { layout: { version: 1, root }, revision: 4, origin: 'other-window' });

  it('puts an editor with unsaved text back beside its old sibling, as the same split, when another window closes it, saves that, and says so', async () => {
    const mine = split('s', 'row', 0.3, terminal('a', 'ada'), editor('e', 'claude-coder'));
    const { api, s, said, saves } = keeper({ version: 1, root: mine, focused: 'e' });
    await s().load();
    s().setDirty('e', true);
    closedElsewhere(api, terminal('a', 'ada'));
    expect(s().root).toEqual(mine);
    expect(s().dirty).toEqual({ e: true });
    expect(s().focused).toBe('e');
    expect(said).toEqual(['Kept claude-coder.md open here: it has unsaved changes.']);
    await settle();
    expect(saves()).toEqual([[mine, 4]]);
  });

  it('lets an editor without unsaved text go when another window closes it, and says nothing', async () => {
    const { api, s, said, saves } = keeper({ version: 1, root: split('s', 'row', 0.3, terminal('a', 'ada'), editor('e', 'claude-coder')) });
    await s().load();
    closedElsewhere(api, terminal('a', 'ada'));
    expect(s().root).toEqual(terminal('a', 'ada'));
    expect(said).toEqual([]);
    await settle();
    expect(saves()).toEqual([]);
  });

  it('keeps the editor under its own id, on its side, when another window shows something else in its pane, and moves that beside it', async () => {
    const { api, s, said, saves } = keeper({ version: 1, root: split('s', 'column', 0.5, terminal('a', 'ada'), editor('e', 'claude-coder')) });
    await s().load();
    s().setDirty('e', true);
    closedElsewhere(api, split('s', 'column', 0.5, terminal('a', 'ada'), terminal('e', 'bea')));
    const kept = split('s', 'column', 0.5, terminal('a', 'ada'), split('id2', 'column', 0.5, terminal('id1', 'bea'), editor('e', 'claude-coder')));
    expect(s().root).toEqual(kept);
    expect(said).toHaveLength(1);
    await settle();
    expect(saves()).toEqual([[kept, 4]]);
  });

  it('puts the editor beside the nearest pane of its old sibling when that split is gone, else where new panes open', async () => {
    const { api, s } = keeper({ version: 1, root: split('s', 'row', 0.5, split('l', 'column', 0.5, terminal('a', 'ada'), terminal('b', 'bea')), editor('e', 'claude-coder')), focused: 'a' });
    await s().load();
    s().setNewPanes('column');
    s().setDirty('e', true);
    closedElsewhere(api, split('t', 'row', 0.5, terminal('a', 'ada'), terminal('c', 'cal')));
    expect(s().root).toEqual(split('t', 'row', 0.5, split('s', 'row', 0.5, terminal('a', 'ada'), editor('e', 'claude-coder')), terminal('c', 'cal')));
    await settle();
    // Nothing of its old place is left: it opens where new panes do, beside the focused pane (or the last).
    api.emit('layout.changed', { layout: { version: 1, root: terminal('z', 'zed') }, revision: 6, origin: 'other-window' });
    expect(s().root).toEqual(split('id1', 'row', 0.5, terminal('z', 'zed'), editor('e', 'claude-coder')));
  });

  it('keeps several editors and names them all', async () => {
    const { api, s, said } = keeper({ version: 1, root: split('s', 'row', 0.5, editor('e', 'claude-coder'), { type: 'pane', id: 'k', content: { kind: 'editor', file: { kind: 'skill', name: 'review', scope: 'global' } } }) });
    await s().load();
    s().setDirty('e', true);
    s().setDirty('k', true);
    closedElsewhere(api, null);
    expect(panesOf(s().root).map((pane) => pane.id)).toEqual(['e', 'k']);
    expect(said).toEqual(['Kept claude-coder.md and review/SKILL.md (global) open here: they have unsaved changes.']);
  });

  it('keeps an editor with unsaved text when the newer layout it reads after a refused save lacks it', async () => {
    const mine = split('s', 'row', 0.5, terminal('a', 'ada'), editor('e', 'claude-coder'));
    const { api, s, said } = keeper({ version: 1, root: mine });
    await s().load();
    s().setDirty('e', true);
    api.answer('layout.get', { version: 1, root: terminal('a', 'ada'), revision: 7 });
    let calls = 0;
    api.answer('layout.save', () => (++calls === 1 ? { ok: false, error: { kind: 'layout-stale', message: 'The layout was changed in another window.' } } : { ok: true, value: { revision: 8 } }));
    await s().saveNow();
    await settle();
    expect(s().root).toEqual(mine);
    expect(said).toHaveLength(1);
    expect((api.callsOf('layout.save') as Array<{ layout: LayoutDto; basedOn: number }>).at(-1)).toMatchObject({ layout: { root: mine }, basedOn: 7 });
  });

  it('takes a pane id back from other content only once, so two windows never take one id from each other forever', async () => {
    const { api, s, said } = keeper({ version: 1, root: split('s', 'row', 0.5, terminal('a', 'ada'), editor('e', 'claude-coder')) });
    await s().load();
    s().setDirty('e', true);
    closedElsewhere(api, split('s', 'row', 0.5, terminal('a', 'ada'), editor('e', 'other')));
    expect(findEditor(s().root, 'e')).toBe('claude-coder');
    await settle();
    // The other window kept unsaved text of its own under that id, and took it back in turn.
    api.emit('layout.changed', { layout: { version: 1, root: split('s', 'row', 0.5, terminal('a', 'ada'), editor('e', 'other')) }, revision: 6, origin: 'other-window' });
    expect(findEditor(s().root, 'e')).toBe('other');
    expect(said).toHaveLength(1);
  });
});

function findEditor(root: LayoutNodeDto | null, id: string): string | undefined {
  const content = panesOf(root).find((pane) => pane.id === id)?.content;
  return content?.kind === 'editor' && content.file.kind === 'agent' ? content.file.slug : undefined;
}
