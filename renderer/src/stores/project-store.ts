import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TesseraApi } from '../../../contract/api';
import type { ProfileDto, ProjectDto, RecentProjectDto, Response } from '../../../contract/contract';

export interface ProjectState {
  project: ProjectDto | null;
  recent: RecentProjectDto[];
  profiles: ProfileDto[];
  /** False until project.current answered: the app shows nothing rather than flash the welcome screen. */
  loaded: boolean;
  refresh(): Promise<void>;
  refreshRecent(): Promise<void>;
  refreshProfiles(): Promise<void>;
  open(path: string): Promise<Response<ProjectDto>>;
  dispose(): void;
}

export function createProjectStore(api: TesseraApi): StoreApi<ProjectState> {
  const store = createStore<ProjectState>()((set) => ({
    project: null,
    recent: [],
    profiles: [],
    loaded: false,
    async refresh() {
      const response = await api.call('project.current', {});
      if (response.ok) set({ project: response.value, loaded: true });
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
    async open(path) {
      const response = await api.call('project.open', { path });
      if (response.ok) set({ project: response.value, loaded: true });
      return response;
    },
    dispose() {
      off();
    },
  }));
  const off = api.on('project.changed', (project) => store.setState({ project, loaded: true }));
  return store;
}
