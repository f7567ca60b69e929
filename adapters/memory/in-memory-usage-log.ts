import type { UsageLog, UsageLogError, UsageRecord } from '../../domain/ports/usage-log.port';
import { ok, type Result } from '../../domain/result';

/** Usage records in memory (one contract with JsonlUsageLog). */
export class InMemoryUsageLog implements UsageLog {
  private readonly records: UsageRecord[] = [];

  async append(record: UsageRecord): Promise<Result<void, UsageLogError>> {
    this.records.push({ ...record });
    return ok(undefined);
  }

  async list(): Promise<readonly UsageRecord[]> {
    return this.records.map((record) => ({ ...record }));
  }
}
