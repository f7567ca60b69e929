import { describe, expect, it } from 'vitest';
import { sampleLayout } from '../adapters/contracts/layout-store.contract';
import { RecordingEventBus } from '../adapters/events/recording-event-bus';
import { InMemoryLayoutStore } from '../adapters/memory/in-memory-layout-store';
import type { Layout } from '../domain/layout';
import { GetLayout } from './get-layout';
import { SaveLayout } from './save-layout';

function world() {
  const layouts = new InMemoryLayoutStore();
  const events = new RecordingEventBus();
  return { layouts, events, get: new GetLayout({ layouts }), save: new SaveLayout({ layouts, events }) };
}

const pane = (id: string, agent?: string) => ({ type: 'pane' as const, id, content: agent ? { kind: 'terminal' as const, agent } : { kind: 'empty' as const } });
const split = (ratio: number, first: Layout['root'], second: Layout['root'], id = 's'): Layout => ({
  version: 1,
  root: { type: 'split', id, direction: 'row', ratio, first: first!, second: second! },
});

describe('GetLayout', () => {
  it('returns an empty layout when none was saved', async () => {
    expect(await world().get.execute()).toEqual({ ok: true, value: { version: 1, root: null, revision: 0 } });
  });

  it('shows an empty layout for a file that cannot be loaded, with the reason and the copy kept, and leaves the file as it is', async () => {
    const { layouts, get } = world();
    layouts.text = '{"version": 1, "root": {"type": "pane"}}';
    expect(await get.execute()).toEqual({
      ok: true,
      value: { version: 1, root: null, revision: 0, notLoaded: { reason: 'a layout node needs an "id" of 1 to 64 characters', backup: 'layout.json.bak' } },
    });
    expect(layouts.text).toBe('{"version": 1, "root": {"type": "pane"}}');
  });

  it('shows a repaired layout with what was repaired', async () => {
    const { layouts, get } = world();
    layouts.text = JSON.stringify({ version: 1, root: { type: 'pane', id: 'a', content: { kind: 'terminal', agent: 'dev' } }, maximized: 'gone' });
    expect(await get.execute()).toEqual({
      ok: true,
      value: { version: 1, root: pane('a', 'dev'), revision: 0, repaired: ['maximized pane "gone" is not in the tree: ignored'] },
    });
  });
});

describe('SaveLayout', () => {
  it('saves a valid layout as the next revision, announces it with who saved it, and gives it back', async () => {
    const { events, get, save } = world();
    expect(await save.execute({ layout: sampleLayout(), basedOn: 0, origin: 'window-a' })).toEqual({ ok: true, value: { revision: 1 } });
    expect(await get.execute()).toEqual({ ok: true, value: { ...sampleLayout(), revision: 1 } });
    expect(events.published).toEqual([{ type: 'layout.changed', layout: sampleLayout(), revision: 1, origin: 'window-a' }]);
  });

  it('refuses a save made from a layout its window has not seen, keeping the newer one and announcing nothing', async () => {
    const { events, get, save } = world();
    const seen = await get.execute();
    const fromA: Layout = { version: 1, root: pane('a') };
    const fromB: Layout = { version: 1, root: pane('b') };
    expect(await save.execute({ layout: fromA, basedOn: seen.ok ? seen.value.revision : -1, origin: 'window-a' })).toEqual({ ok: true, value: { revision: 1 } });
    expect(await save.execute({ layout: fromB, basedOn: 0, origin: 'window-b' })).toEqual({ ok: false, error: { kind: 'layout-stale', revision: 1 } });
    expect(await get.execute()).toEqual({ ok: true, value: { ...fromA, revision: 1 } });
    expect(events.published).toEqual([{ type: 'layout.changed', layout: fromA, revision: 1, origin: 'window-a' }]);
  });

  it('lets the window that lost save its change made over the newer layout', async () => {
    const { get, save } = world();
    await save.execute({ layout: { version: 1, root: pane('a') }, basedOn: 0 });
    expect((await save.execute({ layout: { version: 1, root: pane('b') }, basedOn: 0 })).ok).toBe(false);
    const newer = await get.execute();
    const merged = split(0.5, pane('a'), pane('b'));
    expect(await save.execute({ layout: merged, basedOn: newer.ok ? newer.value.revision : -1 })).toEqual({ ok: true, value: { revision: 2 } });
    expect(await get.execute()).toEqual({ ok: true, value: { ...merged, revision: 2 } });
  });

  it('of two windows saving at once from the same revision, writes and announces exactly one', async () => {
    const { events, save } = world();
    const results = await Promise.all([
      save.execute({ layout: { version: 1, root: pane('a') }, basedOn: 0, origin: 'window-a' }),
      save.execute({ layout: { version: 1, root: pane('b') }, basedOn: 0, origin: 'window-b' }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, error: { kind: 'layout-stale', revision: 1 } }]);
    expect(events.published).toHaveLength(1);
  });

  it.each([
    ['a ratio of 0', split(0, pane('a'), pane('b')), /ratio 0/],
    ['a ratio of 1', split(1, pane('a'), pane('b')), /ratio 1/],
    ['a duplicate id', split(0.5, pane('a'), pane('a')), /used twice/],
    ['two terminals for one agent', split(0.5, pane('a', 'dev'), pane('b', 'dev')), /two terminal panes/],
    ['a focused pane that is not there', { version: 1, root: pane('a'), focused: 'zz' } as Layout, /not in the tree/],
  ])('refuses a layout with %s, saving and announcing nothing', async (_what, layout, reason) => {
    const { layouts, events, save } = world();
    const result = await save.execute({ layout, basedOn: 0 });
    expect(result).toMatchObject({ ok: false, error: { kind: 'layout-invalid' } });
    if (!result.ok && result.error.kind === 'layout-invalid') expect(result.error.reason).toMatch(reason);
    expect(layouts.text).toBeUndefined();
    expect(events.published).toEqual([]);
  });

  it('saves over a file that could not be loaded, after the store kept a copy of it', async () => {
    const { layouts, get, save } = world();
    layouts.text = '{ broken';
    await get.execute();
    expect(await save.execute({ layout: sampleLayout(), basedOn: 0 })).toEqual({ ok: true, value: { revision: 1 } });
    expect(layouts.backups).toEqual(['{ broken']);
    expect(await get.execute()).toEqual({ ok: true, value: { ...sampleLayout(), revision: 1 } });
  });
});
