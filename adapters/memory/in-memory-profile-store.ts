import type { Profile } from '../../domain/profile';
import { parseProfile } from '../../domain/profile-validation';
import type { StoreWriteError } from '../../domain/ports/agent-store.port';
import type { BrokenProfile, ProfileStore } from '../../domain/ports/profile-store.port';
import { ok, type Result } from '../../domain/result';

/** Built-ins given at construction plus saved user profiles, merged like JsonProfileStore (one contract). */
export class InMemoryProfileStore implements ProfileStore {
  private readonly user = new Map<string, Profile>();
  /** Tests seed what a real store would have skipped. */
  readonly skipped: BrokenProfile[] = [];

  constructor(private readonly builtins: readonly Profile[] = []) {}

  async list(): Promise<readonly Profile[]> {
    const builtinIds = new Set(this.builtins.map((p) => p.id));
    const merged = this.builtins.map((b) => this.user.get(b.id) ?? b);
    const extra = [...this.user.values()].filter((p) => !builtinIds.has(p.id)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return [...merged, ...extra];
  }

  async get(id: string): Promise<Profile | undefined> {
    return (await this.list()).find((p) => p.id === id);
  }

  async broken(): Promise<readonly BrokenProfile[]> {
    return [...this.skipped];
  }

  async save(profile: Profile): Promise<Result<void, StoreWriteError>> {
    const checked = parseProfile(profile, false);
    if (!checked.ok) throw new Error(`refusing to save an invalid profile: ${checked.error.message}`);
    this.user.set(profile.id, checked.value);
    return ok(undefined);
  }
}
