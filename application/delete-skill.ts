import { parseSlug, type NameError } from '../domain/names';
import type { StoreWriteError } from '../domain/ports/agent-store.port';
import type { EventBus } from '../domain/ports/event-bus.port';
import type { SkillStore } from '../domain/ports/skill-store.port';
import { ok, type Result } from '../domain/result';
import type { SkillScope } from '../domain/skill';

export type DeleteSkillError = NameError | { readonly kind: 'skill-not-found'; readonly name: string } | StoreWriteError;

/** Moves the skill folder to its scope's trash: never destroyed. */
export class DeleteSkill {
  constructor(private readonly deps: { readonly skills: SkillStore; readonly events: EventBus }) {}

  async execute(input: { readonly name: string; readonly scope: SkillScope }): Promise<Result<{ readonly trashedTo: string }, DeleteSkillError>> {
    const name = parseSlug(input.name);
    if (!name.ok) return name;
    const trashed = await this.deps.skills.trash(name.value, input.scope);
    if (!trashed.ok) return trashed;
    this.deps.events.publish({ type: 'skills.changed' });
    return ok({ trashedTo: trashed.value });
  }
}
