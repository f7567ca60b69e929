import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProcessRecord, ProcessRecordStore } from '../../domain/ports/process-record.port';
import { isSessionMark } from '../shared/session-mark';

interface RecordFile {
  readonly version: 1;
  readonly records: ProcessRecord[];
}

/**
 * Process records as JSON in `<config>/tessera/processes/<hostPid>.json`, one file per Tessera
 * process: each instance rewrites only its own file (atomically: temp + rename), so two running
 * instances never lose each other's records, and a crashed one's file stays for the next run.
 * Files are untrusted: a file or entry that does not parse is skipped.
 */
export class JsonProcessRecordStore implements ProcessRecordStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly dir: string) {}

  async list(): Promise<readonly ProcessRecord[]> {
    await this.queue.catch(() => undefined);
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    const out: ProcessRecord[] = [];
    for (const name of names.filter((n) => /^\d+\.json$/.test(n)).sort()) out.push(...(await this.read(Number(name.slice(0, -5)))));
    return out;
  }

  add(record: ProcessRecord): Promise<void> {
    return this.change(record.hostPid, (records) => [...records.filter((r) => r.pid !== record.pid), record]);
  }

  remove(hostPid: number, pid: number): Promise<void> {
    return this.change(hostPid, (records) => records.filter((r) => r.pid !== pid));
  }

  /** One change at a time: two read-modify-writes must not interleave. */
  private change(hostPid: number, edit: (records: ProcessRecord[]) => ProcessRecord[]): Promise<void> {
    const next = this.queue.catch(() => undefined).then(async () => {
      const records = edit(await this.read(hostPid));
      const file = this.file(hostPid);
      if (records.length === 0) {
        await rm(file, { force: true });
        return;
      }
      await mkdir(this.dir, { recursive: true });
      const temp = join(this.dir, `.${hostPid}.${randomBytes(4).toString('hex')}.tmp`);
      const body: RecordFile = { version: 1, records };
      try {
        await writeFile(temp, JSON.stringify(body, null, 2) + '\n', { flag: 'wx' });
        await rename(temp, file);
      } catch (error) {
        await rm(temp, { force: true }).catch(() => undefined);
        throw error;
      }
    });
    this.queue = next;
    return next;
  }

  private async read(hostPid: number): Promise<ProcessRecord[]> {
    let data: unknown;
    try {
      data = JSON.parse(await readFile(this.file(hostPid), 'utf8'));
    } catch {
      return [];
    }
    if (typeof data !== 'object' || data === null || !Array.isArray((data as { records?: unknown }).records)) return [];
    return ((data as { records: unknown[] }).records)
      .map(parseRecord)
      .filter((r): r is ProcessRecord => r !== undefined && r.hostPid === hostPid);
  }

  private file(hostPid: number): string {
    return join(this.dir, `${hostPid}.json`);
  }
}

function parseRecord(value: unknown): ProcessRecord | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const pid = (key: string) => (typeof v[key] === 'number' && Number.isInteger(v[key]) && (v[key] as number) > 1 ? (v[key] as number) : undefined);
  const text = (key: string) => (typeof v[key] === 'string' ? (v[key] as string) : undefined);
  const [p, g, h] = [pid('pid'), pid('pgid'), pid('hostPid')];
  const agent = text('agent');
  const project = text('project');
  // Refuse pids 0/1 and negatives: killing those would hit far more than one agent.
  if (p === undefined || g === undefined || h === undefined || agent === undefined || project === undefined || typeof v.startedAt !== 'number') return undefined;
  const identity = text('identity');
  const hostIdentity = text('hostIdentity');
  const mark = text('mark');
  return {
    pid: p, pgid: g, agent, project, startedAt: v.startedAt, hostPid: h,
    ...(identity !== undefined ? { identity } : {}),
    ...(hostIdentity !== undefined ? { hostIdentity } : {}),
    // A mark names the processes a sweep kills: only one shaped as Tessera makes them is taken.
    ...(isSessionMark(mark) ? { mark } : {}),
  };
}
