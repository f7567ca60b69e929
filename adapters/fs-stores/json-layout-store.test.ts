import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { layoutStoreContract, sampleLayout } from '../contracts/layout-store.contract';
import { JsonLayoutStore } from './json-layout-store';

const temps: string[] = [];
async function project(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tessera-layout-'));
  temps.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const roots = new WeakMap<JsonLayoutStore, string>();
layoutStoreContract(
  'JsonLayoutStore',
  async () => {
    const root = await project();
    const store = new JsonLayoutStore(root);
    roots.set(store, root);
    return store;
  },
  async (store, text) => {
    const root = roots.get(store)!;
    await mkdir(join(root, '.tessera'), { recursive: true });
    await writeFile(join(root, '.tessera/layout.json'), text);
  },
  async (store) => {
    const dir = join(roots.get(store)!, '.tessera');
    const names = (await readdir(dir)).filter((name) => name.endsWith('.bak')).sort((a, b) => copyNumber(a) - copyNumber(b));
    return Promise.all(names.map((name) => readFile(join(dir, name), 'utf8')));
  },
);

function copyNumber(name: string): number {
  return name === 'layout.json.bak' ? 1 : Number(/^layout\.json\.(\d+)\.bak$/.exec(name)?.[1] ?? Infinity);
}

async function plantFile(text: string): Promise<string> {
  const root = await project();
  await mkdir(join(root, '.tessera'));
  await writeFile(join(root, '.tessera/layout.json'), text);
  return root;
}

const twoPanes = (first: object, second: object, ratio: unknown = 0.5) => ({ version: 1, root: { type: 'split', id: 's', direction: 'row', ratio, first, second } });

describe('JsonLayoutStore on disk', () => {
  it('writes .tessera/layout.json as readable JSON', async () => {
    const root = await project();
    await new JsonLayoutStore(root).save(sampleLayout(), 0);
    expect(JSON.parse(await readFile(join(root, '.tessera/layout.json'), 'utf8'))).toEqual({ ...sampleLayout(), revision: 1 });
  });

  it('leaves the file byte for byte as it was when it refuses a save from an older revision', async () => {
    const root = await project();
    const store = new JsonLayoutStore(root);
    await store.save(sampleLayout(), 0);
    const before = await readFile(join(root, '.tessera/layout.json'), 'utf8');
    expect(await new JsonLayoutStore(root).save({ version: 1, root: null }, 0)).toEqual({ ok: false, error: { kind: 'layout-stale', revision: 1 } });
    expect(await readFile(join(root, '.tessera/layout.json'), 'utf8')).toBe(before);
  });

  it.each([
    ['not JSON', '{ "version": 1, ', /not valid JSON/],
    ['a future version', '{"version": 2, "root": null}', /unsupported layout version/],
    ['a node that is neither pane nor split', JSON.stringify({ version: 1, root: { type: 'tab', id: 'a' } }), /not pane or split/],
    ['a list for a layout', '[]', /must be an object/],
  ])('reports a file with %s as layout-invalid, leaves it untouched and keeps a copy in layout.json.bak', async (_what, text, reason) => {
    const root = await plantFile(text);
    const loaded = await new JsonLayoutStore(root).load();
    expect(loaded).toMatchObject({ ok: false, error: { kind: 'layout-invalid', backup: 'layout.json.bak' } });
    if (!loaded.ok) expect(loaded.error.reason).toMatch(reason);
    expect(await readFile(join(root, '.tessera/layout.json'), 'utf8')).toBe(text);
    expect(await readFile(join(root, '.tessera/layout.json.bak'), 'utf8')).toBe(text);
  });

  it.each([
    ['a ratio above 1', twoPanes({ type: 'pane', id: 'a', content: { kind: 'empty' } }, { type: 'pane', id: 'b', content: { kind: 'empty' } }, 1.5), 'split "s" has ratio 1.5, outside (0,1): set to 0.95'],
    ['a ratio of 0', twoPanes({ type: 'pane', id: 'a', content: { kind: 'empty' } }, { type: 'pane', id: 'b', content: { kind: 'empty' } }, 0), 'split "s" has ratio 0, outside (0,1): set to 0.05'],
    ['no ratio', twoPanes({ type: 'pane', id: 'a', content: { kind: 'empty' } }, { type: 'pane', id: 'b', content: { kind: 'empty' } }, 'wide'), 'split "s" has no numeric ratio: set to 0.5'],
    ['a duplicate id', twoPanes({ type: 'pane', id: 'a', content: { kind: 'empty' } }, { type: 'pane', id: 'a', content: { kind: 'empty' } }), 'pane id "a" is used twice: renamed one to "a-2"'],
    ['an unknown pane kind', twoPanes({ type: 'pane', id: 'a', content: { kind: 'browser' } }, { type: 'pane', id: 'b', content: { kind: 'empty' } }), 'pane "a": pane content kind the text "browser" is not terminal, editor or empty: dropped the pane'],
  ])('loads a file with %s repaired, says what was done and leaves the file as it is', async (_what, file, repair) => {
    const text = JSON.stringify(file);
    const root = await plantFile(text);
    const loaded = await new JsonLayoutStore(root).load();
    expect(loaded.ok && loaded.value?.repaired).toEqual([repair]);
    expect(await readFile(join(root, '.tessera/layout.json'), 'utf8')).toBe(text);
  });

  it('keeps a copy of a file that did not load as it is before the first save over it, and only then', async () => {
    const broken = JSON.stringify(twoPanes({ type: 'pane', id: 'a', content: { kind: 'terminal', agent: 'x' } }, { type: 'pane', id: 'b', content: { kind: 'terminal', agent: 'x' } }));
    const root = await plantFile(broken);
    const store = new JsonLayoutStore(root);
    const loaded = await store.load();
    expect(loaded.ok).toBe(true);
    await expect(readFile(join(root, '.tessera/layout.json.bak'), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await store.save(sampleLayout(), 0)).toEqual({ ok: true, value: 1 });
    expect(await readFile(join(root, '.tessera/layout.json.bak'), 'utf8')).toBe(broken);
    await store.save({ version: 1, root: null }, 1);
    expect(await readFile(join(root, '.tessera/layout.json.bak'), 'utf8')).toBe(broken);
  });

  it('writes no copy when saving over a good file', async () => {
    const root = await project();
    const store = new JsonLayoutStore(root);
    await store.save(sampleLayout(), 0);
    await store.save({ version: 1, root: null }, 1);
    await expect(readFile(join(root, '.tessera/layout.json.bak'), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('skips a copy name taken by a link, and writes nothing through it', async () => {
    const root = await plantFile('{ broken');
    const outside = join(await project(), 'outside.txt');
    await writeFile(outside, 'theirs');
    await symlink(outside, join(root, '.tessera/layout.json.bak'));
    const loaded = await new JsonLayoutStore(root).load();
    expect(loaded).toMatchObject({ ok: false, error: { backup: 'layout.json.2.bak' } });
    expect(await readFile(outside, 'utf8')).toBe('theirs');
    expect(await readFile(join(root, '.tessera/layout.json.2.bak'), 'utf8')).toBe('{ broken');
  });

  it('reports a write that fails', async () => {
    const root = await project();
    await writeFile(join(root, '.tessera'), 'a file where a folder must be');
    expect(await new JsonLayoutStore(root).save(sampleLayout(), 0)).toMatchObject({ ok: false, error: { kind: 'store-write-failed' } });
  });
});
