import { describe, expect, it } from 'vitest';
import { sampleSkill } from '../adapters/contracts/skill-store.contract';
import { RecordingEventBus } from '../adapters/events/recording-event-bus';
import { InMemorySkillStore } from '../adapters/memory/in-memory-skill-store';
import { CreateSkill } from './create-skill';
import { DeleteSkill } from './delete-skill';
import { GetSkill } from './get-skill';
import { ListSkills } from './list-skills';
import { UpdateSkill } from './update-skill';

function world() {
  const skills = new InMemorySkillStore();
  const events = new RecordingEventBus();
  return {
    skills,
    events,
    create: new CreateSkill({ skills, events }),
    update: new UpdateSkill({ skills, events }),
    get: new GetSkill({ skills }),
    del: new DeleteSkill({ skills, events }),
    list: new ListSkills({ skills }),
  };
}

describe('CreateSkill', () => {
  it('creates a project skill in a folder of its name, and announces it', async () => {
    const { skills, events, create } = world();
    const result = await create.execute({ name: ' code-review ', description: ' Reviews ', body: 'Look.\n' });
    expect(result).toEqual({ ok: true, value: { name: 'code-review', description: 'Reviews', scope: 'project', body: 'Look.\n' } });
    expect(await skills.get('code-review', 'project')).toEqual({ ok: true, skill: { name: 'code-review', description: 'Reviews', scope: 'project', body: 'Look.\n' } });
    expect(events.published).toEqual([{ type: 'skills.changed' }]);
  });

  it('creates a global skill when asked', async () => {
    const { skills, create } = world();
    await create.execute({ name: 'testing', description: 'How we test', scope: 'global' });
    expect(await skills.get('testing', 'global')).toMatchObject({ ok: true });
    expect(await skills.get('testing', 'project')).toBeUndefined();
  });

  it.each(['', '../x', '/abs', 'a/b', 'aux'])('refuses the name %j', async (name) => {
    const { list, events, create } = world();
    expect((await create.execute({ name, description: 'Anything' })).ok).toBe(false);
    expect(await list.execute()).toEqual([]);
    expect(events.published).toEqual([]);
  });

  it('refuses a duplicate in the same scope, not in the other', async () => {
    const { create } = world();
    await create.execute({ name: 'testing', description: 'How we test' });
    expect(await create.execute({ name: 'testing', description: 'Again' })).toEqual({ ok: false, error: { kind: 'skill-exists', name: 'testing', scope: 'project' } });
    expect((await create.execute({ name: 'testing', description: 'How we test', scope: 'global' })).ok).toBe(true);
  });

  it('refuses a name that is not a skill name, saying the one it could be, rather than changing it unsaid', async () => {
    const { list, create } = world();
    expect(await create.execute({ name: 'Code Review!', description: 'Reviews' })).toEqual({ ok: false, error: { kind: 'skill-name-invalid', name: 'Code Review!', suggestion: 'code-review' } });
    expect(await create.execute({ name: 'x'.repeat(65), description: 'Reviews' })).toMatchObject({ ok: false, error: { kind: 'skill-name-invalid' } });
    expect(await list.execute()).toEqual([]);
  });

  it('refuses an empty description, which the Agent Skills format requires and agents choose skills by', async () => {
    const { list, create } = world();
    expect(await create.execute({ name: 'testing', description: '  ' })).toEqual({ ok: false, error: { kind: 'skill-description-missing' } });
    expect(await create.execute({ name: 'testing', description: 'x'.repeat(1025) })).toEqual({ ok: false, error: { kind: 'skill-description-too-long', max: 1024 } });
    expect(await list.execute()).toEqual([]);
  });
});

