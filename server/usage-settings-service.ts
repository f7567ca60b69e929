import type { StoreWriteError } from '../domain/ports/agent-store.port';
import type { UsageSettingsStore } from '../domain/ports/usage-settings.port';
import { ok, type Result } from '../domain/result';
import { DEFAULT_USAGE_SETTINGS, parseUsageSettings, type UsageSettings } from '../domain/usage-settings';

/**
 * The user's meter settings as the host uses them: read once from the user's config, answered at
 * once to the meters (`current`, the defaults until the file has been read), and saved for every
 * window. A save keeps the settings in their normal form (model names without case or spaces), and
 * `onSaved` hears each kept save, so every window can show it.
 */
export class UsageSettingsService {
  private settings: UsageSettings = DEFAULT_USAGE_SETTINGS;
  private readonly loaded: Promise<void>;

  constructor(
    private readonly store: UsageSettingsStore,
    private readonly onSaved: (settings: UsageSettings) => void = () => undefined,
  ) {
    this.loaded = store.get().then((settings) => {
      this.settings = settings;
    });
  }

  current(): UsageSettings {
    return this.settings;
  }

  async get(): Promise<UsageSettings> {
    await this.loaded;
    return this.settings;
  }

  async save(given: UsageSettings): Promise<Result<UsageSettings, StoreWriteError>> {
    await this.loaded;
    const settings = parseUsageSettings(given);
    const saved = await this.store.save(settings);
    if (!saved.ok) return saved;
    this.settings = settings;
    this.onSaved(settings);
    return ok(settings);
  }
}
