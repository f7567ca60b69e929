import { describe, expect, it } from 'vitest';
import { geometryOf } from '../layout/layout-tree';
import { FakeApi } from '../testing/fake-api';
import { sessionDto } from '../testing/world';
import { createAgentLauncher, type PaneSizer } from './agent-launcher';
import { createLayoutStore, type PanePlacement } from './layout-store';
import { createSessionsStore, ungated } from './sessions-store';

/** A sizer that gives each pane 100 columns per unit of width and 50 rows per unit of height of the area it shows in. */
function proportionalSizer(): PaneSizer & { asked: PanePlacement[] } {
  const asked: PanePlacement[] = [];
  return {
    asked,
    terminalSize(placement) {
      asked.push(placement);
      const rect = placement.maximized === placement.paneId ? { w: 1, h: 1 } : geometryOf(placement.root).panes.get(placement.paneId);
      return rect ? { cols: Math.round(100 * rect.w), rows: Math.round(50 * rect.h) } : undefined;
    },
  };
}

async function world() {
  const api = new FakeApi()
    .answer('layout.get', { version: 1, root: null, revision: 0 })
    .answer('layout.save', { revision: 1 })
    .answer('agents.launch', (p) => ({ ok: true, value: sessionDto(`s-${p.slug}`, p.slug, { cols: p.cols, rows: p.rows }) }));
  let ids = 0;
  const layout = createLayoutStore(api, { newId: () => `p${++ids}`, saveDelayMs: 60_000 });
  await layout.getState().load();
  const sessions = createSessionsStore(api, { launchGate: ungated });
  const sizer = proportionalSizer();
  const launcher = createAgentLauncher({ sessions, layout, sizer });
  return { api, layout, sessions, sizer, launcher };
}

describe('agent launcher', () => {
  it('launches an agent at the size of the pane it will show in, then opens that pane', async () => {
    const { api, layout, launcher } = await world();
    await launcher.show('a');
    expect(api.callsOf('agents.launch')).toEqual([{ slug: 'a', cols: 100, rows: 50 }]);
    // The second agent splits the first pane side by side: half the width.
    await launcher.show('b');
    expect(api.callsOf('agents.launch').at(-1)).toEqual({ slug: 'b', cols: 50, rows: 50 });
    const { panes } = geometryOf(layout.getState().root);
    expect(panes.get(layout.getState().focused!)).toMatchObject({ w: 0.5, h: 1 });
  });

  it('opens no pane when the launch is refused', async () => {
    const { api, layout, launcher } = await world();
    api.fail('agents.launch', 'project-untrusted', 'Nothing was run.');
    expect(await launcher.show('a')).toMatchObject({ ok: false, error: { kind: 'project-untrusted' } });
    expect(layout.getState().root).toBeNull();
  });

  it('shows a running agent without launching it again', async () => {
    const { api, layout, launcher } = await world();
    await launcher.show('a');
    const pane = layout.getState().focused;
    layout.getState().split('row');
    expect(await launcher.show('a')).toMatchObject({ ok: true, value: { id: 's-a' } });
    expect(api.callsOf('agents.launch')).toHaveLength(1);
    expect(layout.getState().focused).toBe(pane);
  });

  it('launches into an open pane at that pane’s tile, even while another pane is maximized', async () => {
    const { api, layout, launcher } = await world();
    const a = layout.getState().openTerminal('a');
    const b = layout.getState().openTerminal('b');
    layout.getState().toggleMaximize(b);
    await launcher.launchInto('a', a);
    await launcher.launchInto('b', b);
    expect(api.callsOf('agents.launch')).toEqual([
      { slug: 'a', cols: 50, rows: 50 },
      { slug: 'b', cols: 100, rows: 50 },
    ]);
    // Launching into a pane moves nothing.
    expect(layout.getState().maximized).toBe(b);
  });
});
