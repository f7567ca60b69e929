import { InMemoryEventBus } from '../../adapters/events/in-memory-event-bus';
import { ClaudeDirImportSource } from '../../adapters/fs-stores/claude-dir-import-source';
import { JsonLayoutStore } from '../../adapters/fs-stores/json-layout-store';
import { MarkdownAgentStore } from '../../adapters/fs-stores/markdown-agent-store';
import { MarkdownSkillStore } from '../../adapters/fs-stores/markdown-skill-store';
import { CreateAgent } from '../../application/create-agent';
import { CreateSkill } from '../../application/create-skill';
import { DeleteAgent } from '../../application/delete-agent';
import { DeleteSkill } from '../../application/delete-skill';
import { GetAgent } from '../../application/get-agent';
import { GetLayout } from '../../application/get-layout';
import { GetSkill } from '../../application/get-skill';
import { ImportAgents } from '../../application/import-agents';
import { ListAgents } from '../../application/list-agents';
import type { ListProfiles } from '../../application/list-profiles';
import { ListSkills } from '../../application/list-skills';
import type { OpenProjectError } from '../../application/open-project';
import { SaveLayout } from '../../application/save-layout';
import { UpdateAgent } from '../../application/update-agent';
import { UpdateSkill } from '../../application/update-skill';
import type { AgentStore } from '../../domain/ports/agent-store.port';
import type { EventBus } from '../../domain/ports/event-bus.port';
import type { ProfileStore } from '../../domain/ports/profile-store.port';
import type { SkillStore } from '../../domain/ports/skill-store.port';
import type { Result } from '../../domain/result';
import { adapters, type ProcessWiring } from './process-wiring';

/** One project's agents, skills and layout: its stores, its event bus and the use cases over them. */
export interface ProjectCatalog {
  readonly root: string;
  readonly events: EventBus;
  readonly stores: { readonly agents: AgentStore; readonly skills: SkillStore; readonly profiles: ProfileStore };
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
  readonly getLayout: GetLayout;
  readonly saveLayout: SaveLayout;
}

/** `root` must be an opened project (OpenProject made its `.tessera/`). */
export function wireProjectCatalog(proc: ProcessWiring, root: string): ProjectCatalog {
  const { clock, frontmatter, trust } = adapters(proc);
  const now = () => clock.now();
  const events = new InMemoryEventBus((error) => proc.log('event listener failed', error));
  const agents = new MarkdownAgentStore(root, now, frontmatter);
  const skills = new MarkdownSkillStore({ projectRoot: root, configDir: proc.configDir }, now, frontmatter);
  const profiles = proc.profiles;
  const layouts = new JsonLayoutStore(root);
  const source = new ClaudeDirImportSource(root, frontmatter);
  return {
    root,
    events,
    stores: { agents, skills, profiles },
    listAgents: new ListAgents({ agents }),
    getAgent: new GetAgent({ agents }),
    createAgent: new CreateAgent({ agents, profiles, events }),
    updateAgent: new UpdateAgent({ agents, profiles, events }),
    deleteAgent: new DeleteAgent({ agents, events }),
    importAgents: new ImportAgents({ agents, skills, source, events, trust: { projectRoot: root, trust } }),
    listSkills: new ListSkills({ skills }),
    getSkill: new GetSkill({ skills }),
    createSkill: new CreateSkill({ skills, events }),
    updateSkill: new UpdateSkill({ skills, events }),
    deleteSkill: new DeleteSkill({ skills, events }),
    listProfiles: proc.listProfiles,
    getLayout: new GetLayout({ layouts }),
    saveLayout: new SaveLayout({ layouts, events }),
  };
}

/** Opens (and on first open initializes) the project at `path`, then wires its catalog. */
export async function openProjectCatalog(proc: ProcessWiring, path: string): Promise<Result<ProjectCatalog, OpenProjectError>> {
  const opened = await proc.openProject.execute({ path });
  if (!opened.ok) return opened;
  return { ok: true, value: wireProjectCatalog(proc, opened.value.root) };
}
