import type { StoreWriteError } from '../../domain/ports/agent-store.port';
import type { UsageSettingsStore } from '../../domain/ports/usage-settings.port';
import { err, ok, type Result } from '../../domain/result';
import { DEFAULT_USAGE_SETTINGS, type UsageSettings } from '../../domain/usage-settings';

/** Settings kept in memory; `failWrites` makes every save fail as a full disk would. One contract with JsonUsageSettings. */
export class InMemoryUsageSettings implements UsageSettingsStore {
  failWrites = false;
  private settings: UsageSettings = DEFAULT_USAGE_SETTINGS;

  get(): Promise<UsageSettings> {
    return Promise.resolve(this.settings);
  }

  save(settings: UsageSettings): Promise<Result<void, StoreWriteError>> {
    if (this.failWrites) return Promise.resolve(err({ kind: 'store-write-failed', path: 'memory', message: 'writes fail' }));
    this.settings = settings;
    return Promise.resolve(ok(undefined));
  }
}
