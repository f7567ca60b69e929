import type { Profile } from '../domain/profile';
import type { BrokenProfile, ProfileStore } from '../domain/ports/profile-store.port';

/** Every usable profile, plus the user files that were skipped, so the UI and CLI can say why one is missing. */
export class ListProfiles {
  constructor(private readonly deps: { readonly profiles: ProfileStore }) {}

  async execute(): Promise<{ readonly profiles: readonly Profile[]; readonly broken: readonly BrokenProfile[] }> {
    const [profiles, broken] = await Promise.all([this.deps.profiles.list(), this.deps.profiles.broken()]);
    return { profiles, broken };
  }
}
