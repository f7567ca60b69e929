import { parseSlug } from '../../domain/names';
import type { SourceRevision, StoreWriteError } from '../../domain/ports/agent-store.port';
import type { SkillStore } from '../../domain/ports/skill-store.port';
import { err, ok, type Result } from '../../domain/result';
import { resolveSkill, SKILL_SCOPES, type Skill, type SkillListing, type SkillScope } from '../../domain/skill';
import type { SkillInvalidError } from '../../domain/skill-validation';
import { revisionOf } from './in-memory-agent-store';
import { parseSkillFile, skillFile } from '../shared/persona-files';
import { frontmatterOnThisThread } from '../shared/yaml-frontmatter';
/** SKILL.md files held in memory, by scope: the same format and rules as MarkdownSkillStore (one contract). */
export class InMemorySkillStore implements SkillStore {
  private readonly files = { project: new Map<string, string>(), global: new Map<string, string>() };
  readonly trashed: { readonly name: string; readonly scope: SkillScope; readonly source: string; readonly to: string }[] = [];

  constructor(private readonly now: () => number = () => 0) {}

  async list(): Promise<readonly SkillListing[]> {
    return Promise.all(SKILL_SCOPES.flatMap((scope) => [...this.files[scope].keys()].sort().map((name) => this.listing(name, scope, this.files[scope].get(name) ?? ''))));
  }

  async get(name: string, scope: SkillScope): Promise<SkillListing | undefined> {
    const source = this.source(name, scope);
    return source === undefined ? undefined : this.listing(name, scope, source);
  }

  resolve(name: string): Promise<Skill | undefined> {
    return resolveSkill(name, (n, scope) => this.get(n, scope));
  }

  async readSource(name: string, scope: SkillScope): Promise<SourceRevision | undefined> {
    const source = this.source(name, scope);
    return source === undefined ? undefined : { source, revision: revisionOf(source) };
  }

  async parse(name: string, scope: SkillScope, source: string): Promise<Result<Skill, SkillInvalidError>> {
    return parseSkillFile(frontmatterOnThisThread, name, scope, source);
  }

  async save(skill: Skill): Promise<Result<void, StoreWriteError>> {
    const written = await this.writeSource(skill.name, skill.scope, skillFile(skill));
    return written.ok ? ok(undefined) : written;
  }

  async writeSource(name: string, scope: SkillScope, source: string): Promise<Result<SourceRevision, StoreWriteError>> {
    if (!parseSlug(name).ok) throw new Error(`not a skill name: ${JSON.stringify(name)}`);
    this.files[scope].set(name, source);
    return ok({ source, revision: revisionOf(source) });
  }

  async trash(name: string, scope: SkillScope): Promise<Result<string, StoreWriteError | { readonly kind: 'skill-not-found'; readonly name: string }>> {
    const source = this.source(name, scope);
    if (source === undefined) return err({ kind: 'skill-not-found', name });
    const to = `${scope}:trash/${name}-${this.now()}-${this.trashed.length + 1}`;
    this.files[scope].delete(name);
    this.trashed.push({ name, scope, source, to });
    return ok(to);
  }

  private source(name: string, scope: SkillScope): string | undefined {
    return parseSlug(name).ok ? this.files[scope].get(name) : undefined;
  }

  private async listing(name: string, scope: SkillScope, source: string): Promise<SkillListing> {
    const skill = await this.parse(name, scope, source);
    return skill.ok ? { ok: true, skill: skill.value } : { ok: false, broken: { name, scope, error: skill.error.message } };
  }
}
