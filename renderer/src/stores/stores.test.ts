import { describe, expect, it } from 'vitest';
import type { AgentSummaryDto } from '../../../contract/contract';
import { FakeApi, settle } from '../testing/fake-api';
import { agentDto, FIXED_SIZER, sessionDto } from '../testing/world';
import { createAgentsStore } from './agents-store';
import { createAppStores } from './app-stores';
import { createDrafts } from './drafts';
import { agentStatus, createSessionsStore, latestSession, ungated, type LaunchGate } from './sessions-store';
import { createSkillsStore } from './skills-store';

const agent = agentDto;
const session = sessionDto;

describe('agents store', () => {
  it('holds agents by slug in list order', async () => {
    const api = new FakeApi().answer('agents.list', [agent('reviewer'), agent('writer', { error: 'bad yaml' })]);
    const store = createAgentsStore(api);
    await store.getState().refresh();
    expect(store.getState().order).toEqual(['reviewer', 'writer']);
    expect(store.getState().byId.writer?.error).toBe('bad yaml');
  });

  it('refetches when agents.changed is pushed', async () => {
    let list = [agent('reviewer')];
    const api = new FakeApi().answer('agents.list', () => ({ ok: true, value: list }));
    const store = createAgentsStore(api);
    await store.getState().refresh();
    list = [agent('reviewer'), agent('tester')];
    api.emit('agents.changed', {});
    await settle();
    expect(store.getState().order).toEqual(['reviewer', 'tester']);
  });

  it('keeps the newest answer when an older refresh resolves last', async () => {
    const answers: Array<(value: AgentSummaryDto[]) => void> = [];
    const api = new FakeApi().answer('agents.list', () => new Promise((resolve) => answers.push((value) => resolve({ ok: true, value }))));
    const store = createAgentsStore(api);
    const older = store.getState().refresh();
    const newer = store.getState().refresh();
    answers[1]!([agent('new')]);
    answers[0]!([agent('old')]);
    await Promise.all([older, newer]);
    expect(store.getState().order).toEqual(['new']);
  });

  it('adds a created agent at once and passes the error kind back untouched', async () => {
    const api = new FakeApi().answer('agents.create', (p) => ({ ok: true, value: agent(p.name.toLowerCase()) }));
    const store = createAgentsStore(api);
    expect((await store.getState().create({ name: 'Critic' })).ok).toBe(true);
    expect(store.getState().order).toEqual(['critic']);
    api.fail('agents.create', 'agent-exists', 'An agent named "critic" already exists.');
    expect(await store.getState().create({ name: 'Critic' })).toEqual({
      ok: false, error: { kind: 'agent-exists', message: 'An agent named "critic" already exists.' },
    });
  });

  it('stops listening once disposed', () => {
    const api = new FakeApi();
    const store = createAgentsStore(api);
    expect(api.listenerCount('agents.changed')).toBe(1);
    store.getState().dispose();
    expect(api.listenerCount('agents.changed')).toBe(0);
  });
});

describe('skills store', () => {
  it('keys skills by scope and name so a project and a global skill can share a name', async () => {
    const api = new FakeApi().answer('skills.list', [
      { name: 'testing', description: 'd', scope: 'project' },
      { name: 'testing', description: 'g', scope: 'global' },
    ]);
    const store = createSkillsStore(api);
    await store.getState().refresh();
    expect(store.getState().order).toEqual(['project:testing', 'global:testing']);
  });
});

