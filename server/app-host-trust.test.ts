import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { absoluteProjectPath, type AppHost } from './app-host';
import { createAppHost } from './composition-root';
import { definedEnv } from './config-dir';

/** What a cloned repository can put in front of the host (trust, links, paths, hostile files), through the real host with the fake agent CLI and real files. */
const fakeAgent = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'e2e', 'fixtures', 'fake-agent');

let root: string;
let configDir: string;
let home: string;
const hosts: AppHost[] = [];

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'tessera-trust-host-'));
  configDir = join(root, 'config');
  home = join(root, 'home');
  mkdirSync(home);
  mkdirSync(join(configDir, 'tessera', 'profiles'), { recursive: true });
  writeFileSync(
    join(configDir, 'tessera', 'profiles', 'fake.json'),
    JSON.stringify({ id: 'fake', name: 'fake', command: fakeAgent, args: [], env: {}, inject: { kind: 'convention-file', target: 'AGENTS.md' }, status: { needsInput: [], busy: [] } }),
  );
});

afterEach(async () => {
  for (const host of hosts.splice(0)) await host.dispose();
  rmSync(root, { recursive: true, force: true });
});

/** The frontmatter thread as `tessera web` starts it, from the sources. */
const FRONTMATTER_WORKER = new URL('../adapters/shared/frontmatter-worker-boot.mjs', import.meta.url);

function makeHost(options: { readonly frontmatterWorker?: URL } = {}): AppHost {
  const host = createAppHost({ configDir, env: { ...definedEnv(), HOME: home }, log: () => undefined, killTimeoutMs: 5000, ...options });
  hosts.push(host);
  return host;
}

/** A cloned repository: it ships a persona whose profile is a shell running a command of its choosing. */
function clonedProject(): string {
  const dir = join(root, 'cloned');
  mkdirSync(join(dir, '.tessera', 'agents'), { recursive: true });
  const marker = join(root, 'pwned');
  writeFileSync(join(dir, '.tessera', 'agents', 'bot.md'), `---\nname: Bot\nprofile: fake\nargs: ["--touch", "${marker}"]\nenv: { SECRET_TOKEN: "s3cr3t-v4lue" }\n---\nHi\n`);
  return dir;
}

describe('AppHost project trust', () => {
  it('runs nothing a cloned project ships until the user trusts it, and says what would run', async () => {
    const host = makeHost();
    const dir = clonedProject();
    expect((await host.call('project.open', { path: dir })).ok).toBe(true);
    const refused = await host.call('agents.launch', { slug: 'bot' });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'project-untrusted', message: expect.stringContaining(fakeAgent) } });
    expect(await host.call('sessions.list', {})).toEqual({ ok: true, value: [] });
    const info = await host.call('project.trustInfo', {});
    expect(info).toMatchObject({ ok: true, value: { trusted: false, agents: [{ slug: 'bot', command: fakeAgent, args: ['--touch', join(root, 'pwned')], envKeys: ['SECRET_TOKEN'] }] } });
    expect(JSON.stringify(info)).not.toContain('s3cr3t-v4lue');

    expect(await host.call('project.trust', {})).toMatchObject({ ok: true, value: { trusted: true } });
    expect(await host.call('agents.launch', { slug: 'bot' })).toMatchObject({ ok: true, value: { agent: 'bot' } });
  });

  it('remembers the trust in user config, for the next start', async () => {
    const dir = clonedProject();
    const first = makeHost();
    await first.call('project.open', { path: dir });
    await first.call('project.trust', {});
    await first.call('project.setRelaunchOnOpen', { enabled: true });
    await first.dispose();
    const second = makeHost();
    await second.call('project.open', { path: dir });
    expect(await second.call('project.trustInfo', {})).toMatchObject({ ok: true, value: { trusted: true, relaunchOnOpen: true } });
    expect(existsSync(join(configDir, 'tessera', 'trusted.json'))).toBe(true);
  });

  it('trusts a project that has no agent when opened: what runs there later is made here', async () => {
    const host = makeHost();
    const dir = join(root, 'fresh');
    mkdirSync(dir);
    await host.call('project.open', { path: dir });
    expect(await host.call('project.trustInfo', {})).toMatchObject({ ok: true, value: { trusted: true, relaunchOnOpen: false, agents: [] } });
    await host.call('agents.create', { name: 'Mine', profile: 'fake' });
    expect(await host.call('agents.launch', { slug: 'mine' })).toMatchObject({ ok: true });
  });

  it('refuses a project whose .tessera is a link, writing nothing through it', async () => {
    const host = makeHost();
    const dir = join(root, 'linked');
    const elsewhere = join(root, 'elsewhere');
    mkdirSync(dir);
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(dir, '.tessera'));
    expect(await host.call('project.open', { path: dir })).toMatchObject({ ok: false, error: { kind: 'project-not-writable' } });
    expect(existsSync(join(elsewhere, '.gitignore'))).toBe(false);
  });
});

