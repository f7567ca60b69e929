import { describe, expect, it } from 'vitest';
import type { Agent } from '../../domain/agent';
import type { AgentStore } from '../../domain/ports/agent-store.port';

export const sampleAgent = (overrides: Partial<Agent> = {}): Agent => ({
  slug: 'reviewer',
  name: 'Reviewer',
  profile: 'claude',
  skills: ['code-review', 'testing'],
  workspace: 'run-dir',
  args: ['--verbose'],
  env: { LEVEL: 'strict' },
  persona: 'You are a meticulous reviewer.\n',
  ...overrides,
});

const BROKEN = '---\nname: [unclosed\nprofile: claude\n---\nbody\n';

/** The behaviour every AgentStore keeps, run against the in-memory fake and the markdown files. */
export function agentStoreContract(name: string, make: () => Promise<AgentStore>): void {
  describe(`AgentStore contract: ${name}`, () => {
    it('lists nothing and finds nothing in an empty project', async () => {
      const store = await make();
      expect(await store.list()).toEqual([]);
      expect(await store.get('reviewer')).toBeUndefined();
      expect(await store.readSource('reviewer')).toBeUndefined();
    });

    it('gives back a saved agent with every field', async () => {
      const store = await make();
      const agent = sampleAgent({ restart: 'on-failure' });
      expect(await store.save(agent)).toEqual({ ok: true, value: undefined });
      expect(await store.get('reviewer')).toEqual({ ok: true, agent });
    });

    it('lists agents sorted by slug', async () => {
      const store = await make();
      await store.save(sampleAgent({ slug: 'zed', name: 'Zed' }));
      await store.save(sampleAgent({ slug: 'alpha', name: 'Alpha' }));
      const slugs = (await store.list()).map((l) => (l.ok ? l.agent.slug : l.broken.slug));
      expect(slugs).toEqual(['alpha', 'zed']);
    });

    it('replaces an agent saved again under the same slug', async () => {
      const store = await make();
      await store.save(sampleAgent());
      await store.save(sampleAgent({ name: 'Strict Reviewer', skills: [] }));
      expect(await store.get('reviewer')).toEqual({ ok: true, agent: sampleAgent({ name: 'Strict Reviewer', skills: [] }) });
      expect(await store.list()).toHaveLength(1);
    });

    it('keeps a file that does not parse, and lists it with its error', async () => {
      const store = await make();
      await store.writeSource('broken', BROKEN);
      await store.save(sampleAgent());
      const listings = await store.list();
      expect(listings).toHaveLength(2);
      const broken = listings[0];
      expect(broken?.ok).toBe(false);
      if (broken && !broken.ok) {
        expect(broken.broken.slug).toBe('broken');
        expect(broken.broken.error).toMatch(/YAML/);
      }
      expect((await store.readSource('broken'))?.source).toBe(BROKEN);
    });

    it('lists a file whose frontmatter holds more keys than the limit with its error, and keeps its text', async () => {
      const store = await make();
      const keys = Array.from({ length: 40_000 }, (_, i) => `k${i}: 1`).join('\n');
      const source = `---\nname: Flood\n${keys}\n---\nbody\n`;
      await store.writeSource('flood', source);
      const listings = await store.list();
      expect(listings).toEqual([{ ok: false, broken: { slug: 'flood', error: expect.stringMatching(/longer than 65536 characters/) } }]);
      await store.save(sampleAgent());
      expect((await store.readSource('flood'))?.source).toBe(source);
    });

    it('lists a file without a name as broken, saying so', async () => {
      const store = await make();
      await store.writeSource('nameless', '---\nprofile: claude\n---\nbody\n');
      expect(await store.get('nameless')).toEqual({ ok: false, broken: { slug: 'nameless', error: 'the frontmatter has no "name"' } });
    });

    it('parses a source without writing it', async () => {
      const store = await make();
      const parsed = await store.parse('x', '---\nname: X\nworkspace: project\n---\nHello\n');
      expect(parsed).toEqual({
        ok: true,
        value: { slug: 'x', name: 'X', profile: 'claude', skills: [], workspace: 'project', args: [], env: {}, persona: 'Hello\n' },
      });
      expect(await store.parse('x', '---\nname: X\nworkspace: garden\n---\n')).toMatchObject({ ok: false, error: { kind: 'agent-invalid', slug: 'x' } });
      expect(await store.parse('x', 'no frontmatter')).toMatchObject({ ok: false, error: { kind: 'agent-invalid' } });
      expect(await store.list()).toEqual([]);
    });

    it('reads back the exact text written, with a revision that changes only when the text does', async () => {
      const store = await make();
      const first = await store.writeSource('x', '---\nname: X\n---\none\n');
      const again = await store.readSource('x');
      expect(first.ok && again).toEqual({ source: '---\nname: X\n---\none\n', revision: first.ok ? first.value.revision : '' });
      expect((await store.readSource('x'))?.revision).toBe(again?.revision);
      await store.writeSource('x', '---\nname: X\n---\ntwo\n');
      const changed = await store.readSource('x');
      expect(changed?.source).toBe('---\nname: X\n---\ntwo\n');
      expect(changed?.revision).not.toBe(again?.revision);
    });

    it('moves a trashed agent out of the list and reports where it went', async () => {
      const store = await make();
      await store.save(sampleAgent());
      const first = await store.trash('reviewer');
      expect(first.ok).toBe(true);
      expect(await store.list()).toEqual([]);
      await store.save(sampleAgent());
      const second = await store.trash('reviewer');
      expect(second.ok && first.ok && second.value !== first.value).toBe(true);
    });

    it('trashes a broken file too, as the user asked', async () => {
      const store = await make();
      await store.writeSource('broken', BROKEN);
      expect((await store.trash('broken')).ok).toBe(true);
      expect(await store.get('broken')).toBeUndefined();
    });

    it('refuses to trash an agent that does not exist', async () => {
      const store = await make();
      expect(await store.trash('ghost')).toEqual({ ok: false, error: { kind: 'agent-not-found', slug: 'ghost' } });
    });

    it('finds nothing for a slug that would escape its folder', async () => {
      const store = await make();
      await store.save(sampleAgent());
      for (const bad of ['../reviewer', '/etc/passwd', 'a/b', '', 'con']) {
        expect(await store.get(bad)).toBeUndefined();
        expect(await store.readSource(bad)).toBeUndefined();
      }
      expect((await store.trash('../reviewer')).ok).toBe(false);
    });

    it('throws when asked to write under a slug that is not one (a caller bug)', async () => {
      const store = await make();
      await expect(store.writeSource('../evil', 'x')).rejects.toThrow(/not a slug/);
    });
  });
}
