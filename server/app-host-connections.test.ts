import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppHost } from './app-host';
import { createAppHost } from './composition-root';
import { definedEnv } from './config-dir';
import { events as eventSchemas } from '../contract/contract';
import type { HostEvent } from './host-api';

/** Several clients of one host (windows, tabs, commands), each with the project it has open. */
const fakeAgent = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'e2e', 'fixtures', 'fake-agent');

let root: string;
let host: AppHost;
const projects = { a: '', b: '' };

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'tessera-connections-'));
  const configDir = join(root, 'config');
  mkdirSync(join(configDir, 'tessera', 'profiles'), { recursive: true });
  writeFileSync(
    join(configDir, 'tessera', 'profiles', 'fake.json'),
    JSON.stringify({ id: 'fake', name: 'fake', command: fakeAgent, args: [], env: {}, inject: { kind: 'convention-file', target: 'AGENTS.md' }, status: { needsInput: [], busy: [] } }),
  );
  projects.a = join(root, 'alpha');
  projects.b = join(root, 'beta');
  mkdirSync(projects.a);
  mkdirSync(projects.b);
  host = createAppHost({ configDir, env: definedEnv(), log: () => undefined, killTimeoutMs: 5000 });
});

afterEach(async () => {
  await host.dispose();
  rmSync(root, { recursive: true, force: true });
});

function recorder(connection: { onEvent(listener: (event: HostEvent) => void): unknown }): HostEvent[] {
  const seen: HostEvent[] = [];
  connection.onEvent((event) => seen.push(event));
  return seen;
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  expect(check()).toBe(true);
}

describe('AppHost connections', () => {
  it('keeps a current project per connection, each with the events of its own project', async () => {
    const one = host.connect({ kind: 'view' });
    const two = host.connect({ kind: 'view' });
    const seenOne = recorder(one);
    const seenTwo = recorder(two);
    await one.call('project.open', { path: projects.a });
    await two.call('project.open', { path: projects.b });
    expect(await one.call('project.current', {})).toMatchObject({ ok: true, value: { name: 'alpha' } });
    expect(await two.call('project.current', {})).toMatchObject({ ok: true, value: { name: 'beta' } });
    expect(seenOne.map((e) => e.name)).toEqual(['project.changed']);
    expect(seenTwo.map((e) => e.name)).toEqual(['project.changed']);

    expect((await one.call('agents.create', { name: 'Alpha bot', profile: 'fake' })).ok).toBe(true);
    expect((await one.call('agents.launch', { slug: 'alpha-bot' })).ok).toBe(true);
    await until(() => seenOne.some((e) => e.name === 'sessions.changed'));
    expect(seenTwo.filter((e) => e.name !== 'project.changed')).toEqual([]);
    expect(await two.call('sessions.list', {})).toEqual({ ok: true, value: [] });
    expect(host.sessions().map((s) => `${s.project.name}/${s.session.agent}`)).toEqual(['alpha/alpha-bot']);
    one.dispose();
    two.dispose();
  });

  it('tells every window of a project the layout one of them saved, and refuses a save made from an older one', async () => {
    const one = host.connect({ kind: 'view' });
    const two = host.connect({ kind: 'view' });
    await one.call('project.open', { path: projects.a });
    await two.call('project.open', { path: projects.a });
    const seenTwo = recorder(two);
    const split = {
      version: 1 as const,
      root: { type: 'split' as const, id: 's', direction: 'row' as const, ratio: 0.3, first: { type: 'pane' as const, id: 'a', content: { kind: 'empty' as const } }, second: { type: 'pane' as const, id: 'b', content: { kind: 'empty' as const } } },
    };
    expect(await one.call('layout.get', {})).toEqual({ ok: true, value: { version: 1, root: null, revision: 0 } });
    expect(await one.call('layout.save', { layout: split, basedOn: 0, origin: 'window-one' })).toEqual({ ok: true, value: { revision: 1 } });
    const heard = seenTwo.filter((e) => e.name === 'layout.changed');
    expect(heard.map((e) => e.payload)).toEqual([{ layout: split, revision: 1, origin: 'window-one' }]);
    expect(eventSchemas['layout.changed'].safeParse(heard[0]!.payload).success).toBe(true);

    const stale = await two.call('layout.save', { layout: { version: 1, root: null }, basedOn: 0, origin: 'window-two' });
    expect(stale).toMatchObject({ ok: false, error: { kind: 'layout-stale', message: expect.stringContaining('another window') } });
    expect(await two.call('layout.get', {})).toEqual({ ok: true, value: { ...split, revision: 1 } });
    one.dispose();
    two.dispose();
  });

  it('starts a view on the project views last opened, and a script on none', async () => {
    const view = host.connect({ kind: 'view' });
    await view.call('project.open', { path: projects.a });
    const script = host.connect({ kind: 'script' });
    await script.call('project.open', { path: projects.b });
    expect(await host.connect({ kind: 'view' }).call('project.current', {})).toMatchObject({ ok: true, value: { name: 'alpha' } });
    expect(await host.connect({ kind: 'script' }).call('project.current', {})).toEqual({ ok: true, value: null });
    expect((await host.openForViews(projects.b)).ok).toBe(true);
    expect(await host.connect({ kind: 'view' }).call('project.current', {})).toMatchObject({ ok: true, value: { name: 'beta' } });
  });

  it('leaves the agents running when the connection that launched them goes, and counts only the clients still there', async () => {
    const view = host.connect({ kind: 'view' });
    await view.call('project.open', { path: projects.a });
    await view.call('agents.create', { name: 'Keeper', profile: 'fake' });
    expect((await view.call('agents.launch', { slug: 'keeper' })).ok).toBe(true);
    expect(host.connectionCount).toBe(1);
    view.dispose();
    expect(host.connectionCount).toBe(0);
    expect(await view.call('sessions.list', {})).toMatchObject({ ok: false, error: { kind: 'disconnected' } });
    expect(host.liveSessionCount()).toBe(1);
    const back = host.connect({ kind: 'view' });
    const listed = await back.call('sessions.list', {});
    expect(listed).toMatchObject({ ok: true, value: [{ agent: 'keeper' }] });
  });
});
