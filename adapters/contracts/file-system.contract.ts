import { describe, expect, it } from 'vitest';
import type { FileSystem } from '../../domain/ports/file-system.port';

/** `make` returns a file system and an empty, writable, absolute directory in it. */
export function fileSystemContract(name: string, make: () => Promise<{ fs: FileSystem; root: string }>): void {
  describe(`FileSystem contract: ${name}`, () => {
    it('joins and normalizes segments, folding . and ..', async () => {
      const { fs } = await make();
      expect(fs.join('/a', 'b', '..', 'c', './d')).toBe('/a/c/d');
    });

    it('resolves a path that is already absolute to itself, normalized', async () => {
      const { fs, root } = await make();
      expect(fs.resolve(fs.join(root, 'x', '..', 'y'))).toBe(fs.join(root, 'y'));
    });

    it('gives the real path of a folder, and a missing path as it is', async () => {
      const { fs, root } = await make();
      const dir = fs.join(root, 'real');
      await fs.mkdirp(dir);
      expect(await fs.realpath(fs.join(dir, '.'))).toBe(await fs.realpath(dir));
      expect(await fs.realpath(fs.join(root, 'nowhere'))).toBe(fs.join(root, 'nowhere'));
    });

    it('tells a missing path, a file and a directory apart', async () => {
      const { fs, root } = await make();
      const file = fs.join(root, 'f.txt');
      expect(await fs.kind(file)).toBe('missing');
      expect(await fs.writeTextAtomic(file, 'x')).toEqual({ ok: true, value: undefined });
      expect(await fs.kind(file)).toBe('file');
      expect(await fs.kind(root)).toBe('directory');
      expect(await fs.kind(fs.join(file, 'below-a-file'))).toBe('missing');
    });

    it('creates nested directories and accepts ones that already exist', async () => {
      const { fs, root } = await make();
      const deep = fs.join(root, 'a', 'b', 'c');
      expect((await fs.mkdirp(deep)).ok).toBe(true);
      expect((await fs.mkdirp(deep)).ok).toBe(true);
      expect(await fs.kind(deep)).toBe('directory');
    });

    it('refuses to make a directory through a file', async () => {
      const { fs, root } = await make();
      const file = fs.join(root, 'plain');
      await fs.writeTextAtomic(file, '');
      const made = await fs.mkdirp(fs.join(file, 'sub'));
      expect(made.ok).toBe(false);
      if (!made.ok) expect(made.error.kind).toBe('fs-failed');
    });

    it('reads back exactly what was written, unicode included, and replaces on rewrite', async () => {
      const { fs, root } = await make();
      const file = fs.join(root, 'ctx.md');
      await fs.writeTextAtomic(file, 'first');
      await fs.writeTextAtomic(file, 'héllo ✓\nline two\n');
      expect(await fs.readText(file)).toEqual({ ok: true, value: 'héllo ✓\nline two\n' });
    });

    it('fails a read of a missing file with a value naming the path', async () => {
      const { fs, root } = await make();
      const missing = fs.join(root, 'nope.md');
      const read = await fs.readText(missing);
      expect(read.ok).toBe(false);
      if (!read.ok) expect(read.error).toMatchObject({ kind: 'fs-failed', path: missing });
    });

    it('fails a write into a missing directory instead of creating it', async () => {
      const { fs, root } = await make();
      const write = await fs.writeTextAtomic(fs.join(root, 'no-dir', 'f.md'), 'x');
      expect(write.ok).toBe(false);
    });

    it('calls a fresh directory writable and a file or missing path not', async () => {
      const { fs, root } = await make();
      const file = fs.join(root, 'f');
      await fs.writeTextAtomic(file, '');
      expect(await fs.isWritableDirectory(root)).toBe(true);
      expect(await fs.isWritableDirectory(file)).toBe(false);
      expect(await fs.isWritableDirectory(fs.join(root, 'missing'))).toBe(false);
    });
  });
}
