import type { Profile } from '../profile';
import type { Result } from '../result';
import type { StoreWriteError } from './agent-store.port';

/** A user profile file that could not be used: skipped, reported, left as it is. */
export interface BrokenProfile {
  /** Where it is (a path for the file store). */
  readonly source: string;
  readonly error: string;
}

/** Built-in profiles (shipped in code) plus user profiles (`<config>/tessera/profiles/<id>.json`). */
export interface ProfileStore {
  /** Built-ins first, then user profiles sorted by id; a user profile with a built-in's id replaces it in place. */
  list(): Promise<readonly Profile[]>;
  get(id: string): Promise<Profile | undefined>;
  /** User profile files that were skipped, with why. */
  broken(): Promise<readonly BrokenProfile[]>;
  /** Writes a user profile (the caller has validated it); it is stored with `builtin: false`. */
  save(profile: Profile): Promise<Result<void, StoreWriteError>>;
}
