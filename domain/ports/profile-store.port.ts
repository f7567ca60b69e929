import type { Profile } from '../profile';
import type { Result } from '../result';
import type { StoreWriteError } from './agent-store.port';

/** Built-in profiles (shipped in code) plus user profiles (`<config>/tessera/profiles/<id>.json`). */
export interface ProfileStore {
  /** Built-ins first, then user profiles; a user profile with a built-in's id replaces it. */
  list(): Promise<readonly Profile[]>;
  get(id: string): Promise<Profile | undefined>;
  /** Writes a user profile. */
  save(profile: Profile): Promise<Result<void, StoreWriteError>>;
}
