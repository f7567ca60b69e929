import { stringList } from './agent-validation';
import { describeValue, isRecord } from './frontmatter';
import { err, ok, type Result } from './result';
import type { Skill, SkillScope } from './skill';

export type SkillInvalidError = {
  readonly kind: 'skill-invalid';
  readonly name: string;
  readonly scope: SkillScope;
  readonly message: string;
};

/**
 * Builds a Skill from decoded SKILL.md frontmatter (Agent Skills format: `name`, `description`).
 * The folder name is the skill's identity (what agents list in `skills:`); the frontmatter
 * `name` must be present, as the format requires, but may differ in spelling.
 */
export function skillFromFrontmatter(folder: string, scope: SkillScope, data: unknown, body: string): Result<Skill, SkillInvalidError> {
  const invalid = (message: string) => err({ kind: 'skill-invalid' as const, name: folder, scope, message });
  if (!isRecord(data)) return invalid(`the frontmatter must be a YAML mapping, not ${describeValue(data)}`);
  if (data.name === undefined || data.name === null) return invalid('the frontmatter has no "name"');
  if (typeof data.name !== 'string' || data.name.trim() === '') return invalid(`"name" must be non-empty text, not ${describeValue(data.name)}`);
  const description = data.description ?? '';
  if (typeof description !== 'string') return invalid(`"description" must be text, not ${describeValue(description)}`);
  // Claude's `allowed-tools` is a list; checked only for shape so a typo is reported, not silently kept.
  if (data['allowed-tools'] !== undefined && typeof data['allowed-tools'] !== 'string') {
    const tools = stringList(data['allowed-tools'], 'allowed-tools');
    if (!tools.ok) return invalid(tools.error);
  }
  return ok({ name: folder, description: description.trim(), scope, body });
}

export function skillToFrontmatter(skill: Skill): Record<string, unknown> {
  return { name: skill.name, description: skill.description };
}
