import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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

layoutStoreContract('JsonLayoutStore', async () => new JsonLayoutStore(await project()));

describe('JsonLayoutStore on disk', () => {
  it('writes .tessera/layout.json as readable JSON', async () => {
    const root = await project();
    await new JsonLayoutStore(root).save(sampleLayout());
    expect(JSON.parse(await readFile(join(root, '.tessera/layout.json'), 'utf8'))).toEqual(sampleLayout());
  });

  it.each([
    ['not JSON', '{ "version": 1, ', /not valid JSON/],
    ['a future version', '{"version": 2, "root": null}', /unsupported layout version/],
    ['a bad ratio', JSON.stringify({ version: 1, root: { type: 'split', id: 's', direction: 'row', ratio: 1.5, first: { type: 'pane', id: 'a', content: { kind: 'empty' } }, second: { type: 'pane', id: 'b', content: { kind: 'empty' } } } }), /ratio 1.5/],
    ['a duplicate id', JSON.stringify({ version: 1, root: { type: 'split', id: 'a', direction: 'row', ratio: 0.5, first: { type: 'pane', id: 'a', content: { kind: 'empty' } }, second: { type: 'pane', id: 'b', content: { kind: 'empty' } } } }), /used twice/],
    ['an unknown pane kind', JSON.stringify({ version: 1, root: { type: 'pane', id: 'a', content: { kind: 'browser' } } }), /pane content kind/],
  ])('reports a file with %s as layout-invalid and leaves it untouched', async (_what, text, reason) => {
    const root = await project();
    await mkdir(join(root, '.tessera'));
    await writeFile(join(root, '.tessera/layout.json'), text);
    const loaded = await new JsonLayoutStore(root).load();
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) {
      expect(loaded.error.kind).toBe('layout-invalid');
      expect(loaded.error.reason).toMatch(reason);
    }
    expect(await readFile(join(root, '.tessera/layout.json'), 'utf8')).toBe(text);
  });

  it('reports a write that fails', async () => {
    const root = await project();
    await writeFile(join(root, '.tessera'), 'a file where a folder must be');
    expect(await new JsonLayoutStore(root).save(sampleLayout())).toMatchObject({ ok: false, error: { kind: 'store-write-failed' } });
  });
});
