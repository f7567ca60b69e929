import { lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleAgent } from '../contracts/agent-store.contract';
import { JsonLayoutStore } from './json-layout-store';
import { MarkdownAgentStore } from './markdown-agent-store';
import { MarkdownSkillStore } from './markdown-skill-store';
import { RecentProjects } from './recent-projects';

/**
 * Real links in temp dirs: a cloned repository's `.tessera` may hold links to
 * files and folders outside the project; no store reads, lists, writes or trashes through them.
 */
const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function world() {
  const top = await mkdtemp(join(tmpdir(), 'tessera-nofollow-'));
  temps.push(top);
  const root = join(top, 'project');
  const outside = join(top, 'outside');
  const config = join(top, 'config');
  await mkdir(join(root, '.tessera'), { recursive: true });
  await mkdir(outside);
  const secret = join(outside, 'passwd');
  await writeFile(secret, '---\nname: Secret\nprofile: shell\n---\nroot:x:0:0\n');
  return { root, outside, config, secret };
}

describe('MarkdownAgentStore follows no link', () => {
  it('neither reads nor lists the target of a persona file that is a link', async () => {
    const { root, secret } = await world();
    await mkdir(join(root, '.tessera', 'agents'));
    await symlink(secret, join(root, '.tessera', 'agents', 'passwd.md'));
    const store = new MarkdownAgentStore(root);
    const got = await store.get('passwd');
    expect(got).toMatchObject({ ok: false, broken: { slug: 'passwd', error: expect.stringContaining('symbolic link') } });
    expect(JSON.stringify(got)).not.toContain('root:x');
    expect(await store.readSource('passwd')).toBeUndefined();
    expect(await store.list()).toEqual([{ ok: false, broken: { slug: 'passwd', error: expect.stringContaining('symbolic link') } }]);
  });

  it('does not write over a persona link, and leaves its target alone', async () => {
    const { root, secret } = await world();
    await mkdir(join(root, '.tessera', 'agents'));
    await symlink(secret, join(root, '.tessera', 'agents', 'reviewer.md'));
    const before = await readFile(secret, 'utf8');
    expect(await new MarkdownAgentStore(root).save(sampleAgent())).toMatchObject({ ok: false, error: { kind: 'store-write-failed' } });
    expect(await readFile(secret, 'utf8')).toBe(before);
    expect((await lstat(join(root, '.tessera', 'agents', 'reviewer.md'))).isSymbolicLink()).toBe(true);
  });

  it('refuses an agents folder that is a link: lists it as broken and writes nothing there', async () => {
    const { root, outside } = await world();
    await symlink(outside, join(root, '.tessera', 'agents'));
    const store = new MarkdownAgentStore(root);
    expect(await store.list()).toEqual([{ ok: false, broken: { slug: '.tessera/agents', error: expect.stringContaining('symbolic link') } }]);
    expect(await store.get('passwd')).toBeUndefined();
    expect(await store.save(sampleAgent())).toMatchObject({ ok: false, error: { message: expect.stringContaining('symbolic link') } });
    expect(await readdir(outside)).toEqual(['passwd']);
  });

  it('does not move a persona into a trash folder that is a link', async () => {
    const { root, outside } = await world();
    const store = new MarkdownAgentStore(root);
    expect((await store.save(sampleAgent())).ok).toBe(true);
    await symlink(outside, join(root, '.tessera', 'trash'));
    expect(await store.trash('reviewer')).toMatchObject({ ok: false, error: { kind: 'store-write-failed' } });
    expect(await readdir(outside)).toEqual(['passwd']);
    expect((await store.get('reviewer'))?.ok).toBe(true);
  });
});

describe('MarkdownSkillStore follows no link in the project', () => {
  it('lists a linked project skill folder as broken and never reads through it', async () => {
    const { root, outside, config } = await world();
    await writeFile(join(outside, 'SKILL.md'), '---\nname: stolen\ndescription: d\n---\nsecret body\n');
    await mkdir(join(root, '.tessera', 'skills'));
    await symlink(outside, join(root, '.tessera', 'skills', 'stolen'));
    const store = new MarkdownSkillStore({ projectRoot: root, configDir: config });
    expect(await store.list()).toEqual([{ ok: false, broken: { name: 'stolen', scope: 'project', error: expect.stringContaining('symbolic link') } }]);
    expect(await store.get('stolen', 'project')).toMatchObject({ ok: false });
    expect(await store.resolve('stolen')).toBeUndefined();
  });

  it('refuses a SKILL.md that is a link, and a skills folder that is a link', async () => {
    const { root, secret, outside, config } = await world();
    await mkdir(join(root, '.tessera', 'skills', 'x'), { recursive: true });
    await symlink(secret, join(root, '.tessera', 'skills', 'x', 'SKILL.md'));
    const store = new MarkdownSkillStore({ projectRoot: root, configDir: config });
    expect(await store.get('x', 'project')).toMatchObject({ ok: false, broken: { error: expect.stringContaining('symbolic link') } });

    const other = await world();
    await symlink(outside, join(other.root, '.tessera', 'skills'));
    const linked = new MarkdownSkillStore({ projectRoot: other.root, configDir: other.config });
    expect(await linked.list()).toEqual([{ ok: false, broken: { name: '.tessera/skills', scope: 'project', error: expect.stringContaining('symbolic link') } }]);
  });
});

describe('JsonLayoutStore follows no link', () => {
  it('does not load a layout.json that is a link, nor write through it', async () => {
    const { root, outside } = await world();
    const target = join(outside, 'layout.json');
    await writeFile(target, JSON.stringify({ version: 1, root: null }));
    await symlink(target, join(root, '.tessera', 'layout.json'));
    const store = new JsonLayoutStore(root);
    expect(await store.load()).toMatchObject({ ok: false, error: { kind: 'layout-invalid', reason: expect.stringContaining('symbolic link') } });
    expect((await store.save({ version: 1, root: null }, 0)).ok).toBe(false);
    expect(await readFile(target, 'utf8')).toBe(JSON.stringify({ version: 1, root: null }));
  });

  it('writes nothing when .tessera itself is a link', async () => {
    const { outside } = await world();
    const other = join(outside, '..', 'other');
    await mkdir(other);
    await symlink(outside, join(other, '.tessera'));
    expect((await new JsonLayoutStore(other).save({ version: 1, root: null }, 0)).ok).toBe(false);
    expect(await readdir(outside)).toEqual(['passwd']);
  });
});

describe('files in the user config keep following links (they are the user’s own)', () => {
  it('reads recent projects through a linked config folder', async () => {
    const { config, outside } = await world();
    await mkdir(config);
    await symlink(outside, join(config, 'tessera'));
    const recent = new RecentProjects(config, () => 1);
    expect((await recent.add({ root: '/p', name: 'p' })).ok).toBe(true);
    expect(await recent.list()).toEqual([{ root: '/p', name: 'p', openedAt: 1 }]);
  });
});
