import type { Result } from '../result';
import type { UsageSettings } from '../usage-settings';
import type { StoreWriteError } from './agent-store.port';

/**
 * The user's meter settings (domain/usage-settings.ts), kept in the user's config. `get` answers the
 * defaults while nothing was saved or what was saved cannot be read; `save` keeps exactly what it is
 * given (already parsed), and a save that fails is an err and changes nothing.
 */
export interface UsageSettingsStore {
  get(): Promise<UsageSettings>;
  save(settings: UsageSettings): Promise<Result<void, StoreWriteError>>;
}
