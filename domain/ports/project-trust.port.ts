import type { Result } from '../result';
import type { StoreWriteError } from './agent-store.port';

/** What the user decided about one project folder, kept in user config (never in the project, which a clone could forge). */
export interface ProjectTrustRecord {
  /** Agents of the project may be launched: the user said so, or the project had nothing to run when Tessera first saw it. */
  readonly trusted: boolean;
  /** Relaunch the agents whose panes were open when the project is opened again (only ever acted on when trusted). */
  readonly relaunchOnOpen: boolean;
}

/**
 * Project trust (like VS Code's Workspace Trust): a folder's agents run commands its persona files
 * name, so a cloned repository must not run anything until the user has seen what it would run and
 * said yes. Keyed by the project's absolute root. A root never seen reads as
 * `{ trusted: false, relaunchOnOpen: false }`; `trust` and `distrust` are idempotent; a write that
 * fails is an err and changes nothing.
 */
export interface ProjectTrust {
  get(root: string): Promise<ProjectTrustRecord>;
  trust(root: string): Promise<Result<void, StoreWriteError>>;
  /** The project holds agents the user has not seen run (an import): it asks again before the next launch. Relaunch-on-open is kept. */
  distrust(root: string): Promise<Result<void, StoreWriteError>>;
  setRelaunchOnOpen(root: string, enabled: boolean): Promise<Result<void, StoreWriteError>>;
}
