import { parseSlug, type NameError } from '../domain/names';
import type { SkillStore } from '../domain/ports/skill-store.port';
import { err, ok, type Result } from '../domain/result';
import type { SkillScope } from '../domain/skill';
import { skillDocument, type SkillDocument } from './skill-document';

export type GetSkillError = NameError | { readonly kind: 'skill-not-found'; readonly name: string };

export class GetSkill {
  constructor(private readonly deps: { readonly skills: SkillStore }) {}

  async execute(input: { readonly name: string; readonly scope: SkillScope }): Promise<Result<SkillDocument, GetSkillError>> {
    const name = parseSlug(input.name);
    if (!name.ok) return name;
    const file = await this.deps.skills.readSource(name.value, input.scope);
    if (!file) return err({ kind: 'skill-not-found', name: name.value });
    return ok(await skillDocument(this.deps.skills, name.value, input.scope, file.source, file.revision));
  }
}