describe('UpdateSkill and GetSkill', () => {
  it('saves edited SKILL.md text when the revision still matches', async () => {
    const { skills, events, update, get } = world();
    await skills.save(sampleSkill());
    const loaded = await get.execute({ name: 'code-review', scope: 'project' });
    const revision = loaded.ok ? loaded.value.revision : '';
    const source = '---\nname: code-review\ndescription: Sharper\n---\nNew.\n';
    const result = await update.execute({ name: 'code-review', scope: 'project', source, revision });
    expect(result).toMatchObject({ ok: true, value: { source, listing: { ok: true, skill: { description: 'Sharper', body: 'New.\n' } } } });
    expect(events.published).toEqual([{ type: 'skills.changed' }]);
  });

  it('refuses invalid text, a stale revision and an unknown skill, writing nothing', async () => {
    const { skills, events, update } = world();
    await skills.save(sampleSkill());
    const original = await skills.readSource('code-review', 'project');
    expect(await update.execute({ name: 'code-review', scope: 'project', source: 'plain text' })).toMatchObject({ ok: false, error: { kind: 'skill-invalid' } });
    expect(await update.execute({ name: 'code-review', scope: 'project', source: '---\nname: x\n---\n', revision: 'stale' })).toEqual({
      ok: false,
      error: { kind: 'revision-conflict', name: 'code-review', revision: original?.revision },
    });
    expect(await update.execute({ name: 'code-review', scope: 'global', source: '---\nname: x\n---\n' })).toEqual({ ok: false, error: { kind: 'skill-not-found', name: 'code-review' } });
    expect(await skills.readSource('code-review', 'project')).toEqual(original);
    expect(events.published).toEqual([]);
  });

  it('writes a SKILL.md that was deleted while its editor was open back from the editor text', async () => {
    const { skills, events, update, get, del } = world();
    await skills.save({ ...sampleSkill(), scope: 'global' });
    const loaded = await get.execute({ name: 'code-review', scope: 'global' });
    const revision = loaded.ok ? loaded.value.revision : '';
    await del.execute({ name: 'code-review', scope: 'global' });
    const source = '---\nname: code-review\ndescription: Back\n---\nAgain.\n';
    expect(await update.execute({ name: 'code-review', scope: 'global', source, revision })).toMatchObject({ ok: true, value: { source } });
    expect((await skills.readSource('code-review', 'global'))?.source).toBe(source);
    expect(await skills.readSource('code-review', 'project')).toBeUndefined();
    expect(events.published.at(-1)).toEqual({ type: 'skills.changed' });
  });

  it('does not write back a deleted SKILL.md whose text is invalid', async () => {
    const { skills, update } = world();
    expect(await update.execute({ name: 'gone', scope: 'project', source: 'plain text', revision: 'r1' })).toMatchObject({ ok: false, error: { kind: 'skill-invalid' } });
    expect(await skills.readSource('gone', 'project')).toBeUndefined();
  });

  it('returns a broken skill with its error and text so it can be fixed', async () => {
    const { skills, get } = world();
    await skills.writeSource('odd', 'global', 'no frontmatter');
    expect(await get.execute({ name: 'odd', scope: 'global' })).toMatchObject({ ok: true, value: { listing: { ok: false }, source: 'no frontmatter' } });
    expect(await get.execute({ name: '../odd', scope: 'global' })).toMatchObject({ ok: false, error: { kind: 'name-invalid' } });
  });
});

describe('DeleteSkill', () => {
  it('moves the skill to the trash, keeping its text, and announces it', async () => {
    const { skills, events, del, list } = world();
    await skills.save(sampleSkill());
    expect(await del.execute({ name: 'code-review', scope: 'project' })).toEqual({ ok: true, value: { trashedTo: skills.trashed[0]?.to } });
    expect(skills.trashed[0]?.source).toContain('Read every line.');
    expect(await list.execute()).toEqual([]);
    expect(events.published).toEqual([{ type: 'skills.changed' }]);
  });

  it('reports a skill that does not exist', async () => {
    const { del } = world();
    expect(await del.execute({ name: 'ghost', scope: 'global' })).toEqual({ ok: false, error: { kind: 'skill-not-found', name: 'ghost' } });
  });
});