describe('sessions store', () => {
  it('launches through the gate it was made with', async () => {
    const api = new FakeApi().answer('agents.launch', (p) => ({ ok: true, value: session('s1', p.slug) }));
    const gated: string[] = [];
    const launchGate: LaunchGate = (launch) => async (agent, size) => {
      gated.push(agent);
      return agent === 'blocked' ? { ok: false, error: { kind: 'refused', message: 'no' } } : launch(agent, size);
    };
    const store = createSessionsStore(api, { launchGate });
    expect(await store.getState().launch('blocked')).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(await store.getState().launch('reviewer')).toMatchObject({ ok: true });
    expect(gated).toEqual(['blocked', 'reviewer']);
    expect(api.callsOf('agents.launch')).toEqual([{ slug: 'reviewer' }]);
  });

  it('upserts sessions from launch results and sessions.changed pushes', async () => {
    const api = new FakeApi().answer('agents.launch', (p) => ({ ok: true, value: session('s1', p.slug, { status: 'starting' }) }));
    const store = createSessionsStore(api, { launchGate: ungated });
    await store.getState().launch('reviewer', { cols: 100, rows: 30 });
    expect(api.callsOf('agents.launch')).toEqual([{ slug: 'reviewer', cols: 100, rows: 30 }]);
    expect(agentStatus(store.getState(), 'reviewer')).toBe('starting');
    api.emit('sessions.changed', session('s1', 'reviewer', { status: 'needs-input' }));
    expect(agentStatus(store.getState(), 'reviewer')).toBe('needs-input');
    expect(store.getState().order).toEqual(['s1']);
  });

  it("reports an agent's newest session, and 'stopped' when it has none", async () => {
    const api = new FakeApi().answer('sessions.list', [
      session('old', 'reviewer', { status: 'exited', exitCode: 0, startedAt: 1 }),
      session('new', 'reviewer', { status: 'idle', startedAt: 5 }),
    ]);
    const store = createSessionsStore(api, { launchGate: ungated });
    await store.getState().refresh();
    expect(latestSession(store.getState(), 'reviewer')?.id).toBe('new');
    expect(agentStatus(store.getState(), 'writer')).toBe('stopped');
  });
});

