import { homedir } from 'node:os';
import { InMemoryEventBus } from '../adapters/events/in-memory-event-bus';
import { ClaudeDirImportSource } from '../adapters/fs-stores/claude-dir-import-source';
import { JsonLayoutStore } from '../adapters/fs-stores/json-layout-store';
import { JsonProjectTrust } from '../adapters/fs-stores/json-project-trust';
import { MarkdownAgentStore } from '../adapters/fs-stores/markdown-agent-store';
import { MarkdownSkillStore } from '../adapters/fs-stores/markdown-skill-store';
import { NodeFileSystem } from '../adapters/node-fs/node-file-system';
import { builtinProfiles } from '../adapters/profiles/builtin-profiles';
import type { FrontmatterReader } from '../adapters/shared/yaml-frontmatter';
import { JsonProfileStore } from '../adapters/profiles/json-profile-store';
import { CreateAgent } from '../application/create-agent';
import { CreateSkill } from '../application/create-skill';
import { DeleteAgent } from '../application/delete-agent';
import { DeleteSkill } from '../application/delete-skill';
import { GetAgent } from '../application/get-agent';
import { GetLayout } from '../application/get-layout';
import { GetSkill } from '../application/get-skill';
import { ImportAgents } from '../application/import-agents';
import { ListAgents } from '../application/list-agents';
import { ListProfiles } from '../application/list-profiles';
import { ListSkills } from '../application/list-skills';
import { OpenProject, type OpenProjectError, type Project } from '../application/open-project';
import { SaveLayout } from '../application/save-layout';
import { SaveProfile } from '../application/save-profile';
import { UpdateAgent } from '../application/update-agent';
import { UpdateSkill } from '../application/update-skill';
import type { AgentStore } from '../domain/ports/agent-store.port';
import type { EventBus } from '../domain/ports/event-bus.port';
import type { LayoutStore } from '../domain/ports/layout-store.port';
import type { ProfileStore } from '../domain/ports/profile-store.port';
import type { ProjectTrust } from '../domain/ports/project-trust.port';
import type { SkillStore } from '../domain/ports/skill-store.port';
import type { Result } from '../domain/result';

export interface ProjectServiceOptions {
  /** The user config base (`<config>`; Tessera's files live in `<config>/tessera/`), see server/config-dir.ts. */
  readonly configDir: string;
  /** The process environment: the shell profile runs `$SHELL`. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The app's one bus, so transports hear every project's events; a private one when omitted. */
  readonly events?: EventBus;
  /** Time for trash names; tests pin it. */
  readonly now?: () => number;
  /** Where persona and SKILL.md frontmatter is parsed: the host's own thread for it; this thread when omitted. */
  readonly frontmatter?: FrontmatterReader;
  /** The user's project trust (the host shares its own); read from `<config>/tessera/trusted.json` when omitted. */
  readonly trust?: ProjectTrust;
}

/** The stores and use cases for agents, skills, profiles and layout of one open project. */
export interface ProjectServices {
  readonly root: string;
  readonly events: EventBus;
  readonly stores: { readonly agents: AgentStore; readonly skills: SkillStore; readonly profiles: ProfileStore; readonly layouts: LayoutStore };
  readonly listAgents: ListAgents;
  readonly getAgent: GetAgent;
  readonly createAgent: CreateAgent;
  readonly updateAgent: UpdateAgent;
  readonly deleteAgent: DeleteAgent;
  readonly importAgents: ImportAgents;
  readonly listSkills: ListSkills;
  readonly getSkill: GetSkill;
  readonly createSkill: CreateSkill;
  readonly updateSkill: UpdateSkill;
  readonly deleteSkill: DeleteSkill;
  readonly listProfiles: ListProfiles;
  readonly saveProfile: SaveProfile;
  readonly getLayout: GetLayout;
  readonly saveLayout: SaveLayout;
}

/**
 * The composition root for one project's agents, skills, profiles and layout: the one place these
 * adapters are built. `root` must be an opened project (see openProjectServices); session wiring
 * lives beside this in session-services.ts.
 */
export function buildProjectServices(root: string, options: ProjectServiceOptions): ProjectServices {
  const now = options.now ?? Date.now;
  const events = options.events ?? new InMemoryEventBus();
  const agents = new MarkdownAgentStore(root, now, options.frontmatter);
  const skills = new MarkdownSkillStore({ projectRoot: root, configDir: options.configDir }, now, options.frontmatter);
  const profiles = new JsonProfileStore(options.configDir, builtinProfiles(options.env));
  const layouts = new JsonLayoutStore(root);
  const source = new ClaudeDirImportSource(root, options.frontmatter);
  return {
    root,
    events,
    stores: { agents, skills, profiles, layouts },
    listAgents: new ListAgents({ agents }),
    getAgent: new GetAgent({ agents }),
    createAgent: new CreateAgent({ agents, profiles, events }),
    updateAgent: new UpdateAgent({ agents, profiles, events }),
    deleteAgent: new DeleteAgent({ agents, events }),
    importAgents: new ImportAgents({ agents, skills, source, events, trust: { projectRoot: root, trust: options.trust ?? new JsonProjectTrust(options.configDir) } }),
    listSkills: new ListSkills({ skills }),
    getSkill: new GetSkill({ skills }),
    createSkill: new CreateSkill({ skills, events }),
    updateSkill: new UpdateSkill({ skills, events }),
    deleteSkill: new DeleteSkill({ skills, events }),
    listProfiles: new ListProfiles({ profiles }),
    saveProfile: new SaveProfile({ profiles }),
    getLayout: new GetLayout({ layouts }),
    saveLayout: new SaveLayout({ layouts, events }),
  };
}

/** OpenProject on the real file system (relative paths resolve against the process' cwd); `home` is never a project. */
export function createOpenProject(home: string = homedir()): OpenProject {
  return new OpenProject({ fs: new NodeFileSystem(), home });
}

/** Opens (and on first open initializes) the project at `path`, then builds its services. */
export async function openProjectServices(
  path: string,
  options: ProjectServiceOptions,
): Promise<Result<{ readonly project: Project; readonly services: ProjectServices }, OpenProjectError>> {
  const opened = await createOpenProject(options.env.HOME || homedir()).execute({ path });
  if (!opened.ok) return opened;
  return { ok: true, value: { project: opened.value, services: buildProjectServices(opened.value.root, options) } };
}
