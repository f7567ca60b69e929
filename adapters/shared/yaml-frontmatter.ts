import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { joinFrontmatter, splitFrontmatter } from '../../domain/frontmatter';
import { err, ok, type Result } from '../../domain/result';

/**
 * A markdown file's YAML frontmatter, parsed, and its body: what every agent, skill and Claude
 * subagent file is read with, by the real stores and their in-memory fakes alike. The error is one
 * sentence for the user; the caller wraps it in its own error kind.
 */
export function readFrontmatter(source: string): Result<{ readonly data: unknown; readonly body: string }, string> {
  const parts = splitFrontmatter(source);
  if (!parts.ok) return err(parts.error.message);
  try {
    return ok({ data: parseYaml(parts.value.frontmatter), body: parts.value.body });
  } catch (error) {
    return err(`the frontmatter is not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The file text for `data` as YAML frontmatter above `body`. */
export function writeFrontmatter(data: unknown, body: string): string {
  return joinFrontmatter(stringifyYaml(data), body);
}
