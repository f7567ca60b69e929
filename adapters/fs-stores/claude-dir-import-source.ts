import type { Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { subagentFromFrontmatter, type ClaudeSubagent } from '../../domain/claude-import';
import type { ClaudeImportSource, ClaudeSkillFolder, ImportCandidate } from '../../domain/ports/claude-import-source.port';
import { err, ok, type Result } from '../../domain/result';
import { isMissing, messageOf } from './atomic-file';
import { frontmatterOnThisThread, type FrontmatterReader } from '../shared/yaml-frontmatter';

/** Reads a project's `.claude/agents/*.md` and `.claude/skills/<name>/SKILL.md` for import; never writes there. */
export class ClaudeDirImportSource implements ClaudeImportSource {
  constructor(
    private readonly projectRoot: string,
    private readonly frontmatter: FrontmatterReader = frontmatterOnThisThread,
  ) {}

  async subagents(): Promise<readonly ImportCandidate<ClaudeSubagent>[]> {
    const dir = join(this.projectRoot, '.claude', 'agents');
    const names = (await listDir(dir)).filter((e) => e.isFile() && e.name.endsWith('.md') && !e.name.startsWith('.')).map((e) => e.name).sort();
    const out: ImportCandidate<ClaudeSubagent>[] = [];
    for (const name of names) {
      const text = await readText(join(dir, name));
      out.push({ file: `.claude/agents/${name}`, result: text.ok ? await decodeSubagent(text.value, this.frontmatter) : text });
    }
    return out;
  }

  async skills(): Promise<readonly ImportCandidate<ClaudeSkillFolder>[]> {
    const dir = join(this.projectRoot, '.claude', 'skills');
    const folders = (await listDir(dir)).filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort();
    const out: ImportCandidate<ClaudeSkillFolder>[] = [];
    for (const folder of folders) {
      const text = await readText(join(dir, folder, 'SKILL.md'));
      out.push({ file: `.claude/skills/${folder}/SKILL.md`, result: text.ok ? ok({ folder, source: text.value }) : text });
    }
    return out;
  }
}

async function decodeSubagent(text: string, frontmatter: FrontmatterReader = frontmatterOnThisThread): Promise<Result<ClaudeSubagent, string>> {
  const read = await frontmatter.read(text);
  if (!read.ok) return err(read.error);
  return subagentFromFrontmatter(read.value.data, read.value.body);
}

async function listDir(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
}

async function readText(path: string): Promise<Result<string, string>> {
  try {
    return ok(await readFile(path, 'utf8'));
  } catch (error) {
    return err(isMissing(error) ? 'the file is missing' : `the file cannot be read: ${messageOf(error)}`);
  }
}
