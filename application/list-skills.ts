import type { SkillStore } from '../domain/ports/skill-store.port';
import type { SkillListing } from '../domain/skill';

/** Project skills, then global ones, broken ones included with their error. */
export class ListSkills {
  constructor(private readonly deps: { readonly skills: SkillStore }) {}

  async execute(): Promise<readonly SkillListing[]> {
    return this.deps.skills.list();
  }
}
