import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TesseraApi } from '../../../contract/api';
import type { ProfileDto, ProjectDto, ProjectTrustDto, RecentProjectDto, Response } from '../../../contract/contract';

export interface ProjectState {
  project: ProjectDto | null;
  recent: RecentProjectDto[];
  profiles: ProfileDto[];
  /** False until project.current answered: the app shows nothing rather than flash the welcome screen. */
  loaded: boolean;
  /**
   * Whether the agents whose panes were open are launched again when this project opens: the user's
   * choice, kept in user config (project.trustInfo / project.setRelaunchOnOpen), never in the
   * project's files, which a cloned repository controls. False until read for the open project.
   */
  relaunchOnOpen: boolean;
  refresh(): Promise<void>;
  refreshRecent(): Promise<void>;
  refreshProfiles(): Promise<void>;
  /** Reads the open project's trust and relaunch choice; undefined when it cannot, or the project changed meanwhile. */
  refreshTrust(): Promise<ProjectTrustDto | undefined>;
  setRelaunchOnOpen(enabled: boolean): Promise<void>;
  open(path: string): Promise<Response<ProjectDto>>;
  dispose(): void;
}

export function createProjectStore(api: TesseraApi): StoreApi<ProjectState> {
  // Another project's relaunch choice is not this one's.
  const showProject = (project: ProjectDto | null) =>
    store.setState((s) => ({ project, loaded: true, ...(s.project?.root === project?.root ? {} : { relaunchOnOpen: false }) }));
  const store = createStore<ProjectState>()((set, get) => ({
    project: null,
    recent: [],
    profiles: [],
    loaded: false,
    relaunchOnOpen: false,
    async refresh() {
      const response = await api.call('project.current', {});
      if (response.ok) showProject(response.value);
      else set({ loaded: true });
    },
    async refreshRecent() {
      const response = await api.call('project.recent', {});
      if (response.ok) set({ recent: response.value });
    },
    async refreshProfiles() {
      const response = await api.call('profiles.list', {});
      if (response.ok) set({ profiles: response.value });
    },
    async refreshTrust() {
      const root = get().project?.root;
      const response = await api.call('project.trustInfo', {});
      if (!response.ok || !root || get().project?.root !== root) return undefined;
      set({ relaunchOnOpen: response.value.relaunchOnOpen });
      return response.value;
    },
    async setRelaunchOnOpen(enabled) {
      const before = get().relaunchOnOpen;
      const root = get().project?.root;
      set({ relaunchOnOpen: enabled });
      const response = await api.call('project.setRelaunchOnOpen', { enabled });
      if (get().project?.root !== root) return;
      set({ relaunchOnOpen: response.ok ? response.value.relaunchOnOpen : before });
    },
    async open(path) {
      const response = await api.call('project.open', { path });
      if (response.ok) showProject(response.value);
      return response;
    },
    dispose() {
      off();
    },
  }));
  const off = api.on('project.changed', (project) => showProject(project));
  return store;
}
