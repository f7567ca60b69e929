import type { Result } from '../result';
import type { Skill, SkillListing, SkillScope } from '../skill';
import type { SkillInvalidError } from '../skill-validation';
import type { SourceRevision, StoreWriteError } from './agent-store.port';

/**
 * Skills: project (`.tessera/skills/<name>/SKILL.md`) and global (`<config>/tessera/skills/`).
 * The folder name is the skill's name. A project skill shadows a global one of the same name in
 * `resolve`. Like agents: broken files are listed with their error and never rewritten; writes are
 * atomic; a name that is not a slug reads as missing, and writing one is a bug (throws).
 */
export interface SkillStore {
  /** Both scopes, project first, each sorted by name; broken files included. */
  list(): Promise<readonly SkillListing[]>;
  get(name: string, scope: SkillScope): Promise<SkillListing | undefined>;
  /** The skill an agent gets for this name: the project one if it parses, else the global one. */
  resolve(name: string): Promise<Skill | undefined>;
  readSource(name: string, scope: SkillScope): Promise<SourceRevision | undefined>;
  /** Reads a source the way `get` would read the file, without touching the disk. */
  parse(name: string, scope: SkillScope, source: string): Promise<Result<Skill, SkillInvalidError>>;
  save(skill: Skill): Promise<Result<void, StoreWriteError>>;
  writeSource(name: string, scope: SkillScope, source: string): Promise<Result<SourceRevision, StoreWriteError>>;
  /** Moves the whole skill folder to the scope's trash under a timestamped name; returns where it went. */
  trash(name: string, scope: SkillScope): Promise<Result<string, StoreWriteError | { readonly kind: 'skill-not-found'; readonly name: string }>>;
}
