import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StoreWriteError } from '../../domain/ports/agent-store.port';
import type { ProjectTrust, ProjectTrustRecord } from '../../domain/ports/project-trust.port';
import type { Result } from '../../domain/result';
import { writeFileAtomic } from './atomic-file';

type Entry = { trusted: boolean; relaunchOnOpen: boolean };
const UNKNOWN: ProjectTrustRecord = { trusted: false, relaunchOnOpen: false };

/**
 * `<configDir>/tessera/trusted.json`: `{ "version": 1, "projects": { "<root>": { trusted, relaunchOnOpen } } }`.
 * The file is ours, in the user's config, out of any project's reach. One that does not parse
 * reads as "nothing trusted" (the safe reading) and is replaced on the next write. Writes are
 * queued, so two quick changes in one process cannot lose each other.
 */
export class JsonProjectTrust implements ProjectTrust {
  private readonly path: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(configDir: string) {
    this.path = join(configDir, 'tessera', 'trusted.json');
  }

  async get(root: string): Promise<ProjectTrustRecord> {
    const entry = (await this.read()).get(root);
    return entry ? { ...entry } : UNKNOWN;
  }

  trust(root: string): Promise<Result<void, StoreWriteError>> {
    return this.update(root, (entry) => ({ ...entry, trusted: true }));
  }

  distrust(root: string): Promise<Result<void, StoreWriteError>> {
    return this.update(root, (entry) => ({ ...entry, trusted: false }));
  }

  setRelaunchOnOpen(root: string, enabled: boolean): Promise<Result<void, StoreWriteError>> {
    return this.update(root, (entry) => ({ ...entry, relaunchOnOpen: enabled }));
  }

  private update(root: string, change: (entry: Entry) => Entry): Promise<Result<void, StoreWriteError>> {
    const run = this.queue.then(async () => {
      const all = await this.read();
      all.set(root, change(all.get(root) ?? { ...UNKNOWN }));
      const projects = Object.fromEntries([...all.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      return writeFileAtomic(this.path, `${JSON.stringify({ version: 1, projects }, null, 2)}\n`);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async read(): Promise<Map<string, Entry>> {
    const out = new Map<string, Entry>();
    let data: unknown;
    try {
      data = JSON.parse(await readFile(this.path, 'utf8'));
    } catch {
      return out;
    }
    const projects = (data as { projects?: unknown } | null)?.projects;
    if (typeof projects !== 'object' || projects === null || Array.isArray(projects)) return out;
    for (const [root, value] of Object.entries(projects as Record<string, unknown>)) {
      const v = value as Partial<Entry> | null;
      if (typeof v !== 'object' || v === null) continue;
      // Only a literal true counts: anything else is the safe "no".
      out.set(root, { trusted: v.trusted === true, relaunchOnOpen: v.relaunchOnOpen === true });
    }
    return out;
  }
}
