import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
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
