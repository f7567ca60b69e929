import type { Agent } from '../domain/agent';
import { subagentArgs } from '../domain/claude-import';
import { slugify } from '../domain/names';
import type { AgentStore } from '../domain/ports/agent-store.port';
import type { ClaudeImportSource } from '../domain/ports/claude-import-source.port';
import type { StoreWriteError } from '../domain/ports/agent-store.port';
import type { EventBus } from '../domain/ports/event-bus.port';
import type { ProjectTrust } from '../domain/ports/project-trust.port';
import type { SkillStore } from '../domain/ports/skill-store.port';
import { err, ok, type Result } from '../domain/result';

export interface ImportReport {
  /** Slugs of the agents created. */
  readonly agents: readonly string[];
  /** Names of the project skills created. */
  readonly skills: readonly string[];
  /** Everything found but not imported, with why: existing names are never overwritten. */
  readonly skipped: readonly { readonly name: string; readonly reason: string }[];
}

export interface ImportAgentsDeps {
  readonly agents: AgentStore;
  readonly skills: SkillStore;
  readonly source: ClaudeImportSource;
  readonly events: EventBus;
  /** The project's trust: imported agents count as the project's own. */
  readonly trust: { readonly projectRoot: string; readonly trust: ProjectTrust };
}

/**
 * Imports the ecosystem's own files: Claude subagents become agents with the claude profile (their
 * model and tool list kept as CLI args), `.claude/skills` become project skills (SKILL.md copied as
 * it is). Running it twice imports nothing new the second time.
 *
 * The repository chose those files, and a subagent's tool list becomes `--allowedTools`, tools that
 * then run without asking. So imported agents count as the project's own: before the first one is
 * written, the project's trust is withdrawn, and the next launch asks "Trust this project?" with
 * every command line and what it grants in front of the user. If trust cannot be withdrawn, nothing
 * is imported.
 */
export class ImportAgents {
  constructor(private readonly deps: ImportAgentsDeps) {}

  async execute(): Promise<Result<ImportReport, StoreWriteError>> {
    const agents: string[] = [];
    const skills: string[] = [];
    const skipped: { name: string; reason: string }[] = [];
    const toSave: Agent[] = [];

    for (const candidate of await this.deps.source.subagents()) {
      if (!candidate.result.ok) {
        skipped.push({ name: candidate.file, reason: candidate.result.error });
        continue;
      }
      const subagent = candidate.result.value;
      const slug = slugify(subagent.name);
      if (!slug.ok) {
        skipped.push({ name: subagent.name, reason: slug.error.kind === 'name-empty' ? 'the name is empty' : `the name ${slug.error.reason}` });
        continue;
      }
      if ((await this.deps.agents.get(slug.value)) || toSave.some((a) => a.slug === slug.value)) {
        skipped.push({ name: subagent.name, reason: `an agent "${slug.value}" already exists` });
        continue;
      }
      toSave.push({
        slug: slug.value,
        name: subagent.name,
        profile: 'claude',
        skills: [],
        workspace: 'run-dir',
        args: subagentArgs(subagent),
        env: {},
        persona: subagent.prompt,
      });
    }
    if (toSave.length > 0) {
      const withdrawn = await this.deps.trust.trust.distrust(this.deps.trust.projectRoot);
      if (!withdrawn.ok) return err(withdrawn.error);
    }
    for (const agent of toSave) {
      const saved = await this.deps.agents.save(agent);
      if (saved.ok) agents.push(agent.slug);
      else skipped.push({ name: agent.name, reason: `could not be written: ${saved.error.message}` });
    }

    for (const candidate of await this.deps.source.skills()) {
      if (!candidate.result.ok) {
        skipped.push({ name: candidate.file, reason: candidate.result.error });
        continue;
      }
      const { folder, source } = candidate.result.value;
      const name = slugify(folder);
      if (!name.ok) {
        skipped.push({ name: folder, reason: name.error.kind === 'name-empty' ? 'the name is empty' : `the name ${name.error.reason}` });
        continue;
      }
      if ((await this.deps.skills.get(name.value, 'project')) || skills.includes(name.value)) {
        skipped.push({ name: folder, reason: `a project skill "${name.value}" already exists` });
        continue;
      }
      const parsed = await this.deps.skills.parse(name.value, 'project', source);
      if (!parsed.ok) {
        skipped.push({ name: folder, reason: parsed.error.message });
        continue;
      }
      const written = await this.deps.skills.writeSource(name.value, 'project', source);
      if (written.ok) skills.push(name.value);
      else skipped.push({ name: folder, reason: `could not be written: ${written.error.message}` });
    }

    if (agents.length > 0) this.deps.events.publish({ type: 'agents.changed' });
    if (skills.length > 0) this.deps.events.publish({ type: 'skills.changed' });
    return ok({ agents, skills, skipped });
  }
}
