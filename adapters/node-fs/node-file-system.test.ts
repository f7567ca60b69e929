import { mkdtemp, readdir, rm } from 'node:fs/promises';
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
