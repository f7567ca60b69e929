import { subagentFromFrontmatter, type ClaudeSubagent } from '../../domain/claude-import';
import type { ClaudeImportSource, ClaudeSkillFolder, ImportCandidate } from '../../domain/ports/claude-import-source.port';
import { err, ok } from '../../domain/result';
import { frontmatterOnThisThread } from '../shared/yaml-frontmatter';

/** `.claude/` files as text in memory; decoded like ClaudeDirImportSource (one contract). */
export class InMemoryClaudeImportSource implements ClaudeImportSource {
  private readonly agentFiles = new Map<string, string>();
  /** folder -> SKILL.md text, or undefined for a folder without one. */
  private readonly skillFolders = new Map<string, string | undefined>();

  addSubagent(fileName: string, text: string): this {
    this.agentFiles.set(fileName, text);
    return this;
  }

  addSkill(folder: string, skillMd: string | undefined): this {
    this.skillFolders.set(folder, skillMd);
    return this;
  }

  async subagents(): Promise<readonly ImportCandidate<ClaudeSubagent>[]> {
    return Promise.all([...this.agentFiles.keys()].sort().map(async (name) => ({ file: `.claude/agents/${name}`, result: await decode(this.agentFiles.get(name) ?? '') })));
  }

  async skills(): Promise<readonly ImportCandidate<ClaudeSkillFolder>[]> {
    return [...this.skillFolders.keys()].sort().map((folder) => {
      const source = this.skillFolders.get(folder);
      return { file: `.claude/skills/${folder}/SKILL.md`, result: source === undefined ? err('the file is missing') : ok({ folder, source }) };
    });
  }
}

async function decode(text: string) {
  const read = await frontmatterOnThisThread.read(text);
  if (!read.ok) return err(read.error);
  return subagentFromFrontmatter(read.value.data, read.value.body);
}
