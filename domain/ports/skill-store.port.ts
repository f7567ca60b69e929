import type { Result } from '../result';
import type { Skill, SkillListing, SkillScope } from '../skill';
import type { StoreWriteError } from './agent-store.port';

/**
 * Skills: project (`.tessera/skills/<name>/SKILL.md`) and global (`<config>/tessera/skills/`).
 * A project skill shadows a global one of the same name in `resolve`.
 */
export interface SkillStore {
  /** Both scopes, project first, each sorted by name; broken files included. */
  list(): Promise<readonly SkillListing[]>;
  get(name: string, scope: SkillScope): Promise<SkillListing | undefined>;
  /** The skill an agent gets for this name: the project one if it exists, else the global one. */
  resolve(name: string): Promise<Skill | undefined>;
  save(skill: Skill): Promise<Result<void, StoreWriteError>>;
  trash(name: string, scope: SkillScope): Promise<Result<string, StoreWriteError | { readonly kind: 'skill-not-found'; readonly name: string }>>;
}
