import { describe, expect, it } from 'vitest';
import { sampleProfile } from '../adapters/contracts/profile-store.contract';
import { InMemoryProfileStore } from '../adapters/memory/in-memory-profile-store';
import { ListProfiles } from './list-profiles';
import { SaveProfile } from './save-profile';

function world() {
  const profiles = new InMemoryProfileStore([sampleProfile({ id: 'claude', builtin: true })]);
  return { profiles, save: new SaveProfile({ profiles }), list: new ListProfiles({ profiles }) };
}

describe('SaveProfile', () => {
  it('saves a user profile, marked as not built in', async () => {
    const { save, list } = world();
    const result = await save.execute({ profile: { ...sampleProfile({ id: 'mine' }), builtin: true } });
    expect(result).toEqual({ ok: true, value: sampleProfile({ id: 'mine' }) });
    expect((await list.execute()).profiles.map((p) => p.id)).toEqual(['claude', 'mine']);
  });

  it('lets a user profile override a built-in', async () => {
    const { save, list } = world();
    await save.execute({ profile: sampleProfile({ id: 'claude', command: '/opt/claude' }) });
    expect((await list.execute()).profiles).toEqual([sampleProfile({ id: 'claude', command: '/opt/claude' })]);
  });

  it.each([
    [{ ...sampleProfile(), id: '../x' }, /"id"/],
    [{ ...sampleProfile(), command: '' }, /"command"/],
    [{ ...sampleProfile(), inject: { kind: 'convention-file', target: '../CLAUDE.md' } }, /plain file name/],
    [{ ...sampleProfile(), inject: { kind: 'telepathy' } }, /inject.kind/],
    [{ ...sampleProfile(), status: { needsInput: ['[unclosed'], busy: [] } }, /regular expression/],
    [{ ...sampleProfile(), env: { A: ['x'] } }, /env.A/],
    ['not an object', /must be an object/],
  ])('refuses an invalid profile (%#) with a clear message, saving nothing', async (profile, message) => {
    const { save, list } = world();
    const result = await save.execute({ profile });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe('profile-invalid');
      expect(result.error.message).toMatch(message);
    }
    expect((await list.execute()).profiles).toHaveLength(1);
  });
});

describe('ListProfiles', () => {
  it('reports user profiles that were skipped beside the usable ones', async () => {
    const { profiles, list } = world();
    profiles.skipped.push({ source: '/cfg/tessera/profiles/bad.json', error: 'not readable JSON' });
    expect(await list.execute()).toEqual({ profiles: [sampleProfile({ id: 'claude', builtin: true })], broken: [{ source: '/cfg/tessera/profiles/bad.json', error: 'not readable JSON' }] });
  });
});
