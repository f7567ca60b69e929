import { describe, expect, it } from 'vitest';
import type { ProjectTrust } from '../../domain/ports/project-trust.port';

/** The ProjectTrust port's behaviour, for the JSON file in user config and the in-memory fake. */
export function projectTrustContract(name: string, make: () => Promise<ProjectTrust>): void {
  describe(`ProjectTrust contract: ${name}`, () => {
    it('does not trust a project it has never seen, and does not relaunch it', async () => {
      const trust = await make();
      expect(await trust.get('/work/cloned')).toEqual({ trusted: false, relaunchOnOpen: false });
    });

    it('trusts exactly the root it was told to trust', async () => {
      const trust = await make();
      expect((await trust.trust('/work/mine')).ok).toBe(true);
      expect((await trust.get('/work/mine')).trusted).toBe(true);
      expect((await trust.get('/work/mine-too')).trusted).toBe(false);
      expect((await trust.get('/work')).trusted).toBe(false);
    });

    it('keeps relaunch-on-open apart from trust, per project', async () => {
      const trust = await make();
      await trust.setRelaunchOnOpen('/work/a', true);
      expect(await trust.get('/work/a')).toEqual({ trusted: false, relaunchOnOpen: true });
      await trust.trust('/work/a');
      expect(await trust.get('/work/a')).toEqual({ trusted: true, relaunchOnOpen: true });
      await trust.setRelaunchOnOpen('/work/a', false);
      expect(await trust.get('/work/a')).toEqual({ trusted: true, relaunchOnOpen: false });
      expect(await trust.get('/work/b')).toEqual({ trusted: false, relaunchOnOpen: false });
    });

    it('withdraws the trust of exactly one root, keeping its relaunch choice', async () => {
      const trust = await make();
      await trust.trust('/work/a');
      await trust.trust('/work/b');
      await trust.setRelaunchOnOpen('/work/a', true);
      expect((await trust.distrust('/work/a')).ok).toBe(true);
      expect(await trust.get('/work/a')).toEqual({ trusted: false, relaunchOnOpen: true });
      expect((await trust.get('/work/b')).trusted).toBe(true);
      expect((await trust.distrust('/work/never-seen')).ok).toBe(true);
      expect((await trust.get('/work/never-seen')).trusted).toBe(false);
    });

    it('loses no change when several are made at once', async () => {
      const trust = await make();
      await Promise.all([trust.trust('/p/1'), trust.trust('/p/2'), trust.setRelaunchOnOpen('/p/1', true), trust.trust('/p/3')]);
      expect(await trust.get('/p/1')).toEqual({ trusted: true, relaunchOnOpen: true });
      expect((await trust.get('/p/2')).trusted).toBe(true);
      expect((await trust.get('/p/3')).trusted).toBe(true);
    });
  });
}
