import { describe, expect, it } from 'vitest';
import type { Layout } from '../../domain/layout';
import type { LayoutStore } from '../../domain/ports/layout-store.port';

export const sampleLayout = (): Layout => ({
  version: 1,
  root: {
    type: 'split',
    id: 's1',
    direction: 'row',
    ratio: 0.4,
    first: { type: 'pane', id: 'p1', content: { kind: 'terminal', agent: 'reviewer' } },
    second: {
      type: 'split',
      id: 's2',
      direction: 'column',
      ratio: 0.5,
      first: { type: 'pane', id: 'p2', content: { kind: 'editor', file: { kind: 'skill', name: 'testing', scope: 'global' } } },
      second: { type: 'pane', id: 'p3', content: { kind: 'empty' } },
    },
  },
  focused: 'p1',
  relaunchOnOpen: true,
});

/**
 * The behaviour every LayoutStore keeps, against the in-memory fake and the JSON file. `plant`
 * puts text in the store's layout file as a user (or a bad merge) would; `copies` reads the copies
 * the store kept, first one first.
 */
export function layoutStoreContract<S extends LayoutStore>(
  name: string,
  make: () => Promise<S>,
  plant: (store: S, text: string) => Promise<void>,
  copies: (store: S) => Promise<readonly string[]>,
): void {
  describe(`LayoutStore contract: ${name}`, () => {
    it('loads nothing before a layout was saved', async () => {
      expect(await (await make()).load()).toEqual({ ok: true, value: undefined });
    });

    it('gives back the saved layout', async () => {
      const store = await make();
      expect(await store.save(sampleLayout(), 0)).toEqual({ ok: true, value: 1 });
      expect(await store.load()).toEqual({ ok: true, value: { layout: sampleLayout(), repaired: [], revision: 1 } });
    });

    it('gives back an empty layout', async () => {
      const store = await make();
      await store.save({ version: 1, root: null }, 0);
      expect(await store.load()).toEqual({ ok: true, value: { layout: { version: 1, root: null }, repaired: [], revision: 1 } });
    });

    it('numbers each save one past the revision it was made from', async () => {
      const store = await make();
      expect(await store.save(sampleLayout(), 0)).toEqual({ ok: true, value: 1 });
      expect(await store.save({ version: 1, root: null }, 1)).toEqual({ ok: true, value: 2 });
      expect(await store.save(sampleLayout(), 2)).toEqual({ ok: true, value: 3 });
      expect(await store.load()).toMatchObject({ ok: true, value: { layout: sampleLayout(), revision: 3 } });
    });

    it('refuses a save made from a revision that is no longer the newest, and keeps the newer layout', async () => {
      const store = await make();
      await store.save({ version: 1, root: null }, 0);
      await store.save(sampleLayout(), 1);
      expect(await store.save({ version: 1, root: null }, 1)).toEqual({ ok: false, error: { kind: 'layout-stale', revision: 2 } });
      expect(await store.load()).toEqual({ ok: true, value: { layout: sampleLayout(), repaired: [], revision: 2 } });
    });

    it('refuses a save made from a revision the file never reached', async () => {
      const store = await make();
      expect(await store.save(sampleLayout(), 5)).toEqual({ ok: false, error: { kind: 'layout-stale', revision: 0 } });
      expect(await store.load()).toEqual({ ok: true, value: undefined });
    });

    it('writes exactly one of two saves made at once from the same revision', async () => {
      const store = await make();
      const mine: Layout = { version: 1, root: { type: 'pane', id: 'mine', content: { kind: 'empty' } } };
      const theirs: Layout = { version: 1, root: { type: 'pane', id: 'theirs', content: { kind: 'empty' } } };
      const results = await Promise.all([store.save(mine, 0), store.save(theirs, 0)]);
      expect(results).toEqual([{ ok: true, value: 1 }, { ok: false, error: { kind: 'layout-stale', revision: 1 } }]);
      expect(await store.load()).toEqual({ ok: true, value: { layout: mine, repaired: [], revision: 1 } });
    });

    it('loads a file without a revision as revision 0, and saves over it from there without a copy', async () => {
      const store = await make();
      await plant(store, JSON.stringify(sampleLayout()));
      expect(await store.load()).toEqual({ ok: true, value: { layout: sampleLayout(), repaired: [], revision: 0 } });
      expect(await store.save({ version: 1, root: null }, 1)).toEqual({ ok: false, error: { kind: 'layout-stale', revision: 0 } });
      expect(await store.save({ version: 1, root: null }, 0)).toEqual({ ok: true, value: 1 });
      expect(await copies(store)).toEqual([]);
    });

    it('loads a file whose revision is not a whole number as revision 0, and says so', async () => {
      const store = await make();
      await plant(store, JSON.stringify({ ...sampleLayout(), revision: 'seven' }));
      expect(await store.load()).toEqual({
        ok: true,
        value: { layout: sampleLayout(), repaired: ['"revision" must be a whole number from 0, not the text "seven": taken as 0'], revision: 0 },
      });
    });

    it('refuses to save an invalid layout and keeps the previous one', async () => {
      const store = await make();
      await store.save(sampleLayout(), 0);
      const twoTerminals: Layout = {
        version: 1,
        root: {
          type: 'split', id: 's', direction: 'row', ratio: 0.5,
          first: { type: 'pane', id: 'a', content: { kind: 'terminal', agent: 'x' } },
          second: { type: 'pane', id: 'b', content: { kind: 'terminal', agent: 'x' } },
        },
      };
      expect(await store.save(twoTerminals, 1)).toEqual({ ok: false, error: { kind: 'layout-invalid', reason: 'agent "x" has two terminal panes' } });
      expect(await store.load()).toEqual({ ok: true, value: { layout: sampleLayout(), repaired: [], revision: 1 } });
    });

    it('loads a file with a second terminal pane of one agent without it, and says so', async () => {
      const store = await make();
      const file = {
        version: 1,
        root: {
          type: 'split', id: 's', direction: 'row', ratio: 0.5,
          first: { type: 'pane', id: 'a', content: { kind: 'terminal', agent: 'x' } },
          second: { type: 'pane', id: 'b', content: { kind: 'terminal', agent: 'x' } },
        },
        focused: 'b',
      };
      await plant(store, JSON.stringify(file));
      expect(await store.load()).toEqual({
        ok: true,
        value: {
          layout: { version: 1, root: { type: 'pane', id: 'a', content: { kind: 'terminal', agent: 'x' } } },
          repaired: ['agent "x" has two terminal panes: dropped pane "b"', 'focused pane "b" is not in the tree: ignored'],
          revision: 0,
        },
      });
    });

    it('reports a file that cannot be loaded at all, naming the copy it kept', async () => {
      const store = await make();
      await plant(store, '{ "version": 1, ');
      const loaded = await store.load();
      expect(loaded).toMatchObject({ ok: false, error: { kind: 'layout-invalid', backup: 'layout.json.bak' } });
      if (!loaded.ok) expect(loaded.error.reason).toMatch(/not valid JSON/);
    });

    it('keeps a copy of a file with keys it does not know before saving over it', async () => {
      const store = await make();
      const mine = JSON.stringify({ ...sampleLayout(), theme: 'solarized', notes: ['keep me'] });
      await plant(store, mine);
      expect(await store.save({ version: 1, root: null }, 0)).toEqual({ ok: true, value: 1 });
      expect(await copies(store)).toEqual([mine]);
    });

    it('never writes over an earlier copy: each broken file gets one of its own, named in the error', async () => {
      const store = await make();
      await plant(store, '{ "first": ');
      expect(await store.load()).toMatchObject({ ok: false, error: { backup: 'layout.json.bak' } });
      await plant(store, '{ "second": ');
      expect(await store.load()).toMatchObject({ ok: false, error: { backup: 'layout.json.2.bak' } });
      await plant(store, '{ "first": ');
      expect(await store.load()).toMatchObject({ ok: false, error: { backup: 'layout.json.bak' } });
      expect(await store.save(sampleLayout(), 0)).toEqual({ ok: true, value: 1 });
      expect(await copies(store)).toEqual(['{ "first": ', '{ "second": ']);
    });

    it('writes no copy over a file that holds exactly a layout', async () => {
      const store = await make();
      await plant(store, JSON.stringify(sampleLayout()));
      expect(await store.save({ version: 1, root: null }, 0)).toEqual({ ok: true, value: 1 });
      expect(await store.save(sampleLayout(), 1)).toEqual({ ok: true, value: 2 });
      expect(await copies(store)).toEqual([]);
    });

    it('saves over a file that could not be loaded, from whatever revision the save names', async () => {
      const store = await make();
      await plant(store, 'not json');
      expect(await store.save(sampleLayout(), 4)).toEqual({ ok: true, value: 5 });
      expect(await store.load()).toEqual({ ok: true, value: { layout: sampleLayout(), repaired: [], revision: 5 } });
    });
  });
}
