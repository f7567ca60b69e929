import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleSkill, skillStoreContract } from '../contracts/skill-store.contract';
import { MarkdownSkillStore } from './markdown-skill-store';

const temps: string[] = [];
async function dirs(): Promise<{ projectRoot: string; configDir: string }> {
  const base = await mkdtemp(join(tmpdir(), 'tessera-skills-'));
  temps.push(base);
  await mkdir(join(base, 'project'));
  return { projectRoot: join(base, 'project'), configDir: join(base, 'config') };
}
afterEach(async () => {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

skillStoreContract('MarkdownSkillStore', async () => new MarkdownSkillStore(await dirs()));

describe('MarkdownSkillStore on disk', () => {
  it('writes project skills under .tessera/skills and global ones under <config>/tessera/skills', async () => {
    const paths = await dirs();
    const store = new MarkdownSkillStore(paths);
    await store.save(sampleSkill());
    await store.save(sampleSkill({ name: 'testing', scope: 'global', description: 'Tests: first' }));
    expect(await readFile(join(paths.projectRoot, '.tessera/skills/code-review/SKILL.md'), 'utf8')).toBe(
      '---\nname: code-review\ndescription: How we review code\n---\nRead every line.\n',
    );
    expect(await readFile(join(paths.configDir, 'tessera/skills/testing/SKILL.md'), 'utf8')).toContain('description: "Tests: first"');
  });

  it('lists a folder without SKILL.md, or with a bad name, as broken and leaves it alone', async () => {
    const paths = await dirs();
    const skills = join(paths.projectRoot, '.tessera/skills');
    await mkdir(join(skills, 'empty'), { recursive: true });
    await mkdir(join(skills, 'Bad Name'), { recursive: true });
    await writeFile(join(skills, 'Bad Name/SKILL.md'), '---\nname: x\n---\n');
    await writeFile(join(skills, 'README.md'), 'a stray file is not a skill');
    expect(await new MarkdownSkillStore(paths).list()).toEqual([
      { ok: false, broken: { name: 'Bad Name', scope: 'project', error: 'the folder name "Bad Name" is not a skill name (a-z, 0-9 and -)' } },
      { ok: false, broken: { name: 'empty', scope: 'project', error: 'the folder has no SKILL.md' } },
    ]);
    expect((await readdir(skills)).sort()).toEqual(['Bad Name', 'README.md', 'empty']);
  });

  it('moves the whole skill folder, extra files included, to the trash', async () => {
    const paths = await dirs();
    const store = new MarkdownSkillStore(paths, () => 0);
    await store.save(sampleSkill());
    await writeFile(join(paths.projectRoot, '.tessera/skills/code-review/checklist.md'), 'extra');
    const trashed = await store.trash('code-review', 'project');
    expect(trashed).toEqual({ ok: true, value: join(paths.projectRoot, '.tessera/trash/skill-code-review-1970-01-01T00-00-00-000Z') });
    expect((await readdir(trashed.ok ? trashed.value : '')).sort()).toEqual(['SKILL.md', 'checklist.md']);
  });

  it('never changes a malformed SKILL.md while listing, resolving and saving others', async () => {
    const paths = await dirs();
    const file = join(paths.configDir, 'tessera/skills/odd/SKILL.md');
    await mkdir(join(paths.configDir, 'tessera/skills/odd'), { recursive: true });
    await writeFile(file, '---\nname: {\n---\n');
    const store = new MarkdownSkillStore(paths);
    await store.list();
    await store.resolve('odd');
    await store.save(sampleSkill({ name: 'other', scope: 'global' }));
    expect(await readFile(file, 'utf8')).toBe('---\nname: {\n---\n');
  });
});

describe('the SKILL.md files Tessera writes', () => {
  it('end with a newline, so a line appended later starts a line of its own', async () => {
    const paths = await dirs();
    await new MarkdownSkillStore(paths).save(sampleSkill({ body: 'Read every line.' }));
    expect(await readFile(join(paths.projectRoot, '.tessera/skills/code-review/SKILL.md'), 'utf8')).toBe('---\nname: code-review\ndescription: How we review code\n---\nRead every line.\n');
  });
});
