import { describe, expect, it } from 'vitest';
import type { SkillStore } from '../../domain/ports/skill-store.port';
import type { Skill, SkillListing } from '../../domain/skill';

export const sampleSkill = (overrides: Partial<Skill> = {}): Skill => ({
  name: 'code-review',
  description: 'How we review code',
  scope: 'project',
  body: 'Read every line.\n',
  ...overrides,
});

const names = (listings: readonly SkillListing[]) => listings.map((l) => (l.ok ? `${l.skill.scope}:${l.skill.name}` : `${l.broken.scope}:${l.broken.name}!`));

/** The behaviour every SkillStore keeps, run against the in-memory fake and the SKILL.md folders. */
export function skillStoreContract(name: string, make: () => Promise<SkillStore>): void {
  describe(`SkillStore contract: ${name}`, () => {
    it('lists nothing and resolves nothing when there are no skills', async () => {
      const store = await make();
      expect(await store.list()).toEqual([]);
      expect(await store.get('code-review', 'project')).toBeUndefined();
      expect(await store.resolve('code-review')).toBeUndefined();
    });

    it('gives back a saved skill in its scope only', async () => {
      const store = await make();
      await store.save(sampleSkill());
      expect(await store.get('code-review', 'project')).toEqual({ ok: true, skill: sampleSkill() });
      expect(await store.get('code-review', 'global')).toBeUndefined();
    });

    it('lists project skills first, then global ones, each sorted by name', async () => {
      const store = await make();
      await store.save(sampleSkill({ name: 'zeta', scope: 'global' }));
      await store.save(sampleSkill({ name: 'beta' }));
      await store.save(sampleSkill({ name: 'alpha', scope: 'global' }));
      await store.save(sampleSkill({ name: 'alpha' }));
      expect(names(await store.list())).toEqual(['project:alpha', 'project:beta', 'global:alpha', 'global:zeta']);
    });

    it('resolves a name to the project skill first, then the global one', async () => {
      const store = await make();
      await store.save(sampleSkill({ scope: 'global', body: 'global\n' }));
      expect((await store.resolve('code-review'))?.body).toBe('global\n');
      await store.save(sampleSkill({ body: 'project\n' }));
      expect((await store.resolve('code-review'))?.body).toBe('project\n');
    });

    it('resolves past a broken project skill to a working global one', async () => {
      const store = await make();
      await store.save(sampleSkill({ scope: 'global' }));
      await store.writeSource('code-review', 'project', 'no frontmatter');
      expect((await store.resolve('code-review'))?.scope).toBe('global');
    });

    it('keeps a SKILL.md that does not parse, and lists it with its error', async () => {
      const store = await make();
      const bad = '---\ndescription: no name here\n---\nbody\n';
      await store.writeSource('nameless', 'project', bad);
      expect(await store.list()).toEqual([{ ok: false, broken: { name: 'nameless', scope: 'project', error: 'the frontmatter has no "name"' } }]);
      expect((await store.readSource('nameless', 'project'))?.source).toBe(bad);
    });

    it('parses a source without writing it', async () => {
      const store = await make();
      expect(await store.parse('x', 'global', '---\nname: x\ndescription: d\n---\nB\n')).toEqual({
        ok: true,
        value: { name: 'x', description: 'd', scope: 'global', body: 'B\n' },
      });
      expect(await store.parse('x', 'project', '---\nname: [\n---\n')).toMatchObject({ ok: false, error: { kind: 'skill-invalid', name: 'x' } });
      expect(await store.list()).toEqual([]);
    });

    it('lists a SKILL.md whose frontmatter is over the size limit with its error, and keeps its text', async () => {
      const store = await make();
      const huge = `---\nname: x\ndescription: ${'d'.repeat(70_000)}\n---\nB\n`;
      await store.writeSource('huge', 'project', huge);
      expect(await store.list()).toEqual([{ ok: false, broken: { name: 'huge', scope: 'project', error: expect.stringMatching(/longer than 65536 characters/) } }]);
      expect((await store.readSource('huge', 'project'))?.source).toBe(huge);
    });

    it('gives a revision that changes when the text changes', async () => {
      const store = await make();
      const first = await store.writeSource('x', 'project', '---\nname: x\n---\none\n');
      expect((await store.readSource('x', 'project'))?.revision).toBe(first.ok ? first.value.revision : 'failed');
      await store.writeSource('x', 'project', '---\nname: x\n---\ntwo\n');
      expect((await store.readSource('x', 'project'))?.revision).not.toBe(first.ok ? first.value.revision : 'failed');
    });

    it('trashes a skill out of its scope and refuses an unknown one', async () => {
      const store = await make();
      await store.save(sampleSkill());
      await store.save(sampleSkill({ scope: 'global' }));
      expect((await store.trash('code-review', 'project')).ok).toBe(true);
      expect(names(await store.list())).toEqual(['global:code-review']);
      expect(await store.trash('code-review', 'project')).toEqual({ ok: false, error: { kind: 'skill-not-found', name: 'code-review' } });
    });

    it('finds nothing for a name that would escape its folder', async () => {
      const store = await make();
      await store.save(sampleSkill());
      for (const bad of ['../code-review', '/abs', 'a/b', '', 'nul']) {
        expect(await store.get(bad, 'project')).toBeUndefined();
        expect(await store.resolve(bad)).toBeUndefined();
      }
      await expect(store.writeSource('../x', 'project', 'x')).rejects.toThrow(/not a skill name/);
    });
  });
}
