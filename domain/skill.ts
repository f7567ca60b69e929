/** A skill is a `SKILL.md` folder in the Agent Skills format (frontmatter name, description). */
export type SkillScope = 'project' | 'global';

export interface Skill {
  readonly name: string;
  readonly description: string;
  readonly scope: SkillScope;
  /** The markdown body. */
  readonly body: string;
}

export interface BrokenSkill {
  readonly name: string;
  readonly scope: SkillScope;
  readonly error: string;
}

export type SkillListing = { readonly ok: true; readonly skill: Skill } | { readonly ok: false; readonly broken: BrokenSkill };

/** Project skills first: listing order, and the precedence when both scopes hold a name. */
export const SKILL_SCOPES: readonly SkillScope[] = ['project', 'global'];

/**
 * The skill an agent gets for a name: the project's own if it parses, else the global one.
 * One rule for every SkillStore, so the fake and the real store cannot disagree on it.
 */
export async function resolveSkill(
  name: string,
  get: (name: string, scope: SkillScope) => Promise<SkillListing | undefined>,
): Promise<Skill | undefined> {
  for (const scope of SKILL_SCOPES) {
    const listing = await get(name, scope);
    if (listing?.ok) return listing.skill;
  }
  return undefined;
}
