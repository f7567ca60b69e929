import { describe, expect, it } from 'vitest';
import type { Profile } from '../../domain/profile';
import type { ProfileStore } from '../../domain/ports/profile-store.port';

export const sampleProfile = (overrides: Partial<Profile> = {}): Profile => ({
  id: 'fake',
  name: 'Fake agent',
  command: 'node',
  args: ['fake-agent.js'],
  env: { FAKE: '1' },
  inject: { kind: 'env', var: 'FAKE_CONTEXT', value: '{contextPath}' },
  status: { needsInput: ['\\[y/n\\]'], busy: [] },
  builtin: false,
  ...overrides,
});

const BUILTINS: readonly Profile[] = [
  sampleProfile({ id: 'claude', name: 'Claude Code', command: 'claude', builtin: true, inject: { kind: 'convention-file', target: 'CLAUDE.md' } }),
  sampleProfile({ id: 'shell', name: 'Shell', command: '/bin/sh', builtin: true, inject: { kind: 'stdin' } }),
];

/** The behaviour every ProfileStore keeps; `make` receives the built-ins the store must ship with. */
export function profileStoreContract(name: string, make: (builtins: readonly Profile[]) => Promise<ProfileStore>): void {
  describe(`ProfileStore contract: ${name}`, () => {
    it('lists the built-ins in their order when the user has none', async () => {
      const store = await make(BUILTINS);
      expect((await store.list()).map((p) => p.id)).toEqual(['claude', 'shell']);
      expect(await store.get('shell')).toEqual(BUILTINS[1]);
      expect(await store.get('nope')).toBeUndefined();
      expect(await store.broken()).toEqual([]);
    });

    it('lists user profiles after the built-ins, sorted by id, marked as not built in', async () => {
      const store = await make(BUILTINS);
      await store.save(sampleProfile({ id: 'zz' }));
      await store.save(sampleProfile({ id: 'aa', builtin: true }));
      expect((await store.list()).map((p) => `${p.id}:${p.builtin}`)).toEqual(['claude:true', 'shell:true', 'aa:false', 'zz:false']);
      expect(await store.get('zz')).toEqual(sampleProfile({ id: 'zz' }));
    });

    it('lets a user profile with a built-in id replace the built-in in place', async () => {
      const store = await make(BUILTINS);
      const mine = sampleProfile({ id: 'claude', name: 'My Claude', command: '/opt/claude' });
      await store.save(mine);
      expect((await store.list()).map((p) => p.name)).toEqual(['My Claude', 'Shell']);
      expect(await store.get('claude')).toEqual(mine);
    });

    it('replaces a user profile saved again', async () => {
      const store = await make(BUILTINS);
      await store.save(sampleProfile());
      await store.save(sampleProfile({ name: 'Renamed', resume: { args: ['--again'] }, projectAccessArgs: ['--root', '{projectRoot}'] }));
      expect(await store.get('fake')).toEqual(sampleProfile({ name: 'Renamed', resume: { args: ['--again'] }, projectAccessArgs: ['--root', '{projectRoot}'] }));
    });

    it('throws when asked to save a profile that does not validate (a caller bug)', async () => {
      const store = await make(BUILTINS);
      await expect(store.save(sampleProfile({ id: '../evil' }))).rejects.toThrow(/invalid profile/);
    });
  });
}
