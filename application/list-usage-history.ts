import type { Clock } from '../domain/ports/clock.port';
import type { UsageLog } from '../domain/ports/usage-log.port';
import type { UsageSettingsStore } from '../domain/ports/usage-settings.port';
import { ok, type Result } from '../domain/result';
import { sessionSpending, type SessionSpending } from '../domain/usage-history';

/** Days of history one request may ask for: a year. */
export const MAX_HISTORY_DAYS = 366;
const DAY_MS = 86_400_000;

/**
 * What each agent's sessions of the project used over the last `days`, from the project's usage log,
 * with turns its CLI did not cost at the user's prices: which persona is expensive over time.
 */
export class ListUsageHistory {
  constructor(private readonly deps: { readonly log: UsageLog; readonly settings: Pick<UsageSettingsStore, 'get'>; readonly clock: Clock }) {}

  async execute(input: { readonly days: number }): Promise<Result<SessionSpending[], never>> {
    const days = Math.min(Math.max(1, Math.floor(input.days)), MAX_HISTORY_DAYS);
    const [records, settings] = await Promise.all([this.deps.log.list(), this.deps.settings.get()]);
    return ok(sessionSpending(records, this.deps.clock.now() - days * DAY_MS, settings.prices));
  }
}
