import { parseSlug, type NameError } from '../domain/names';
import type { StoreWriteError } from '../domain/ports/agent-store.port';
import type { EventBus } from '../domain/ports/event-bus.port';
import type { SkillStore } from '../domain/ports/skill-store.port';
import { err, ok, type Result } from '../domain/result';
import type { SkillScope } from '../domain/skill';
import type { SkillInvalidError } from '../domain/skill-validation';
import { skillDocument, type SkillDocument } from './skill-document';

export interface UpdateSkillInput {
  readonly name: string;
  readonly scope: SkillScope;
  /** The whole SKILL.md as the editor holds it. */
  readonly source: string;
  /** As in UpdateAgent: a conflict check, and the proof that a file deleted since it was opened may be written again. */
  readonly revision?: string;
}

export type UpdateSkillError =
  | NameError
  | { readonly kind: 'skill-not-found'; readonly name: string }
  | { readonly kind: 'revision-conflict'; readonly name: string; readonly revision: string }
  | SkillInvalidError
  | StoreWriteError;

/**
 * Saves the editor's SKILL.md text; the folder name stays the skill's name. Invalid text is refused,
 * nothing written. A SKILL.md deleted while its editor was open (a revision is given) is written again.
 */
export class UpdateSkill {
  constructor(private readonly deps: { readonly skills: SkillStore; readonly events: EventBus }) {}

  async execute(input: UpdateSkillInput): Promise<Result<SkillDocument, UpdateSkillError>> {
    const name = parseSlug(input.name);
    if (!name.ok) return name;
    const current = await this.deps.skills.readSource(name.value, input.scope);
    if (!current && input.revision === undefined) return err({ kind: 'skill-not-found', name: name.value });
    if (current && input.revision !== undefined && input.revision !== current.revision) {
      return err({ kind: 'revision-conflict', name: name.value, revision: current.revision });
    }
    const parsed = await this.deps.skills.parse(name.value, input.scope, input.source);
    if (!parsed.ok) return parsed;
    const written = await this.deps.skills.writeSource(name.value, input.scope, input.source);
    if (!written.ok) return written;
    this.deps.events.publish({ type: 'skills.changed' });
    return ok(await skillDocument(this.deps.skills, name.value, input.scope, written.value.source, written.value.revision));
  }
}
