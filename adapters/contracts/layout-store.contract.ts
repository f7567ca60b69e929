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

/** The behaviour every LayoutStore keeps, against the in-memory fake and the JSON file. */
export function layoutStoreContract(name: string, make: () => Promise<LayoutStore>): void {
  describe(`LayoutStore contract: ${name}`, () => {
    it('loads nothing before a layout was saved', async () => {
      expect(await (await make()).load()).toEqual({ ok: true, value: undefined });
    });

    it('gives back the saved layout', async () => {
      const store = await make();
      expect(await store.save(sampleLayout())).toEqual({ ok: true, value: undefined });
      expect(await store.load()).toEqual({ ok: true, value: sampleLayout() });
    });

    it('gives back an empty layout', async () => {
      const store = await make();
      await store.save({ version: 1, root: null });
      expect(await store.load()).toEqual({ ok: true, value: { version: 1, root: null } });
    });

    it('refuses to save an invalid layout and keeps the previous one', async () => {
      const store = await make();
      await store.save(sampleLayout());
      const twoTerminals: Layout = {
        version: 1,
        root: {
          type: 'split', id: 's', direction: 'row', ratio: 0.5,
          first: { type: 'pane', id: 'a', content: { kind: 'terminal', agent: 'x' } },
          second: { type: 'pane', id: 'b', content: { kind: 'terminal', agent: 'x' } },
        },
      };
      expect(await store.save(twoTerminals)).toEqual({ ok: false, error: { kind: 'layout-invalid', reason: 'agent "x" has two terminal panes' } });
      expect(await store.load()).toEqual({ ok: true, value: sampleLayout() });
    });
  });
}
