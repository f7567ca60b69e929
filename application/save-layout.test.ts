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
    expect(await world().get.execute()).toEqual({ ok: true, value: { version: 1, root: null } });
  });

  it('shows an empty layout for a file that cannot be loaded, with the reason and the copy kept, and leaves the file as it is', async () => {
    const { layouts, get } = world();
    layouts.text = '{"version": 1, "root": {"type": "pane"}}';
    expect(await get.execute()).toEqual({
      ok: true,
      value: { version: 1, root: null, notLoaded: { reason: 'a layout node needs an "id" of 1 to 64 characters', backup: 'layout.json.bak' } },
    });
    expect(layouts.text).toBe('{"version": 1, "root": {"type": "pane"}}');
  });

  it('shows a repaired layout with what was repaired', async () => {
    const { layouts, get } = world();
    layouts.text = JSON.stringify({ version: 1, root: { type: 'pane', id: 'a', content: { kind: 'terminal', agent: 'dev' } }, maximized: 'gone' });
    expect(await get.execute()).toEqual({
      ok: true,
      value: { version: 1, root: pane('a', 'dev'), repaired: ['maximized pane "gone" is not in the tree: ignored'] },
    });
  });
});

describe('SaveLayout', () => {
  it('saves a valid layout, announces it, and gives it back', async () => {
    const { events, get, save } = world();
    expect(await save.execute({ layout: sampleLayout() })).toEqual({ ok: true, value: undefined });
    expect(await get.execute()).toEqual({ ok: true, value: sampleLayout() });
    expect(events.published).toEqual([{ type: 'layout.changed' }]);
  });

  it.each([
    ['a ratio of 0', split(0, pane('a'), pane('b')), /ratio 0/],
    ['a ratio of 1', split(1, pane('a'), pane('b')), /ratio 1/],
    ['a duplicate id', split(0.5, pane('a'), pane('a')), /used twice/],
    ['two terminals for one agent', split(0.5, pane('a', 'dev'), pane('b', 'dev')), /two terminal panes/],
    ['a focused pane that is not there', { version: 1, root: pane('a'), focused: 'zz' } as Layout, /not in the tree/],
  ])('refuses a layout with %s, saving and announcing nothing', async (_what, layout, reason) => {
    const { layouts, events, save } = world();
    const result = await save.execute({ layout });
    expect(result).toMatchObject({ ok: false, error: { kind: 'layout-invalid' } });
    if (!result.ok && result.error.kind === 'layout-invalid') expect(result.error.reason).toMatch(reason);
    expect(layouts.text).toBeUndefined();
    expect(events.published).toEqual([]);
  });

  it('saves over a file that could not be loaded, after the store kept a copy of it', async () => {
    const { layouts, get, save } = world();
    layouts.text = '{ broken';
    await get.execute();
    expect(await save.execute({ layout: sampleLayout() })).toEqual({ ok: true, value: undefined });
    expect(layouts.backups).toEqual(['{ broken']);
    expect(await get.execute()).toEqual({ ok: true, value: sampleLayout() });
  });
});
