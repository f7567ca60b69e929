import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openProjectCatalog, openProjectSessions, wireProcess } from './composition-root';

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function folders() {
  const base = mkdtempSync(join(tmpdir(), 'tessera-wiring-'));
  temps.push(base);
  for (const name of ['config', 'shop', 'blog']) mkdirSync(join(base, name));
  return { configDir: join(base, 'config'), shop: join(base, 'shop'), blog: join(base, 'blog') };
}

describe('the composition root', () => {
  it('gives the projects of one process one profile store, and each project its own agents and bus', async () => {
    const { configDir, shop, blog } = folders();
    const proc = wireProcess({ configDir, env: { SHELL: '/bin/sh' } });
    const first = await openProjectCatalog(proc, shop);
    const second = await openProjectCatalog(proc, blog);
    if (!first.ok || !second.ok) throw new Error('the projects did not open');
    expect(first.value.stores.profiles).toBe(second.value.stores.profiles);
    expect(first.value.events).not.toBe(second.value.events);
    const heard: string[] = [];
    second.value.events.subscribe((event) => heard.push(event.type));
    const created = await first.value.createAgent.execute({ name: 'Helper', profile: 'shell' });
    expect(created.ok).toBe(true);
    expect((await first.value.listAgents.execute()).length).toBe(1);
    expect(await second.value.listAgents.execute()).toEqual([]);
    expect(heard).toEqual([]);
  });

  it('refuses to wire the sessions of a folder that is not there, saying which', async () => {
    const { configDir, shop } = folders();
    const opened = await openProjectSessions(wireProcess({ configDir, env: {} }), join(shop, 'missing'));
    expect(opened).toEqual({ ok: false, error: { kind: 'project-not-found', path: join(shop, 'missing') } });
  });
});
