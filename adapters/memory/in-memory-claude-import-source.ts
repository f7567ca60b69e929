import { parse as parseYaml } from 'yaml';
import { subagentFromFrontmatter, type ClaudeSubagent } from '../../domain/claude-import';
import { splitFrontmatter } from '../../domain/frontmatter';
import type { ClaudeImportSource, ClaudeSkillFolder, ImportCandidate } from '../../domain/ports/claude-import-source.port';
import { err, ok } from '../../domain/result';

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
    return [...this.agentFiles.keys()].sort().map((name) => ({ file: `.claude/agents/${name}`, result: decode(this.agentFiles.get(name) ?? '') }));
  }

  async skills(): Promise<readonly ImportCandidate<ClaudeSkillFolder>[]> {
    return [...this.skillFolders.keys()].sort().map((folder) => {
      const source = this.skillFolders.get(folder);
      return { file: `.claude/skills/${folder}/SKILL.md`, result: source === undefined ? err('the file is missing') : ok({ folder, source }) };
    });
  }
}

function decode(text: string) {
  const parts = splitFrontmatter(text);
  if (!parts.ok) return err(parts.error.message);
  let data: unknown;
  try {
    data = parseYaml(parts.value.frontmatter);
  } catch (error) {
    return err(`the frontmatter is not valid YAML: ${(error as Error).message}`);
  }
  return subagentFromFrontmatter(data, parts.value.body);
}
