import type { DetectInstalledClis } from '../application/detect-installed-clis';
import type { FindOrphans, KillOrphans } from '../application/find-orphans';
import type { ListProfiles } from '../application/list-profiles';
import type { OpenProject, Project } from '../application/open-project';
import type { TrustIfNothingToRun } from '../application/project-trust';
import type { SaveProfile } from '../application/save-profile';
import type { SessionRegistry } from '../application/session-registry';
import type { StoreWriteError } from '../domain/ports/agent-store.port';
import type { EventBus } from '../domain/ports/event-bus.port';
import type { Result } from '../domain/result';
import type { ProjectUseCases } from './router/router';

/** What the composition root hands the app host: the services of the user and of each opened project. */

/** What the host shares between all projects: the user's profiles, recent projects and orphaned agents. */
export interface UserServices {
  readonly openProject: OpenProject;
  readonly recentProjects: {
    list(): Promise<readonly { readonly root: string; readonly name: string; readonly openedAt: number }[]>;
    add(project: Project): Promise<Result<void, StoreWriteError>>;
  };
  readonly listProfiles: ListProfiles;
  readonly saveProfile: SaveProfile;
  /** Which profiles' CLIs are installed. */
  readonly detectClis: DetectInstalledClis;
  readonly findOrphans: FindOrphans;
  readonly killOrphans: KillOrphans;
  /** Releases what the process holds beyond its sessions (the mirror thread). */
  dispose(): Promise<void>;
}

/** One opened project as the host keeps it; built by the composition root. */
export interface ProjectScope {
  readonly project: Project;
  readonly useCases: ProjectUseCases;
  readonly registry: SessionRegistry;
  readonly events: EventBus;
  readonly trustIfNothingToRun: TrustIfNothingToRun;
  /** Stops the restarts and the file watch: called before the sessions are killed. */
  stopWatching(): void;
  /** Writes pending transcript batches and record changes. */
  settle(): Promise<void>;
  /** Stops the live watchers (sessions keep running; killing them is the host's business). */
  dispose(): void;
}
