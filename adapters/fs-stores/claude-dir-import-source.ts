import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { subagentFromFrontmatter, type ClaudeSubagent } from '../../domain/claude-import';
import type { ClaudeImportSource, ClaudeSkillFolder, ImportCandidate } from '../../domain/ports/claude-import-source.port';
import { err, ok, type Result } from '../../domain/result';
import { isMissing, messageOf, readTextNoFollow } from './atomic-file';
import { checkFoldersFrom, LinkRefusedError } from '../shared/no-follow';
import { frontmatterOnThisThread, type FrontmatterReader } from '../shared/yaml-frontmatter';

const NO_LINKS = 'is a symbolic link, and Tessera follows no links when it imports';

/**
 * Reads a project's `.claude/agents/*.md` and `.claude/skills/<name>/SKILL.md` for import; never
 * writes there. The repository chose what is in `.claude`, and an import copies it into `.tessera`,
 * so no link is followed, as inside `.tessera`: `.claude`, its folders and its files must all be
 * real ones inside the project. A linked one is listed with why it was skipped; a linked folder
 * holding them all is one such entry.
 */
export class ClaudeDirImportSource implements ClaudeImportSource {
  constructor(
    private readonly projectRoot: string,
    private readonly frontmatter: FrontmatterReader = frontmatterOnThisThread,
  ) {}

  async subagents(): Promise<readonly ImportCandidate<ClaudeSubagent>[]> {
    const listed = await this.listDir(join('.claude', 'agents'));
    if (!listed.ok) return [listed.error];
    const out: ImportCandidate<ClaudeSubagent>[] = [];
    for (const entry of listed.value.filter((e) => e.name.endsWith('.md') && !e.name.startsWith('.'))) {
      const file = `.claude/agents/${entry.name}`;
      if (entry.isSymbolicLink()) out.push({ file, result: err(`the file ${NO_LINKS}`) });
      else if (entry.isFile()) {
        const text = await this.readText(join('.claude', 'agents', entry.name));
        out.push({ file, result: text.ok ? await decodeSubagent(text.value, this.frontmatter) : text });
      }
    }
    return out;
  }

  async skills(): Promise<readonly ImportCandidate<ClaudeSkillFolder>[]> {
    const listed = await this.listDir(join('.claude', 'skills'));
    if (!listed.ok) return [listed.error];
    const out: ImportCandidate<ClaudeSkillFolder>[] = [];
    for (const entry of listed.value.filter((e) => !e.name.startsWith('.'))) {
      const file = `.claude/skills/${entry.name}/SKILL.md`;
      if (entry.isSymbolicLink()) out.push({ file, result: err(`the folder ${NO_LINKS}`) });
      else if (entry.isDirectory()) {
        const text = await this.readText(join('.claude', 'skills', entry.name, 'SKILL.md'));
        out.push({ file, result: text.ok ? ok({ folder: entry.name, source: text.value }) : text });
      }
    }
    return out;
  }

  /** The entries of a folder of `.claude`, sorted by name; none when it is missing; an entry saying why when it is a link. */
  private async listDir(rel: string): Promise<Result<Dirent[], ImportCandidate<never>>> {
    const dir = join(this.projectRoot, rel);
    try {
      await checkFoldersFrom(this.projectRoot, dir);
      const entries = await readdir(dir, { withFileTypes: true });
      return ok(entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)));
    } catch (error) {
      if (isMissing(error)) return ok([]);
      const why = error instanceof LinkRefusedError ? `${error.path.slice(this.projectRoot.length + 1)} ${NO_LINKS}` : `it cannot be read: ${messageOf(error)}`;
      return err({ file: rel.split('\\').join('/'), result: err(`the folder was not read: ${why}`) });
    }
  }

  private async readText(rel: string): Promise<Result<string, string>> {
    try {
      return ok(await readTextNoFollow(join(this.projectRoot, rel), this.projectRoot));
    } catch (error) {
      if (isMissing(error)) return err('the file is missing');
      if (error instanceof LinkRefusedError) return err(`the file ${NO_LINKS}`);
      return err(`the file cannot be read: ${messageOf(error)}`);
    }
  }
}

async function decodeSubagent(text: string, frontmatter: FrontmatterReader): Promise<Result<ClaudeSubagent, string>> {
  const read = await frontmatter.read(text);
  if (!read.ok) return err(read.error);
  return subagentFromFrontmatter(read.value.data, read.value.body);
}
