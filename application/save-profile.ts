import type { Profile } from '../domain/profile';
import { parseProfile, type ProfileInvalidError } from '../domain/profile-validation';
import type { StoreWriteError } from '../domain/ports/agent-store.port';
import type { ProfileStore } from '../domain/ports/profile-store.port';
import { ok, type Result } from '../domain/result';

/** Saves a user profile; one with a built-in's id overrides that built-in. Anything from outside is validated again. */
export class SaveProfile {
  constructor(private readonly deps: { readonly profiles: ProfileStore }) {}

  async execute(input: { readonly profile: unknown }): Promise<Result<Profile, ProfileInvalidError | StoreWriteError>> {
    const profile = parseProfile(input.profile, false);
    if (!profile.ok) return profile;
    const saved = await this.deps.profiles.save(profile.value);
    if (!saved.ok) return saved;
    return ok(profile.value);
  }
}
