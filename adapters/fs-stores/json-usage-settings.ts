import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StoreWriteError } from '../../domain/ports/agent-store.port';
import type { UsageSettingsStore } from '../../domain/ports/usage-settings.port';
import type { Result } from '../../domain/result';
import { DEFAULT_USAGE_SETTINGS, parseUsageSettings, type UsageSettings } from '../../domain/usage-settings';
import { writeFileAtomic } from './atomic-file';

/**
 * `<configDir>/tessera/usage.json`: `{ "version": 1, "contextWarningPercent": 80, "prices": { "<model>":
 * { inputPerMillionUsd, outputPerMillionUsd } } }`. The file is ours, in the user's config, out of any
 * project's reach; one that does not parse reads as the defaults and is replaced on the next save.
 * Saves are queued, so two quick ones in one process land in order.
 */
export class JsonUsageSettings implements UsageSettingsStore {
  private readonly path: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(configDir: string) {
    this.path = join(configDir, 'tessera', 'usage.json');
  }

  async get(): Promise<UsageSettings> {
    try {
      return parseUsageSettings(JSON.parse(await readFile(this.path, 'utf8')));
    } catch {
      return DEFAULT_USAGE_SETTINGS;
    }
  }

  save(settings: UsageSettings): Promise<Result<void, StoreWriteError>> {
    const run = this.queue.then(() => writeFileAtomic(this.path, `${JSON.stringify({ version: 1, ...settings }, null, 2)}\n`));
    this.queue = run.catch(() => undefined);
    return run;
  }
}
