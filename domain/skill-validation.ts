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

/** The Agent Skills format's limits on a skill's `name` and `description`. */
export const SKILL_LIMITS = { name: 64, description: 1024 } as const;

export type SkillFieldError =
  | { readonly kind: 'skill-name-invalid'; readonly name: string; readonly suggestion?: string }
  | { readonly kind: 'skill-description-missing' }
  | { readonly kind: 'skill-description-too-long'; readonly max: number };

/**
 * A new skill's name and description as the Agent Skills format requires them: the name is the
 * folder's name, lower-case letters, digits and single hyphens, so a name that is not one is refused
 * with the one it could be instead of being changed behind the user's back; the description says
 * what the skill is for (agents choose skills by it), so it cannot be empty.
 */
export function parseNewSkill(input: { readonly name: string; readonly description: string }, suggest: (name: string) => string | undefined): Result<{ name: string; description: string }, SkillFieldError> {
  const name = input.name.trim();
  if (name.length > SKILL_LIMITS.name || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(name)) {
    const suggestion = suggest(name);
    return err({ kind: 'skill-name-invalid', name, ...(suggestion !== undefined && suggestion !== name ? { suggestion } : {}) });
  }
  const description = input.description.trim();
  if (description === '') return err({ kind: 'skill-description-missing' });
  if (description.length > SKILL_LIMITS.description) return err({ kind: 'skill-description-too-long', max: SKILL_LIMITS.description });
  return ok({ name, description });
}
