import { describe, expect, it } from 'vitest';
import { layoutStoreContract } from '../contracts/layout-store.contract';
import { InMemoryLayoutStore } from './in-memory-layout-store';

layoutStoreContract(
  'InMemoryLayoutStore',
  async () => new InMemoryLayoutStore(),
  async (store, text) => {
    store.text = text;
  },
  async (store) => store.backups,
);

describe('InMemoryLayoutStore', () => {
  it('reports a planted file that is not JSON, and keeps it', async () => {
    const store = new InMemoryLayoutStore();
    store.text = '{';
    expect(await store.load()).toMatchObject({ ok: false, error: { kind: 'layout-invalid' } });
    expect(store.text).toBe('{');
    expect(store.backups).toEqual(['{']);
  });

  it('keeps the text of a file that needed repair before the first save over it', async () => {
    const store = new InMemoryLayoutStore();
    const planted = JSON.stringify({ version: 1, root: { type: 'pane', id: 'a', content: { kind: 'browser' } } });
    store.text = planted;
    await store.save({ version: 1, root: null }, 0);
    expect(store.backups).toEqual([planted]);
  });
});
