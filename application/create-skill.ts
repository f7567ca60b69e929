import { parseSlug, slugify, type NameError } from '../domain/names';
import { parseNewSkill, type SkillFieldError } from '../domain/skill-validation';
import type { StoreWriteError } from '../domain/ports/agent-store.port';
import type { EventBus } from '../domain/ports/event-bus.port';
import type { SkillStore } from '../domain/ports/skill-store.port';
import { err, ok, type Result } from '../domain/result';
import type { Skill, SkillScope } from '../domain/skill';

export interface CreateSkillInput {
  /** The skill's name and its folder's: lower-case letters, digits and hyphens, as the Agent Skills format expects. */
  readonly name: string;
  readonly description?: string;
  readonly body?: string;
  readonly scope?: SkillScope;
}

export type CreateSkillError = NameError | SkillFieldError | { readonly kind: 'skill-exists'; readonly name: string; readonly scope: SkillScope } | StoreWriteError;

export class CreateSkill {
  constructor(private readonly deps: { readonly skills: SkillStore; readonly events: EventBus }) {}

  async execute(input: CreateSkillInput): Promise<Result<Skill, CreateSkillError>> {
    const checked = parseNewSkill({ name: input.name, description: input.description ?? '' }, (name) => {
      const slug = slugify(name);
      return slug.ok ? slug.value : undefined;
    });
    if (!checked.ok) return checked;
    const name = parseSlug(checked.value.name);
    if (!name.ok) return name;
    const scope = input.scope ?? 'project';
    if (await this.deps.skills.get(name.value, scope)) return err({ kind: 'skill-exists', name: name.value, scope });
    const skill: Skill = { name: name.value, description: checked.value.description, scope, body: input.body ?? '' };
    const saved = await this.deps.skills.save(skill);
    if (!saved.ok) return saved;
    this.deps.events.publish({ type: 'skills.changed' });
    return ok(skill);
  }
}
