import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { projectTrustContract } from '../contracts/project-trust.contract';
import { JsonProjectTrust } from './json-project-trust';

const temps: string[] = [];
async function configDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tessera-trust-'));
  temps.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

projectTrustContract('JsonProjectTrust', async () => new JsonProjectTrust(await configDir()));

describe('JsonProjectTrust', () => {
  it('keeps trust in <config>/tessera/trusted.json, where a new instance finds it', async () => {
    const dir = await configDir();
    await new JsonProjectTrust(dir).trust('/home/me/app');
    const saved = JSON.parse(await readFile(join(dir, 'tessera', 'trusted.json'), 'utf8'));
    expect(saved).toEqual({ version: 1, projects: { '/home/me/app': { trusted: true, relaunchOnOpen: false } } });
    expect((await new JsonProjectTrust(dir).get('/home/me/app')).trusted).toBe(true);
  });

  it('reads a file that does not parse as nothing trusted, and replaces it on the next change', async () => {
    const dir = await configDir();
    await mkdir(join(dir, 'tessera'), { recursive: true });
    await writeFile(join(dir, 'tessera', 'trusted.json'), '{ not json');
    const trust = new JsonProjectTrust(dir);
    expect(await trust.get('/p')).toEqual({ trusted: false, relaunchOnOpen: false });
    await trust.trust('/p');
    expect((await new JsonProjectTrust(dir).get('/p')).trusted).toBe(true);
  });

  it('counts only a literal true as trusted', async () => {
    const dir = await configDir();
    await mkdir(join(dir, 'tessera'), { recursive: true });
    await writeFile(join(dir, 'tessera', 'trusted.json'), JSON.stringify({ version: 1, projects: { '/p': { trusted: 'yes', relaunchOnOpen: 1 } } }));
    expect(await new JsonProjectTrust(dir).get('/p')).toEqual({ trusted: false, relaunchOnOpen: false });
  });
});
