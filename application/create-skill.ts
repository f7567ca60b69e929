import { slugify, type NameError } from '../domain/names';
import type { StoreWriteError } from '../domain/ports/agent-store.port';
import type { EventBus } from '../domain/ports/event-bus.port';
import type { SkillStore } from '../domain/ports/skill-store.port';
import { err, ok, type Result } from '../domain/result';
import type { Skill, SkillScope } from '../domain/skill';

export interface CreateSkillInput {
  /** Any display name; the folder (and the skill's name) is its slug, as the Agent Skills format expects. */
  readonly name: string;
  readonly description?: string;
  readonly body?: string;
  readonly scope?: SkillScope;
}

export type CreateSkillError = NameError | { readonly kind: 'skill-exists'; readonly name: string; readonly scope: SkillScope } | StoreWriteError;

export class CreateSkill {
  constructor(private readonly deps: { readonly skills: SkillStore; readonly events: EventBus }) {}

  async execute(input: CreateSkillInput): Promise<Result<Skill, CreateSkillError>> {
    const name = slugify(input.name);
    if (!name.ok) return name;
    const scope = input.scope ?? 'project';
    if (await this.deps.skills.get(name.value, scope)) return err({ kind: 'skill-exists', name: name.value, scope });
    const skill: Skill = { name: name.value, description: (input.description ?? '').trim(), scope, body: input.body ?? '' };
    const saved = await this.deps.skills.save(skill);
    if (!saved.ok) return saved;
    this.deps.events.publish({ type: 'skills.changed' });
    return ok(skill);
  }
}
