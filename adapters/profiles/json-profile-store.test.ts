import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseProfile } from '../../domain/profile-validation';
import { profileStoreContract, sampleProfile } from '../contracts/profile-store.contract';
import { builtinProfiles } from './builtin-profiles';
import { JsonProfileStore } from './json-profile-store';

const temps: string[] = [];
async function configDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tessera-profiles-'));
  temps.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

profileStoreContract('JsonProfileStore', async (builtins) => new JsonProfileStore(await configDir(), builtins));

describe('JsonProfileStore on disk', () => {
  it('writes a user profile as <config>/tessera/profiles/<id>.json', async () => {
    const dir = await configDir();
    await new JsonProfileStore(dir, []).save(sampleProfile());
    const data = JSON.parse(await readFile(join(dir, 'tessera/profiles/fake.json'), 'utf8'));
    expect(data).toMatchObject({ id: 'fake', command: 'node', args: ['fake-agent.js'] });
    expect(data.builtin).toBeUndefined();
  });

  it('skips and reports bad user profiles without crashing or touching them', async () => {
    const dir = await configDir();
    const profiles = join(dir, 'tessera/profiles');
    await mkdir(profiles, { recursive: true });
    await writeFile(join(profiles, 'broken.json'), '{ not json');
    await writeFile(join(profiles, 'norx.json'), JSON.stringify({ ...sampleProfile({ id: 'norx' }), status: { needsInput: ['('], busy: [] } }));
    await writeFile(join(profiles, 'other.json'), JSON.stringify(sampleProfile({ id: 'mismatch' })));
    await writeFile(join(profiles, 'good.json'), JSON.stringify(sampleProfile({ id: 'good' })));
    const store = new JsonProfileStore(dir, builtinProfiles({ SHELL: '/bin/bash' }));
    expect((await store.list()).map((p) => p.id)).toEqual(['claude', 'codex', 'gemini', 'aider', 'opencode', 'shell', 'good']);
    const broken = await store.broken();
    expect(broken.map((b) => b.source)).toEqual([join(profiles, 'broken.json'), join(profiles, 'norx.json'), join(profiles, 'other.json')]);
    expect(broken[0]?.error).toMatch(/not readable JSON/);
    expect(broken[1]?.error).toBe('status pattern "(" is not a valid regular expression');
    expect(broken[2]?.error).toBe('the file name must be mismatch.json to match its "id"');
    expect(await readFile(join(profiles, 'broken.json'), 'utf8')).toBe('{ not json');
    expect((await readdir(profiles)).sort()).toEqual(['broken.json', 'good.json', 'norx.json', 'other.json']);
  });
});

describe('builtin profiles', () => {
  it('ship claude, codex, gemini, aider, opencode and shell, each a valid profile', () => {
    const profiles = builtinProfiles({ SHELL: '/usr/bin/zsh' });
    expect(profiles.map((p) => p.id)).toEqual(['claude', 'codex', 'gemini', 'aider', 'opencode', 'shell']);
    for (const profile of profiles) expect(parseProfile(profile, true)).toEqual({ ok: true, value: profile });
  });

  it('hand Claude its context as CLAUDE.md, access to the project root as one argument, and --continue to resume', () => {
    const claude = builtinProfiles({}).find((p) => p.id === 'claude');
    expect(claude).toMatchObject({ inject: { kind: 'convention-file', target: 'CLAUDE.md' }, projectAccessArgs: ['--add-dir={projectRoot}'], resume: { args: ['--continue'] } });
  });

  it('give every option that takes a list its project root in the same argument, so nothing after it is swallowed', () => {
    for (const profile of builtinProfiles({})) {
      const access = profile.projectAccessArgs ?? [];
      const listOptions = access.filter((arg) => arg === '--add-dir' || arg === '--include-directories');
      expect(listOptions, profile.id).toEqual([]);
    }
  });

  it('run Codex without its daemon and give it the project root as a sandbox setting, never --add-dir', () => {
    const codex = builtinProfiles({}).find((p) => p.id === 'codex');
    expect(codex?.args).toEqual(['--no-daemon']);
    expect(codex?.projectAccessArgs).toEqual(['-c', 'sandbox_workspace_write.writable_roots=["{projectRoot}"]']);
    expect(codex?.resume?.args).toEqual(['resume', '--last']);
  });

  it('let Gemini resume its latest session and give it the project root, leaving trust to the files Tessera writes', () => {
    const gemini = builtinProfiles({}).find((p) => p.id === 'gemini');
    expect(gemini?.resume?.args).toEqual(['--resume', 'latest']);
    expect(gemini?.projectAccessArgs).toEqual(['--include-directories={projectRoot}']);
  });

  it('run the user\'s $SHELL, falling back to /bin/sh', () => {
    expect(builtinProfiles({ SHELL: '/usr/bin/fish' }).find((p) => p.id === 'shell')?.command).toBe('/usr/bin/fish');
    expect(builtinProfiles({}).find((p) => p.id === 'shell')?.command).toBe('/bin/sh');
  });

  it('recognise a typical permission prompt of Claude Code and a shell confirmation', () => {
    const [claude] = builtinProfiles({});
    expect(claude?.status.needsInput.some((p) => new RegExp(p).test('Do you want to proceed?'))).toBe(true);
    const shell = builtinProfiles({}).find((p) => p.id === 'shell');
    // Patterns match case-insensitively (domain/status.ts compiles them with `im`).
    expect(shell?.status.needsInput.some((p) => new RegExp(p, 'im').test('Remove file? [y/N] '))).toBe(true);
  });
});
