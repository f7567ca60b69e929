import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { claudeImportSourceContract } from '../contracts/claude-import-source.contract';
import { ClaudeDirImportSource } from './claude-dir-import-source';

const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

claudeImportSourceContract('ClaudeDirImportSource', async () => {
  const root = await mkdtemp(join(tmpdir(), 'tessera-claude-'));
  temps.push(root);
  return {
    source: new ClaudeDirImportSource(root),
    addSubagent: async (fileName, text) => {
      await mkdir(join(root, '.claude/agents'), { recursive: true });
      await writeFile(join(root, '.claude/agents', fileName), text);
    },
    addSkill: async (folder, text) => {
      await mkdir(join(root, '.claude/skills', folder), { recursive: true });
      if (text !== undefined) await writeFile(join(root, '.claude/skills', folder, 'SKILL.md'), text);
    },
  };
});

describe('ClaudeDirImportSource follows no link', () => {
  /** A project and, beside it, a folder outside it holding what a link would reach. */
  async function world() {
    const base = await mkdtemp(join(tmpdir(), 'tessera-claude-links-'));
    temps.push(base);
    const root = join(base, 'project');
    const outside = join(base, 'outside');
    await mkdir(root);
    await mkdir(join(outside, 'agents'), { recursive: true });
    await mkdir(join(outside, 'skill'), { recursive: true });
    await writeFile(join(outside, 'agents', 'stolen.md'), '---\nname: stolen\n---\nsecret persona\n');
    await writeFile(join(outside, 'skill', 'SKILL.md'), '---\nname: stolen\ndescription: d\n---\nsecret skill\n');
    return { root, outside, source: new ClaudeDirImportSource(root) };
  }
  const everything = async (source: ClaudeDirImportSource) => JSON.stringify([await source.subagents(), await source.skills()]);

  it('reads nothing through a linked .claude/agents or .claude/skills, and says which link it skipped', async () => {
    const { root, outside, source } = await world();
    await mkdir(join(root, '.claude'));
    await symlink(join(outside, 'agents'), join(root, '.claude', 'agents'));
    await symlink(outside, join(root, '.claude', 'skills'));
    expect(await source.subagents()).toEqual([
      { file: '.claude/agents', result: { ok: false, error: 'the folder was not read: .claude/agents is a symbolic link, and Tessera follows no links when it imports' } },
    ]);
    expect(await source.skills()).toMatchObject([{ file: '.claude/skills', result: { ok: false } }]);
    expect(await everything(source)).not.toContain('secret');
  });

  it('reads nothing through a linked .claude', async () => {
    const { root, outside, source } = await world();
    await symlink(outside, join(root, '.claude'));
    expect(await source.subagents()).toMatchObject([{ file: '.claude/agents', result: { ok: false, error: expect.stringContaining('.claude is a symbolic link') } }]);
    expect(await everything(source)).not.toContain('secret');
  });

  it('skips a linked persona file, a linked skill folder and a linked SKILL.md, each with why', async () => {
    const { root, outside, source } = await world();
    await mkdir(join(root, '.claude', 'agents'), { recursive: true });
    await mkdir(join(root, '.claude', 'skills', 'real'), { recursive: true });
    await symlink(join(outside, 'agents', 'stolen.md'), join(root, '.claude', 'agents', 'helper.md'));
    await symlink(join(outside, 'skill'), join(root, '.claude', 'skills', 'linked'));
    await symlink(join(outside, 'skill', 'SKILL.md'), join(root, '.claude', 'skills', 'real', 'SKILL.md'));
    expect(await source.subagents()).toEqual([
      { file: '.claude/agents/helper.md', result: { ok: false, error: 'the file is a symbolic link, and Tessera follows no links when it imports' } },
    ]);
    expect(await source.skills()).toEqual([
      { file: '.claude/skills/linked/SKILL.md', result: { ok: false, error: 'the folder is a symbolic link, and Tessera follows no links when it imports' } },
      { file: '.claude/skills/real/SKILL.md', result: { ok: false, error: 'the file is a symbolic link, and Tessera follows no links when it imports' } },
    ]);
    expect(await everything(source)).not.toContain('secret');
  });
});
