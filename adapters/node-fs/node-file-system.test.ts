import { lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileSystemContract } from '../contracts/file-system.contract';
import { NodeFileSystem } from './node-file-system';

const made: string[] = [];
afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

async function tempRoot(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tessera-fs-'));
  made.push(dir);
  return dir;
}

fileSystemContract('NodeFileSystem', async () => ({ fs: new NodeFileSystem(), root: await tempRoot() }));

describe('NodeFileSystem', () => {
  it('replaces the target through a rename, leaving only the target in the folder', async () => {
    const fs = new NodeFileSystem();
    const root = await tempRoot();
    await fs.writeTextAtomic(join(root, 'a.md'), 'one');
    await fs.writeTextAtomic(join(root, 'a.md'), 'two');
    expect(await readdir(root)).toEqual(['a.md']);
  });
});

describe('NodeFileSystem inside .tessera (no link is followed there)', () => {
  async function project() {
    const root = await tempRoot();
    const outside = join(root, 'outside');
    await mkdir(outside);
    await writeFile(join(outside, 'secret.txt'), 'secret');
    const proj = join(root, 'proj');
    await mkdir(join(proj, '.tessera'), { recursive: true });
    return { fs: new NodeFileSystem(), proj, outside };
  }

  it('refuses a run dir that is a link, creating and writing nothing through it', async () => {
    const { fs, proj, outside } = await project();
    await mkdir(join(proj, '.tessera', 'run'));
    await symlink(outside, join(proj, '.tessera', 'run', 'bot'));
    expect(await fs.mkdirp(join(proj, '.tessera', 'run', 'bot'))).toMatchObject({ ok: false, error: { kind: 'fs-failed', message: expect.stringContaining('symbolic link') } });
    expect(await fs.writeTextAtomic(join(proj, '.tessera', 'run', 'bot', 'CLAUDE.md'), 'x')).toMatchObject({ ok: false });
    expect(await readdir(outside)).toEqual(['secret.txt']);
  });

  it('refuses a .tessera that is itself a link, and calls it neither file nor folder', async () => {
    const { fs, outside } = await project();
    const other = join(outside, '..', 'other');
    await mkdir(other);
    await symlink(outside, join(other, '.tessera'));
    expect(await fs.kind(join(other, '.tessera'))).toBe('other');
    expect((await fs.mkdirp(join(other, '.tessera', 'run', 'x'))).ok).toBe(false);
    expect(await fs.writeTextAtomic(join(other, '.tessera', '.gitignore'), 'x')).toMatchObject({ ok: false });
    expect(await readdir(outside)).toEqual(['secret.txt']);
  });

  it('neither reads nor replaces a file that is a link', async () => {
    const { fs, proj, outside } = await project();
    const link = join(proj, '.tessera', 'notes.md');
    await symlink(join(outside, 'secret.txt'), link);
    expect(await fs.kind(link)).toBe('other');
    expect(await fs.readText(link)).toMatchObject({ ok: false, error: { kind: 'fs-failed' } });
    expect(await fs.writeTextAtomic(link, 'overwritten')).toMatchObject({ ok: false });
    expect(await readFile(join(outside, 'secret.txt'), 'utf8')).toBe('secret');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
  });

  it('still makes, reads and writes real folders and files there', async () => {
    const { fs, proj } = await project();
    const file = join(proj, '.tessera', 'run', 'bot', 'context.md');
    expect((await fs.mkdirp(join(proj, '.tessera', 'run', 'bot'))).ok).toBe(true);
    expect((await fs.writeTextAtomic(file, 'hello')).ok).toBe(true);
    expect(await fs.readText(file)).toEqual({ ok: true, value: 'hello' });
    expect(await fs.kind(file)).toBe('file');
  });

  it('follows the user’s own links outside .tessera', async () => {
    const { fs, outside } = await project();
    const link = join(outside, '..', 'shortcut');
    await symlink(outside, link);
    expect(await fs.kind(link)).toBe('directory');
    expect(await fs.readText(join(link, 'secret.txt'))).toEqual({ ok: true, value: 'secret' });
  });
});
