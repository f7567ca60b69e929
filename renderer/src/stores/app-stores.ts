import type { StoreApi } from 'zustand/vanilla';
import type { TesseraApi } from '../../../contract/api';
import { createAgentsStore, type AgentsState } from './agents-store';
import { createLayoutStore, type LayoutState, type LayoutStoreOptions } from './layout-store';
import { createNotificationsStore, type NotificationsState } from './notifications-store';
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
  /** Notification settings, attention badges and toasts (issue 5); kept across projects. */
  notifications: StoreApi<NotificationsState>;
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
export function createAppStores(
  api: TesseraApi,
  options: { layout?: LayoutStoreOptions; storage?: Pick<Storage, 'getItem' | 'setItem'> } = {},
): AppStores {
  const project = createProjectStore(api);
  const agents = createAgentsStore(api);
  const skills = createSkillsStore(api);
  const sessions = createSessionsStore(api);
  const layout = createLayoutStore(api, options.layout);
  const notifications = createNotificationsStore(options.storage ?? (typeof localStorage === 'undefined' ? undefined : localStorage));
  let loadedRoot: string | null = null;

  const loadProject = async (root: string | null) => {
    if (root === loadedRoot) return;
    await layout.getState().flush();
    loadedRoot = root;
    agents.getState().clear();
    skills.getState().clear();
    sessions.getState().clear();
    layout.getState().reset();
    // Attention is per agent slug, and another project may reuse a slug.
    notifications.setState({ attention: {} });
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
    notifications,
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
