import { describe, expect, it } from 'vitest';
import type { LayoutNodeDto } from '../../../contract/contract';
import { FakeApi } from '../testing/fake-api';
import { agentDto, sessionDto } from '../testing/world';
import { createAppStores } from './app-stores';
import { RELAUNCH_GAP_MS, relaunchOpenPanes, relaunchOrder, staggered } from './relaunch-plan';

const pane = (id: string, agent?: string): LayoutNodeDto => ({ type: 'pane', id, content: agent ? { kind: 'terminal', agent } : { kind: 'empty' } });
const split = (id: string, first: LayoutNodeDto, second: LayoutNodeDto): LayoutNodeDto => ({ type: 'split', id, direction: 'row', ratio: 0.5, first, second });
const root = split('s1', split('s2', pane('p1', 'alpha'), pane('p2', 'beta')), split('s3', pane('p3'), pane('p4', 'gamma')));

describe('relaunchOrder', () => {
  it('lists each agent with a terminal pane once, in layout order', () => {
    const withDuplicate = split('s0', root, pane('p5', 'alpha'));
    expect(relaunchOrder({ root: withDuplicate })).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('puts the focused pane first', () => {
    expect(relaunchOrder({ root, focused: 'p4' })).toEqual(['gamma', 'alpha', 'beta']);
  });

  it('puts the maximized pane first, since the others are hidden behind it', () => {
    expect(relaunchOrder({ root, maximized: 'p2', focused: 'p1' })).toEqual(['beta', 'alpha', 'gamma']);
  });
});

describe('staggered', () => {
  it('launches one at a time, in order, with a gap between launches', async () => {
    const log: string[] = [];
    await staggered(['a', 'b', 'c'], async (x) => void log.push(`launch ${x}`), {
      gapMs: 50,
      wait: async (ms) => void log.push(`wait ${ms}`),
    });
    expect(log).toEqual(['launch a', 'wait 50', 'launch b', 'wait 50', 'launch c']);
  });

  it('goes on after a launch that throws', async () => {
    const launched: string[] = [];
    await staggered(['a', 'b'], async (x) => {
      launched.push(x);
      if (x === 'a') throw new Error('boom');
    }, { gapMs: 0, wait: async () => undefined });
    expect(launched).toEqual(['a', 'b']);
  });

  it('stops when cancelled', async () => {
    const launched: string[] = [];
    let cancelled = false;
    await staggered(['a', 'b', 'c'], async (x) => {
      launched.push(x);
      cancelled = true;
    }, { gapMs: 0, wait: async () => undefined, cancelled: () => cancelled });
    expect(launched).toEqual(['a']);
  });
});

describe('relaunchOpenPanes', () => {
  async function world(trust: { trusted: boolean; relaunchOnOpen: boolean }) {
    const api = new FakeApi()
      .answer('project.current', { root: '/p', name: 'p' })
      .answer('project.recent', [])
      .answer('project.trustInfo', { root: '/p', agents: [], ...trust })
      .answer('agents.list', [agentDto('alpha'), agentDto('beta'), agentDto('gamma'), agentDto('broken', { error: 'no such profile' })])
      .answer('skills.list', [])
      .answer('profiles.list', [])
      .answer('sessions.list', [sessionDto('s-gamma', 'gamma')])
      .answer('layout.get', { version: 1, root: split('s0', root, pane('p5', 'broken')), focused: 'p4', revision: 0 })
      .answer('layout.save', { revision: 1 })
      .answer('agents.launch', (p) => ({ ok: true, value: sessionDto(`s-${p.slug}`, p.slug, { status: 'starting' }) }));
    const stores = createAppStores(api, { sizer: { terminalSize: (placement) => ({ cols: 10, rows: Number(placement.paneId.slice(1)) }) } });
    await stores.start();
    return { api, stores };
  }

  it('launches the stopped agents with open panes into their panes, each at its pane’s size, a gap apart', async () => {
    const { api, stores } = await world({ trusted: true, relaunchOnOpen: true });
    const waits: number[] = [];
    await relaunchOpenPanes(stores, { wait: async (ms) => void waits.push(ms) });
    expect(api.callsOf('agents.launch')).toEqual([
      { slug: 'alpha', cols: 10, rows: 1 },
      { slug: 'beta', cols: 10, rows: 2 },
    ]);
    expect(waits).toEqual([RELAUNCH_GAP_MS]);
  });

  it('launches nothing unless the user asked for it and the project is trusted', async () => {
    for (const trust of [{ trusted: true, relaunchOnOpen: false }, { trusted: false, relaunchOnOpen: true }]) {
      const { api, stores } = await world(trust);
      await relaunchOpenPanes(stores, { wait: async () => undefined });
      expect(api.callsOf('agents.launch')).toEqual([]);
    }
  });
});
