import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Profile } from '../../domain/profile';
import { parseProfile } from '../../domain/profile-validation';
import type { StoreWriteError } from '../../domain/ports/agent-store.port';
import type { BrokenProfile, ProfileStore } from '../../domain/ports/profile-store.port';
import { err, ok, type Result } from '../../domain/result';

/**
 * Built-in profiles plus user profiles in `<configDir>/tessera/profiles/<id>.json`. A user file
 * that does not parse or validate is skipped and reported by `broken()`, never rewritten. Files are
 * read on every call so an edit made in another editor is seen without a restart.
 */
export class JsonProfileStore implements ProfileStore {
  private readonly dir: string;

  constructor(
    configDir: string,
    private readonly builtins: readonly Profile[],
  ) {
    this.dir = join(configDir, 'tessera', 'profiles');
  }

  async list(): Promise<readonly Profile[]> {
    const { profiles } = await this.readUserProfiles();
    const byId = new Map(profiles.map((p) => [p.id, p]));
    const merged = this.builtins.map((builtin) => byId.get(builtin.id) ?? builtin);
    const builtinIds = new Set(this.builtins.map((p) => p.id));
    return [...merged, ...profiles.filter((p) => !builtinIds.has(p.id))];
  }

  async get(id: string): Promise<Profile | undefined> {
    return (await this.list()).find((p) => p.id === id);
  }

  async broken(): Promise<readonly BrokenProfile[]> {
    return (await this.readUserProfiles()).broken;
  }

  async save(profile: Profile): Promise<Result<void, StoreWriteError>> {
    const checked = parseProfile({ ...profile, builtin: false }, false);
    // The caller validates; an invalid id here would be a path built from unchecked input: a bug.
    if (!checked.ok) throw new Error(`refusing to save an invalid profile: ${checked.error.message}`);
    const { builtin: _builtin, ...stored } = checked.value;
    return writeAtomic(join(this.dir, `${checked.value.id}.json`), `${JSON.stringify(stored, null, 2)}\n`);
  }

  private async readUserProfiles(): Promise<{ profiles: Profile[]; broken: BrokenProfile[] }> {
    let names: string[];
    try {
      names = (await readdir(this.dir)).filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort();
    } catch {
      return { profiles: [], broken: [] };
    }
    const profiles: Profile[] = [];
    const broken: BrokenProfile[] = [];
    for (const name of names) {
      const path = join(this.dir, name);
      let data: unknown;
      try {
        data = JSON.parse(await readFile(path, 'utf8'));
      } catch (error) {
        broken.push({ source: path, error: `not readable JSON: ${(error as Error).message}` });
        continue;
      }
      const profile = parseProfile(data, false);
      if (!profile.ok) broken.push({ source: path, error: profile.error.message });
      else if (`${profile.value.id}.json` !== name) broken.push({ source: path, error: `the file name must be ${profile.value.id}.json to match its "id"` });
      else profiles.push(profile.value);
    }
    return { profiles, broken };
  }
}

async function writeAtomic(path: string, text: string): Promise<Result<void, StoreWriteError>> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temp, text, { encoding: 'utf8', flag: 'wx' });
    await rename(temp, path);
    return ok(undefined);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    return err({ kind: 'store-write-failed', path, message: (error as Error).message });
  }
}