describe('app stores', () => {
  function project() {
    return new FakeApi()
      .answer('project.current', null)
      .answer('project.recent', [{ root: '/work/demo', name: 'demo', openedAt: 1 }])
      .answer('project.open', (p) => ({ ok: true, value: { root: p.path, name: 'demo' } }))
      .answer('agents.list', [agent('reviewer')])
      .answer('skills.list', [])
      .answer('sessions.list', [])
      .answer('profiles.list', [])
      .answer('layout.get', { version: 1, root: null, revision: 0 })
      .answer('layout.save', { revision: 1 });
  }

  it('loads nothing per project until a project is open, then everything', async () => {
    const api = project();
    const stores = createAppStores(api, { sizer: FIXED_SIZER });
    await stores.start();
    expect(stores.project.getState().recent).toHaveLength(1);
    expect(api.callsOf('agents.list')).toHaveLength(0);
    await stores.project.getState().open('/work/demo');
    await settle();
    expect(stores.agents.getState().order).toEqual(['reviewer']);
    expect(stores.layout.getState().loaded).toBe(true);
  });

  it('clears and refetches the project stores when project.changed names another project', async () => {
    const api = project().answer('project.current', { root: '/a', name: 'a' });
    const stores = createAppStores(api, { sizer: FIXED_SIZER });
    await stores.start();
    expect(stores.agents.getState().order).toEqual(['reviewer']);
    api.answer('agents.list', [agent('other')]);
    api.emit('project.changed', { root: '/b', name: 'b' });
    await settle();
    expect(stores.agents.getState().order).toEqual(['other']);
  });

  /** sample-project open with Claude Coder's persona in an editor pane (`e1`), drafts kept in a storage of the test's own. */
  async function editorOpen() {
    const items = new Map<string, string>();
    const storage = { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) };
    const file = { kind: 'agent', slug: 'claude-coder' } as const;
    const api = project()
      .answer('project.current', { root: '/work/sample-project', name: 'sample-project' })
      .answer('layout.get', { version: 1, root: { type: 'pane', id: 'e1', content: { kind: 'editor', file } }, revision: 1 });
    const stores = createAppStores(api, { sizer: FIXED_SIZER, storage });
    await stores.start();
    return { api, stores, storage, file };
  }

  it('keeps the unsaved text of an editor as a draft when another window or the CLI switches the project, and says so', async () => {
    const { api, stores, storage, file } = await editorOpen();
    stores.drafts.track('e1', () => 'typed, not saved');
    stores.layout.getState().setDirty('e1', true);
    api.emit('project.changed', { root: '/work/other', name: 'other' });
    await settle();
    expect(stores.layout.getState().dirty).toEqual({});
    expect(createDrafts(storage).find('/work/sample-project', file)).toBe('typed, not saved');
    expect(stores.notifications.getState().toasts.map((toast) => toast.body)).toContain(
      'Unsaved changes to claude-coder.md kept as a draft: reopen sample-project to restore them.',
    );
  });

  it('keeps no draft for editors without unsaved text', async () => {
    const { api, stores, storage, file } = await editorOpen();
    stores.drafts.track('e1', () => 'as on disk');
    api.emit('project.changed', { root: '/work/other', name: 'other' });
    await settle();
    expect(createDrafts(storage).find('/work/sample-project', file)).toBeUndefined();
    expect(stores.notifications.getState().toasts).toEqual([]);
  });

  it("asks 'Trust this project?' when the host refuses a launch for an untrusted project, and launches once the user trusts it", async () => {
    let trusted = false;
    const info = () => ({ root: '/a', trusted, relaunchOnOpen: false, agents: [] });
    const api = project()
      .answer('project.current', { root: '/a', name: 'a' })
      .answer('project.trustInfo', () => ({ ok: true, value: info() }))
      .answer('project.trust', () => {
        trusted = true;
        return { ok: true, value: info() };
      })
      .answer('agents.launch', (p) =>
        trusted ? { ok: true, value: session('s1', p.slug) } : { ok: false, error: { kind: 'project-untrusted', message: 'Nothing was run.' } },
      );
    const stores = createAppStores(api, { sizer: FIXED_SIZER });
    await stores.start();
    const launched = stores.sessions.getState().launch('reviewer');
    await settle();
    expect(stores.trust.getState().request).toMatchObject({ agent: 'reviewer', info: { trusted: false } });
    stores.trust.getState().answer(true);
    expect(await launched).toMatchObject({ ok: true, value: { id: 's1' } });
    expect(api.callsOf('agents.launch')).toHaveLength(2);
  });

  it('reads the relaunch-on-open choice from user config for the opened project, and forgets it for the next', async () => {
    const api = project()
      .answer('project.current', { root: '/a', name: 'a' })
      .answer('project.trustInfo', { root: '/a', trusted: true, relaunchOnOpen: true, agents: [] });
    const stores = createAppStores(api, { sizer: FIXED_SIZER });
    await stores.start();
    expect(stores.project.getState().relaunchOnOpen).toBe(true);
    api.answer('project.trustInfo', () => new Promise(() => undefined));
    api.emit('project.changed', { root: '/b', name: 'b' });
    expect(stores.project.getState().relaunchOnOpen).toBe(false);
  });

  it('after a reconnect refetches the lists and saves the local layout instead of reloading it', async () => {
    const api = project().answer('project.current', { root: '/a', name: 'a' });
    const stores = createAppStores(api, { sizer: FIXED_SIZER });
    await stores.start();
    stores.layout.getState().openTerminal('reviewer');
    await stores.resync();
    expect(api.callsOf('agents.list')).toHaveLength(2);
    expect(api.callsOf('layout.get')).toHaveLength(1);
    const saves = api.callsOf('layout.save') as Array<{ layout: { root: unknown } }>;
    expect(saves.at(-1)!.layout.root).toEqual(stores.layout.getState().root);
  });
});

describe('project store', () => {
  it('keeps the relaunch-on-open choice in user config, and takes a refused change back', async () => {
    const api = new FakeApi()
      .answer('project.current', { root: '/a', name: 'a' })
      .answer('project.setRelaunchOnOpen', (p) => ({ ok: true, value: { root: '/a', trusted: true, relaunchOnOpen: p.enabled, agents: [] } }));
    const stores = createAppStores(api.answer('project.recent', []), { sizer: FIXED_SIZER });
    await stores.project.getState().refresh();
    await stores.project.getState().setRelaunchOnOpen(true);
    expect(api.callsOf('project.setRelaunchOnOpen')).toEqual([{ enabled: true }]);
    expect(stores.project.getState().relaunchOnOpen).toBe(true);
    api.fail('project.setRelaunchOnOpen', 'internal', 'The config could not be written.');
    await stores.project.getState().setRelaunchOnOpen(false);
    expect(stores.project.getState().relaunchOnOpen).toBe(true);
  });
});