describe('AppHost launch and links', () => {
  it('refuses to launch into a run dir that is a link, writing nothing through it', async () => {
    const host = makeHost();
    const dir = join(root, 'proj');
    const elsewhere = join(root, 'elsewhere');
    mkdirSync(dir);
    mkdirSync(elsewhere);
    await host.call('project.open', { path: dir });
    await host.call('agents.create', { name: 'Mine', profile: 'fake' });
    mkdirSync(join(dir, '.tessera', 'run'), { recursive: true });
    symlinkSync(elsewhere, join(dir, '.tessera', 'run', 'mine'));
    expect(await host.call('agents.launch', { slug: 'mine' })).toMatchObject({ ok: false, error: { kind: 'fs-failed', message: expect.stringContaining('symbolic link') } });
    expect(await host.call('sessions.list', {})).toEqual({ ok: true, value: [] });
    expect(readdirSync(elsewhere)).toEqual([]);
  });
});

describe('AppHost importing a cloned repository’s .claude', () => {
  /** A clone with no Tessera agent, only a Claude subagent whose tool list would run Bash and Write without asking. */
  function claudeOnlyProject(): string {
    const dir = join(root, 'claude-only');
    mkdirSync(join(dir, '.claude', 'agents'), { recursive: true });
    writeFileSync(join(dir, '.claude', 'agents', 'helper.md'), '---\nname: helper\ndescription: Helps\ntools: Bash, Write\n---\nHelp.\n');
    return dir;
  }

  it('asks for trust before an imported agent runs, showing what its command line grants', async () => {
    const host = makeHost();
    const dir = claudeOnlyProject();
    await host.call('project.open', { path: dir });
    expect(await host.call('project.trustInfo', {})).toMatchObject({ ok: true, value: { trusted: true } });
    expect(await host.call('agents.import', {})).toMatchObject({ ok: true, value: { agents: ['helper'] } });
    const launched = await host.call('agents.launch', { slug: 'helper', cols: 80, rows: 24 });
    expect(launched).toMatchObject({ ok: false, error: { kind: 'project-untrusted', message: expect.stringContaining('runs these tools without asking: Bash,Write') } });
    expect(await host.call('sessions.list', {})).toEqual({ ok: true, value: [] });
    expect(await host.call('project.trustInfo', {})).toMatchObject({
      ok: true,
      value: { trusted: false, agents: [{ slug: 'helper', args: expect.arrayContaining(['--allowedTools', 'Bash,Write']), grants: expect.arrayContaining(['runs these tools without asking: Bash,Write (--allowedTools Bash,Write)']) }] },
    });
  });

  it('copies nothing from outside the project when .claude/agents or a SKILL.md is a link', async () => {
    const host = makeHost();
    const dir = join(root, 'linked-claude');
    const outside = join(root, 'outside');
    mkdirSync(join(outside, 'skill'), { recursive: true });
    writeFileSync(join(outside, 'stolen.md'), '---\nname: stolen\n---\nOUTSIDE-PERSONA\n');
    writeFileSync(join(outside, 'skill', 'SKILL.md'), '---\nname: stolen\ndescription: d\n---\nOUTSIDE-SKILL\n');
    mkdirSync(join(dir, '.claude', 'skills', 'notes'), { recursive: true });
    symlinkSync(outside, join(dir, '.claude', 'agents'));
    symlinkSync(join(outside, 'skill', 'SKILL.md'), join(dir, '.claude', 'skills', 'notes', 'SKILL.md'));
    await host.call('project.open', { path: dir });
    const imported = await host.call('agents.import', {});
    expect(imported).toMatchObject({
      ok: true,
      value: {
        agents: [],
        skills: [],
        skipped: [
          { name: '.claude/agents', reason: expect.stringContaining('symbolic link') },
          { name: '.claude/skills/notes/SKILL.md', reason: expect.stringContaining('symbolic link') },
        ],
      },
    });
    const copied = readdirSync(join(dir, '.tessera'), { recursive: true }).map(String);
    expect(copied.filter((path) => /agents\/|skills\//.test(path))).toEqual([]);
  });
});

describe('AppHost and a linked agents folder', () => {
  it('says the folder is a link when an agent is created there, not that the agent exists, and writes nothing through it', async () => {
    const host = makeHost();
    const dir = join(root, 'proj');
    const elsewhere = join(root, 'elsewhere');
    mkdirSync(join(dir, '.tessera'), { recursive: true });
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(dir, '.tessera', 'agents'));
    await host.call('project.open', { path: dir });
    const created = await host.call('agents.create', { name: 'Mine', profile: 'fake' });
    expect(created).toMatchObject({ ok: false, error: { kind: 'store-write-failed', message: expect.stringContaining('is a symbolic link') } });
    expect(created.ok ? '' : created.error.message).not.toContain('already exists');
    expect(readdirSync(elsewhere)).toEqual([]);
  });
});

describe('AppHost project paths', () => {
  it('opens ~ paths in the home folder and refuses relative paths and the file system root', async () => {
    const host = makeHost();
    mkdirSync(join(home, 'app'));
    expect(await host.call('project.open', { path: '~/app' })).toEqual({ ok: true, value: { root: join(home, 'app'), name: 'app' } });
    expect(await host.call('project.open', { path: 'app' })).toMatchObject({ ok: false, error: { kind: 'project-path-relative', message: expect.stringContaining('absolute') } });
    expect(await host.call('project.open', { path: '/' })).toMatchObject({ ok: false, error: { kind: 'project-is-filesystem-root' } });
  });

  it('refuses folders inside a project’s .tessera, system folders and the home folder, saying why', async () => {
    const host = makeHost();
    const proj = join(root, 'proj');
    mkdirSync(proj);
    expect((await host.call('project.open', { path: proj })).ok).toBe(true);
    expect(await host.call('project.open', { path: join(proj, '.tessera') })).toMatchObject({ ok: false, error: { kind: 'project-inside-tessera', message: expect.stringContaining('.tessera') } });
    expect(await host.call('project.open', { path: join(proj, '.tessera', 'agents') })).toMatchObject({ ok: false, error: { kind: 'project-inside-tessera' } });
    expect(await host.call('project.open', { path: '/etc' })).toMatchObject({ ok: false, error: { kind: 'project-is-system-folder', message: expect.stringContaining('system folder') } });
    expect(await host.call('project.open', { path: '~' })).toMatchObject({ ok: false, error: { kind: 'project-is-home-folder' } });
    expect(existsSync(join(proj, '.tessera', '.tessera'))).toBe(false);
    expect(existsSync(join(home, '.tessera'))).toBe(false);
    expect(await host.call('project.current', {})).toMatchObject({ ok: true, value: { root: proj } });
  });

  it('expands only a leading ~ that names the home folder', () => {
    expect(absoluteProjectPath('~', '/h')).toEqual({ ok: true, value: '/h' });
    expect(absoluteProjectPath('~/a/b', '/h')).toEqual({ ok: true, value: '/h/a/b' });
    expect(absoluteProjectPath('~other/a', '/h')).toMatchObject({ ok: false, error: { kind: 'project-path-relative' } });
    expect(absoluteProjectPath('/abs/~', '/h')).toEqual({ ok: true, value: '/abs/~' });
  });
});

describe('AppHost and a persona file built to stall its parser', () => {
  it('opens the project and lists the file with its error, leaving it untouched and the other agents listed', async () => {
    const host = makeHost({ frontmatterWorker: FRONTMATTER_WORKER });
    const dir = clonedProject();
    const flood = `---\nname: Flood\n${Array.from({ length: 40_000 }, (_, i) => `k${i}: 1`).join('\n')}\n---\n`;
    const file = join(dir, '.tessera', 'agents', 'flood.md');
    writeFileSync(file, flood);
    expect((await host.call('project.open', { path: dir })).ok).toBe(true);
    expect(await host.call('agents.list', {})).toMatchObject({
      ok: true,
      value: [
        { slug: 'bot', name: 'Bot' },
        { slug: 'flood', error: expect.stringMatching(/frontmatter is longer than 65536 characters/) },
      ],
    });
    expect(readFileSync(file, 'utf8')).toBe(flood);
  });
});
