import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RecentProjects } from './recent-projects';

const temps: string[] = [];
async function configDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tessera-recent-'));
  temps.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('RecentProjects', () => {
  it('lists nothing at first', async () => {
    expect(await new RecentProjects(await configDir()).list()).toEqual([]);
  });

  it('keeps the most recent first, one entry per root, with when it was opened', async () => {
    let clock = 100;
    const recent = new RecentProjects(await configDir(), () => clock++);
    await recent.add({ root: '/a', name: 'a' });
    await recent.add({ root: '/b', name: 'b' });
    await recent.add({ root: '/a', name: 'a' });
    expect(await recent.list()).toEqual([
      { root: '/a', name: 'a', openedAt: 102 },
      { root: '/b', name: 'b', openedAt: 101 },
    ]);
  });

  it('remembers at most ten projects', async () => {
    const recent = new RecentProjects(await configDir(), () => 0);
    for (let i = 0; i < 12; i++) await recent.add({ root: `/p${i}`, name: `p${i}` });
    const roots = (await recent.list()).map((p) => p.root);
    expect(roots).toHaveLength(10);
    expect(roots[0]).toBe('/p11');
    expect(roots).not.toContain('/p1');
  });

  it('reads a corrupt file as empty and starts over on the next open', async () => {
    const dir = await configDir();
    await mkdir(join(dir, 'tessera'));
    await writeFile(join(dir, 'tessera/recent.json'), '[{"root": 1}, ');
    const recent = new RecentProjects(dir, () => 5);
    expect(await recent.list()).toEqual([]);
    await recent.add({ root: '/x', name: 'x' });
    expect(await recent.list()).toEqual([{ root: '/x', name: 'x', openedAt: 5 }]);
  });
});
