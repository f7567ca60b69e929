import type { SkillStore } from '../domain/ports/skill-store.port';
import type { SkillListing, SkillScope } from '../domain/skill';

/** What the editor gets for one SKILL.md: the parsed skill (or its error), and the text it came from. */
export interface SkillDocument {
  readonly name: string;
  readonly scope: SkillScope;
  readonly listing: SkillListing;
  readonly source: string;
  readonly revision: string;
}

export async function skillDocument(skills: SkillStore, name: string, scope: SkillScope, source: string, revision: string): Promise<SkillDocument> {
  const parsed = await skills.parse(name, scope, source);
  const listing: SkillListing = parsed.ok ? { ok: true, skill: parsed.value } : { ok: false, broken: { name, scope, error: parsed.error.message } };
  return { name, scope, listing, source, revision };
}
