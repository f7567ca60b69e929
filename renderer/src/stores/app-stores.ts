import type { StoreApi } from 'zustand/vanilla';
import type { TesseraApi } from '../../../electron/contract/api';
import { createAgentsStore, type AgentsState } from './agents-store';
import { createLayoutStore, type LayoutState, type LayoutStoreOptions } from './layout-store';
import { createProjectStore, type ProjectState } from './project-store';
import { createSessionsStore, type SessionsState } from './sessions-store';
import { createSkillsStore, type SkillsState } from './skills-store';

export interface AppStores {
  api: TesseraApi;
  project: StoreApi<ProjectState>;
  agents: StoreApi<AgentsState>;
  skills: StoreApi<SkillsState>;
  sessions: StoreApi<SessionsState>;
  layout: StoreApi<LayoutState>;
  /** Fetches what the app shows: the current project and, when one is open, everything in it. */
  start(): Promise<void>;
  /** After a dropped connection: refetch the lists; the local layout is the newest, so it is saved, not reloaded. */
  resync(): Promise<void>;
  dispose(): void;
}

/**
 * Builds every store over one api and keeps them in step with the open project: when the project
 * changes (opened here, or pushed by project.changed) the per-project stores are cleared and refetched.
 */
export function createAppStores(api: TesseraApi, options: { layout?: LayoutStoreOptions } = {}): AppStores {
  const project = createProjectStore(api);
  const agents = createAgentsStore(api);
  const skills = createSkillsStore(api);
  const sessions = createSessionsStore(api);
  const layout = createLayoutStore(api, options.layout);
  let loadedRoot: string | null = null;

  const loadProject = async (root: string | null) => {
    if (root === loadedRoot) return;
    await layout.getState().flush();
    loadedRoot = root;
    agents.getState().clear();
    skills.getState().clear();
    sessions.getState().clear();
    layout.getState().reset();
    if (root === null) return;
    await Promise.all([
      agents.getState().refresh(),
      skills.getState().refresh(),
      sessions.getState().refresh(),
      project.getState().refreshProfiles(),
      layout.getState().load(),
    ]);
  };

  const unsubscribe = project.subscribe((state, previous) => {
    const root = state.project?.root ?? null;
    if (root !== (previous.project?.root ?? null)) void loadProject(root);
  });

  return {
    api,
    project,
    agents,
    skills,
    sessions,
    layout,
    async start() {
      await Promise.all([project.getState().refresh(), project.getState().refreshRecent()]);
      await loadProject(project.getState().project?.root ?? null);
    },
    async resync() {
      await project.getState().refresh();
      const root = project.getState().project?.root ?? null;
      if (root !== loadedRoot) {
        await loadProject(root);
        return;
      }
      if (root === null) return;
      await Promise.all([agents.getState().refresh(), skills.getState().refresh(), sessions.getState().refresh()]);
      if (layout.getState().loaded) await layout.getState().saveNow();
    },
    dispose() {
      unsubscribe();
      for (const store of [project, agents, skills, sessions, layout]) store.getState().dispose();
    },
  };
}
