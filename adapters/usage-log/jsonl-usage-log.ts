import { constants } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { UsageLog, UsageLogError, UsageRecord } from '../../domain/ports/usage-log.port';
import { err, ok, type Result } from '../../domain/result';
import { checkFolders, O_NOFOLLOW } from '../shared/no-follow';

const NUMBER_FIELDS = ['at', 'inputTokens', 'outputTokens', 'costUsd', 'totalCostUsd', 'durationMs'] as const;

/**
 * `<project>/.tessera/logs/usage.jsonl`: one JSON object a line, appended with O_APPEND (a line is
 * written whole by one write) and never rewritten. No link inside `.tessera` is followed.
 */
export class JsonlUsageLog implements UsageLog {
  private readonly dir: string;
  private readonly file: string;

  constructor(projectRoot: string) {
    this.dir = join(projectRoot, '.tessera', 'logs');
    this.file = join(this.dir, 'usage.jsonl');
  }

  async append(record: UsageRecord): Promise<Result<void, UsageLogError>> {
    try {
      await checkFolders(this.dir, { create: true });
      const handle = await open(this.file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | O_NOFOLLOW, 0o644);
      try {
        await handle.write(`${JSON.stringify(record)}\n`);
      } finally {
        await handle.close();
      }
      return ok(undefined);
    } catch (error) {
      return err({ kind: 'usage-log-failed', message: error instanceof Error ? error.message : String(error) });
    }
  }

  async list(): Promise<readonly UsageRecord[]> {
    let text: string;
    try {
      await checkFolders(this.dir, { create: false });
      const handle = await open(this.file, constants.O_RDONLY | O_NOFOLLOW);
      try {
        text = await readFile(handle, 'utf8');
      } finally {
        await handle.close();
      }
    } catch {
      return [];
    }
    const records: UsageRecord[] = [];
    for (const line of text.split('\n')) {
      const record = parseRecord(line);
      if (record) records.push(record);
    }
    return records;
  }
}

function parseRecord(line: string): UsageRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const raw = value as Record<string, unknown>;
  if (typeof raw.agent !== 'string' || typeof raw.session !== 'string' || typeof raw.at !== 'number') return undefined;
  const out: Record<string, unknown> = { agent: raw.agent, session: raw.session };
  if (typeof raw.model === 'string') out.model = raw.model;
  if (raw.costEstimated === true) out.costEstimated = true;
  for (const field of NUMBER_FIELDS) if (typeof raw[field] === 'number' && Number.isFinite(raw[field])) out[field] = raw[field];
  return out as unknown as UsageRecord;
}
