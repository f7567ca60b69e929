import type { ClaudeSubagent } from '../claude-import';
import type { Result } from '../result';

/** One file found for import: what it held, or why it could not be read. */
export interface ImportCandidate<T> {
  /** Project-relative path, for messages (e.g. `.claude/agents/reviewer.md`). */
  readonly file: string;
  readonly result: Result<T, string>;
}

/** A skill folder found for import; its SKILL.md is copied as it is, after the skill store parsed it. */
export interface ClaudeSkillFolder {
  readonly folder: string;
  readonly source: string;
}

/** The ecosystem's own files in a project: `.claude/agents/*.md` and `.claude/skills/<name>/SKILL.md`. */
export interface ClaudeImportSource {
  /** Sorted by file name; files that do not parse are included with their reason. Missing folder: empty. */
  subagents(): Promise<readonly ImportCandidate<ClaudeSubagent>[]>;
  /** Sorted by folder name; a folder without a readable SKILL.md is included with its reason. */
  skills(): Promise<readonly ImportCandidate<ClaudeSkillFolder>[]>;
}
