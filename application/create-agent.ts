import type { Agent, RestartPolicy, WorkspaceMode } from '../domain/agent';
import { DEFAULT_PROFILE } from '../domain/agent-validation';
import { parseDisplayName, parseSlug, slugify, type NameError } from '../domain/names';
import type { AgentStore, StoreWriteError } from '../domain/ports/agent-store.port';
import type { EventBus } from '../domain/ports/event-bus.port';
import type { ProfileStore } from '../domain/ports/profile-store.port';
import { err, ok, type Result } from '../domain/result';

export interface CreateAgentInput {
  readonly name: string;
  /** Defaults to claude. */
  readonly profile?: string;
  readonly persona?: string;
  /** Skills that do not exist yet are accepted (a skill may come later); they are reported at create, in lists and at launch. */
  readonly skills?: readonly string[];
  readonly workspace?: WorkspaceMode;
  /** Absent or `never` writes no `restart` key: the file stays as short as the default allows. */
  readonly restart?: RestartPolicy;
}

export type CreateAgentError =
  | NameError
  | { readonly kind: 'profile-not-found'; readonly profileId: string }
  | { readonly kind: 'agent-exists'; readonly slug: string }
  | { readonly kind: 'injection-unsupported-in-project-mode'; readonly target: string }
  | StoreWriteError;

export class CreateAgent {
  constructor(private readonly deps: { readonly agents: AgentStore; readonly profiles: ProfileStore; readonly events: EventBus }) {}

  async execute(input: CreateAgentInput): Promise<Result<Agent, CreateAgentError>> {
    const name = parseDisplayName(input.name);
    if (!name.ok) return name;
    const slug = slugify(name.value);
    if (!slug.ok) return slug;
    const profileId = input.profile?.trim() || DEFAULT_PROFILE;
    const profile = await this.deps.profiles.get(profileId);
    if (!profile) return err({ kind: 'profile-not-found', profileId });
    // The launch would refuse it: a context file in the working directory is the user's own file there.
    if (input.workspace === 'project' && profile.inject.kind === 'convention-file') {
      return err({ kind: 'injection-unsupported-in-project-mode', target: profile.inject.target });
    }
    const skills = [...new Set((input.skills ?? []).map((s) => s.trim()))];
    for (const skill of skills) {
      // A skill name becomes a folder name at launch: the same rules as any name.
      const checked = parseSlug(skill);
      if (!checked.ok) return checked;
    }
    // A broken file under this slug counts too: creating would overwrite the user's text.
    if (await this.deps.agents.get(slug.value)) return err({ kind: 'agent-exists', slug: slug.value });

    const agent: Agent = {
      slug: slug.value,
      name: name.value,
      profile: profileId,
      skills,
      workspace: input.workspace ?? 'run-dir',
      args: [],
      env: {},
      persona: input.persona ?? '',
      ...(input.restart === 'on-failure' ? { restart: input.restart } : {}),
    };
    const saved = await this.deps.agents.save(agent);
    if (!saved.ok) return saved;
    this.deps.events.publish({ type: 'agents.changed' });
    return ok(agent);
  }
}
