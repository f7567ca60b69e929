import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { parseSlug } from '../../domain/names';
import type { SourceRevision, StoreWriteError } from '../../domain/ports/agent-store.port';
import type { SkillStore } from '../../domain/ports/skill-store.port';
import { err, ok, type Result } from '../../domain/result';
import { resolveSkill, SKILL_SCOPES, type Skill, type SkillListing, type SkillScope } from '../../domain/skill';
import type { SkillInvalidError } from '../../domain/skill-validation';
import { isMissing, messageOf, moveToTrash, readTextNoFollow, revisionOf, writeFileAtomic } from './atomic-file';
import { checkFolders, LinkRefusedError } from '../shared/no-follow';
import { parseSkillFile, skillFile } from '../shared/persona-files';
import { frontmatterOnThisThread, type FrontmatterReader } from '../shared/yaml-frontmatter';
/**
 * Agent Skills folders: project `<root>/.tessera/skills/<name>/SKILL.md` and global
 * `<configDir>/tessera/skills/<name>/SKILL.md`. `configDir` is the platform's config base
 * (the composition root decides it), not the `tessera` folder inside it.
 */
export class MarkdownSkillStore implements SkillStore {
  private readonly dirs: Record<SkillScope, string>;
  private readonly trashDirs: Record<SkillScope, string>;

  constructor(
    options: { readonly projectRoot: string; readonly configDir: string },
    private readonly now: () => number = Date.now,
    private readonly frontmatter: FrontmatterReader = frontmatterOnThisThread,
  ) {
    this.dirs = { project: join(options.projectRoot, '.tessera', 'skills'), global: join(options.configDir, 'tessera', 'skills') };
    this.trashDirs = { project: join(options.projectRoot, '.tessera', 'trash'), global: join(options.configDir, 'tessera', 'trash') };
  }

  async list(): Promise<readonly SkillListing[]> {
    const all: SkillListing[] = [];
    for (const scope of SKILL_SCOPES) {
      let entries: Dirent[];
      try {
        // Project skills are checked for links; global ones live in the user's config, links and all.
        await checkFolders(this.dirs[scope], { create: false });
        entries = await readdir(this.dirs[scope], { withFileTypes: true });
      } catch (error) {
        if (isMissing(error)) continue;
        if (error instanceof LinkRefusedError) {
          all.push({ ok: false, broken: { name: '.tessera/skills', scope, error: error.message } });
          continue;
        }
        throw error;
      }
      const listings: SkillListing[] = [];
      for (const entry of entries) {
        if (entry.name.startsWith('.')) continue;
        if (entry.isSymbolicLink() && scope === 'project') {
          listings.push({ ok: false, broken: { name: entry.name, scope, error: `"${entry.name}" is a symbolic link, and Tessera follows no links inside .tessera` } });
          continue;
        }
        if (!entry.isDirectory()) continue;
        if (!parseSlug(entry.name).ok) {
          listings.push({ ok: false, broken: { name: entry.name, scope, error: `the folder name "${entry.name}" is not a skill name (a-z, 0-9 and -)` } });
          continue;
        }
        const listing = await this.get(entry.name, scope);
        listings.push(listing ?? { ok: false, broken: { name: entry.name, scope, error: 'the folder has no SKILL.md' } });
      }
      all.push(...listings.sort((a, b) => compare(nameOf(a), nameOf(b))));
    }
    return all;
  }

  async get(name: string, scope: SkillScope): Promise<SkillListing | undefined> {
    const read = await this.read(name, scope);
    if (read === undefined) return undefined;
    if (!read.ok) return { ok: false, broken: { name, scope, error: read.error } };
    const skill = await this.parse(name, scope, read.value);
    return skill.ok ? { ok: true, skill: skill.value } : { ok: false, broken: { name, scope, error: skill.error.message } };
  }

  resolve(name: string): Promise<Skill | undefined> {
    return resolveSkill(name, (n, scope) => this.get(n, scope));
  }

  async readSource(name: string, scope: SkillScope): Promise<SourceRevision | undefined> {
    const read = await this.read(name, scope);
    if (read === undefined || !read.ok) return undefined;
    return { source: read.value, revision: revisionOf(read.value) };
  }

  async parse(name: string, scope: SkillScope, source: string): Promise<Result<Skill, SkillInvalidError>> {
    return parseSkillFile(this.frontmatter, name, scope, source);
  }

  async save(skill: Skill): Promise<Result<void, StoreWriteError>> {
    const written = await this.writeSource(skill.name, skill.scope, skillFile(skill));
    return written.ok ? ok(undefined) : written;
  }

  async writeSource(name: string, scope: SkillScope, source: string): Promise<Result<SourceRevision, StoreWriteError>> {
    const written = await writeFileAtomic(join(this.folderOf(name, scope), 'SKILL.md'), source);
    return written.ok ? ok({ source, revision: revisionOf(source) }) : written;
  }

  async trash(name: string, scope: SkillScope): Promise<Result<string, StoreWriteError | { readonly kind: 'skill-not-found'; readonly name: string }>> {
    if ((await this.read(name, scope)) === undefined) return err({ kind: 'skill-not-found', name });
    // The whole folder goes: a skill may carry scripts and references beside its SKILL.md.
    return moveToTrash(this.folderOf(name, scope), this.trashDirs[scope], `skill-${name}`, '', this.now());
  }

  /**
   * undefined: no such skill; err: it is there but cannot be read. A linked skill folder is a skill
   * that cannot be read; a linked skills folder above it is no skill there (list() reports the folder).
   */
  private async read(name: string, scope: SkillScope): Promise<Result<string, string> | undefined> {
    if (!parseSlug(name).ok) return undefined;
    const folder = this.folderOf(name, scope);
    try {
      return ok(await readTextNoFollow(join(folder, 'SKILL.md')));
    } catch (error) {
      if (isMissing(error) || (error instanceof LinkRefusedError && error.path !== folder && !error.path.startsWith(folder + sep))) return undefined;
      return err(`SKILL.md cannot be read: ${messageOf(error)}`);
    }
  }

  private folderOf(name: string, scope: SkillScope): string {
    if (!parseSlug(name).ok) throw new Error(`not a skill name: ${JSON.stringify(name)}`);
    return join(this.dirs[scope], name);
  }
}

function nameOf(listing: SkillListing): string {
  return listing.ok ? listing.skill.name : listing.broken.name;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
