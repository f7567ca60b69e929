import { describe, expect, it } from 'vitest';
import { layoutStoreContract } from '../contracts/layout-store.contract';
import { InMemoryLayoutStore } from './in-memory-layout-store';

layoutStoreContract('InMemoryLayoutStore', async () => new InMemoryLayoutStore());

describe('InMemoryLayoutStore', () => {
  it('reports a planted file that is not JSON, and keeps it', async () => {
    const store = new InMemoryLayoutStore();
    store.text = '{';
    expect(await store.load()).toMatchObject({ ok: false, error: { kind: 'layout-invalid' } });
    expect(store.text).toBe('{');
  });
});
