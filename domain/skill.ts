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
