import { describe, expect, it } from 'vitest';
import { sampleAgent } from '../adapters/contracts/agent-store.contract';
import { sampleProfile } from '../adapters/contracts/profile-store.contract';
import { RecordingEventBus } from '../adapters/events/recording-event-bus';
import { InMemoryAgentStore } from '../adapters/memory/in-memory-agent-store';
import { InMemoryProfileStore } from '../adapters/memory/in-memory-profile-store';
import { GetAgent } from './get-agent';
import { UpdateAgent } from './update-agent';

async function world() {
  const agents = new InMemoryAgentStore();
  const events = new RecordingEventBus();
  const profiles = new InMemoryProfileStore([sampleProfile({ id: 'claude', builtin: true })]);
  await agents.save(sampleAgent());
  const original = await agents.readSource('reviewer');
  if (!original) throw new Error('seed failed');
  return { agents, events, original, update: new UpdateAgent({ agents, profiles, events }), get: new GetAgent({ agents }) };
}

const edited = '---\nname: Chief Reviewer\nprofile: claude\nskills: [testing]\n---\nNew persona.\n';

describe('UpdateAgent', () => {
  it('saves the whole edited file, keeps the slug when the name changes, and announces it', async () => {
    const { agents, events, original, update } = await world();
    const result = await update.execute({ slug: 'reviewer', source: edited, revision: original.revision });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value.listing).toMatchObject({ ok: true, agent: { slug: 'reviewer', name: 'Chief Reviewer', skills: ['testing'], persona: 'New persona.\n' } });
      expect(result.value.source).toBe(edited);
      expect(result.value.revision).not.toBe(original.revision);
    }
    expect((await agents.readSource('reviewer'))?.source).toBe(edited);
    expect(events.published).toEqual([{ type: 'agents.changed' }]);
  });

  it('saves without a revision (no conflict check asked for)', async () => {
    const { update } = await world();
    expect((await update.execute({ slug: 'reviewer', source: edited })).ok).toBe(true);
  });

  it('refuses text that does not parse, with the parse message, writing nothing', async () => {
    const { agents, events, original, update } = await world();
    const result = await update.execute({ slug: 'reviewer', source: '---\nname: [\n---\n', revision: original.revision });
    expect(result).toMatchObject({ ok: false, error: { kind: 'agent-invalid', slug: 'reviewer' } });
    if (!result.ok && result.error.kind === 'agent-invalid') expect(result.error.message).toMatch(/not valid YAML/);
    expect(await agents.readSource('reviewer')).toEqual(original);
    expect(events.published).toEqual([]);
  });

  it('refuses a wrongly typed field, naming it', async () => {
    const { update } = await world();
    expect(await update.execute({ slug: 'reviewer', source: '---\nname: R\nskills: testing\n---\n' })).toEqual({
      ok: false,
      error: { kind: 'agent-invalid', slug: 'reviewer', message: '"skills" must be a list, not the text "testing"' },
    });
  });

  it('refuses to overwrite a file that changed on disk since it was loaded', async () => {
    const { agents, original, update } = await world();
    await agents.writeSource('reviewer', '---\nname: Changed elsewhere\n---\n');
    const now = await agents.readSource('reviewer');
    expect(await update.execute({ slug: 'reviewer', source: edited, revision: original.revision })).toEqual({
      ok: false,
      error: { kind: 'revision-conflict', slug: 'reviewer', revision: now?.revision },
    });
    expect((await agents.readSource('reviewer'))?.source).toBe('---\nname: Changed elsewhere\n---\n');
  });

  it('refuses an unknown profile, writing nothing', async () => {
    const { agents, original, update } = await world();
    expect(await update.execute({ slug: 'reviewer', source: '---\nname: R\nprofile: nope\n---\n' })).toEqual({ ok: false, error: { kind: 'profile-not-found', profileId: 'nope' } });
    expect(await agents.readSource('reviewer')).toEqual(original);
  });

  it('refuses an agent that does not exist, and a slug that is not one', async () => {
    const { agents, update } = await world();
    expect(await update.execute({ slug: 'ghost', source: edited })).toEqual({ ok: false, error: { kind: 'agent-not-found', slug: 'ghost' } });
    expect(await update.execute({ slug: '../reviewer', source: edited })).toMatchObject({ ok: false, error: { kind: 'name-invalid' } });
    expect((await agents.list()).length).toBe(1);
  });

  it('writes a persona file that was deleted while its editor was open back under the same slug', async () => {
    const { agents, events, original, update } = await world();
    await agents.trash('reviewer');
    const result = await update.execute({ slug: 'reviewer', source: edited, revision: original.revision });
    expect(result).toMatchObject({ ok: true, value: { slug: 'reviewer', source: edited, listing: { ok: true, agent: { slug: 'reviewer', name: 'Chief Reviewer' } } } });
    expect((await agents.readSource('reviewer'))?.source).toBe(edited);
    expect(events.published).toEqual([{ type: 'agents.changed' }]);
  });

  it('does not write back a deleted persona file whose text names an unknown profile', async () => {
    const { agents, original, update } = await world();
    await agents.trash('reviewer');
    expect(await update.execute({ slug: 'reviewer', source: '---\nname: R\nprofile: nope\n---\n', revision: original.revision })).toEqual({
      ok: false,
      error: { kind: 'profile-not-found', profileId: 'nope' },
    });
    expect(await agents.readSource('reviewer')).toBeUndefined();
  });

  it('lets the user repair a broken file from the editor', async () => {
    const { agents, update, get } = await world();
    await agents.writeSource('broken', '---\nname: [\n---\n');
    const loaded = await get.execute({ slug: 'broken' });
    expect(loaded).toMatchObject({ ok: true, value: { listing: { ok: false }, source: '---\nname: [\n---\n' } });
    const revision = loaded.ok ? loaded.value.revision : '';
    expect(await update.execute({ slug: 'broken', source: '---\nname: Fixed\n---\n', revision })).toMatchObject({ ok: true, value: { listing: { ok: true } } });
  });
});

describe('GetAgent', () => {
  it('returns the parsed agent with the exact source and its revision', async () => {
    const { original, get } = await world();
    expect(await get.execute({ slug: 'reviewer' })).toEqual({
      ok: true,
      value: { slug: 'reviewer', listing: { ok: true, agent: sampleAgent() }, source: original.source, revision: original.revision },
    });
  });

  it('reports an unknown agent and refuses a slug that escapes its folder', async () => {
    const { get } = await world();
    expect(await get.execute({ slug: 'ghost' })).toEqual({ ok: false, error: { kind: 'agent-not-found', slug: 'ghost' } });
    expect(await get.execute({ slug: '/etc/passwd' })).toMatchObject({ ok: false, error: { kind: 'name-invalid' } });
    expect(await get.execute({ slug: '' })).toEqual({ ok: false, error: { kind: 'name-empty' } });
  });
});
