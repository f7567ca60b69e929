import { describe, expect, it } from 'vitest';
import { InMemoryFileSystem } from '../adapters/memory/in-memory-file-system';
import { OpenProject, TESSERA_GITIGNORE } from './open-project';

async function world() {
  const fs = new InMemoryFileSystem('/home/me');
  await fs.mkdirp('/home/me/shop');
  return { fs, open: new OpenProject({ fs }) };
}

describe('OpenProject', () => {
  it('opens a folder, resolving a relative path, named after the folder', async () => {
    const { open } = await world();
    expect(await open.execute({ path: 'shop' })).toEqual({ ok: true, value: { root: '/home/me/shop', name: 'shop', created: true } });
  });

  it('says whether this open created .tessera, so a project made here can be trusted', async () => {
    const { open } = await world();
    expect(await open.execute({ path: '/home/me/shop' })).toMatchObject({ ok: true, value: { created: true } });
    expect(await open.execute({ path: '/home/me/shop' })).toMatchObject({ ok: true, value: { created: false } });
  });

  it('refuses the root of the file system rather than write /.tessera', async () => {
    const { fs, open } = await world();
    expect(await open.execute({ path: '/' })).toEqual({ ok: false, error: { kind: 'project-is-filesystem-root', path: '/' } });
    expect(await fs.kind('/.tessera')).toBe('missing');
  });

  it('refuses a folder inside a project’s .tessera, system folders and the home folder, writing nothing there', async () => {
    const fs = new InMemoryFileSystem('/home/me');
    for (const dir of ['/home/me/proj/.tessera/agents', '/etc', '/usr', '/proc/1']) await fs.mkdirp(dir);
    const open = new OpenProject({ fs, home: '/home/me' });
    const refusals = [
      ['/home/me/proj/.tessera', 'project-inside-tessera'],
      ['/home/me/proj/.tessera/agents', 'project-inside-tessera'],
      ['/etc', 'project-is-system-folder'],
      ['/usr/', 'project-is-system-folder'],
      ['/proc/1', 'project-is-system-folder'],
      ['/home/me', 'project-is-home-folder'],
      ['.', 'project-is-home-folder'],
    ] as const;
    for (const [path, kind] of refusals) {
      expect(await open.execute({ path })).toEqual({ ok: false, error: { kind, path: fs.resolve(path) } });
    }
    for (const dir of ['/home/me/proj/.tessera/.tessera', '/home/me/proj/.tessera/agents/.tessera', '/etc/.tessera', '/usr/.tessera', '/home/me/.tessera']) {
      expect(await fs.kind(dir)).toBe('missing');
    }
  });

  it('refuses a .tessera that is not a folder, without writing through it', async () => {
    const { fs, open } = await world();
    await fs.writeTextAtomic('/home/me/shop/.tessera', 'not a folder');
    expect(await open.execute({ path: '/home/me/shop' })).toMatchObject({ ok: false, error: { kind: 'project-not-writable', path: '/home/me/shop/.tessera' } });
  });

  it('creates .tessera with a .gitignore for generated folders on first open', async () => {
    const { fs, open } = await world();
    await open.execute({ path: '/home/me/shop' });
    expect(await fs.kind('/home/me/shop/.tessera')).toBe('directory');
    expect(await fs.readText('/home/me/shop/.tessera/.gitignore')).toEqual({ ok: true, value: TESSERA_GITIGNORE });
    expect(TESSERA_GITIGNORE.split('\n')).toEqual(['run/', 'logs/', 'trash/', '']);
  });

  it('never overwrites an existing .tessera/.gitignore', async () => {
    const { fs, open } = await world();
    await fs.mkdirp('/home/me/shop/.tessera');
    await fs.writeTextAtomic('/home/me/shop/.tessera/.gitignore', '# mine\n');
    expect((await open.execute({ path: '/home/me/shop' })).ok).toBe(true);
    expect(await fs.readText('/home/me/shop/.tessera/.gitignore')).toEqual({ ok: true, value: '# mine\n' });
  });

  it('refuses a path that does not exist', async () => {
    const { open } = await world();
    expect(await open.execute({ path: '/nowhere' })).toEqual({ ok: false, error: { kind: 'project-not-found', path: '/nowhere' } });
  });

  it('refuses a path that is a file', async () => {
    const { fs, open } = await world();
    await fs.writeTextAtomic('/home/me/notes.txt', 'x');
    expect(await open.execute({ path: '/home/me/notes.txt' })).toEqual({ ok: false, error: { kind: 'project-not-a-directory', path: '/home/me/notes.txt' } });
  });

  it('refuses a project where .tessera cannot be created', async () => {
    const { fs, open } = await world();
    fs.readOnly.add('/home/me/shop');
    const result = await open.execute({ path: '/home/me/shop' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'project-not-writable', path: '/home/me/shop/.tessera' } });
  });

  it('refuses a project whose .tessera is a file', async () => {
    const { fs, open } = await world();
    await fs.writeTextAtomic('/home/me/shop/.tessera', 'in the way');
    expect(await open.execute({ path: '/home/me/shop' })).toMatchObject({ ok: false, error: { kind: 'project-not-writable' } });
  });
});
