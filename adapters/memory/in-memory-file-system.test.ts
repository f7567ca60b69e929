import { describe, expect, it } from 'vitest';
import { fileSystemContract } from '../contracts/file-system.contract';
import { FixedClock } from './fixed-clock';
import { InMemoryFileSystem } from './in-memory-file-system';
import { SequentialIds } from './sequential-ids';

fileSystemContract('InMemoryFileSystem', async () => {
  const fs = new InMemoryFileSystem();
  await fs.mkdirp('/tmp/root');
  return { fs, root: '/tmp/root' };
});

describe('InMemoryFileSystem', () => {
  it('refuses writes into a directory marked read-only', async () => {
    const fs = new InMemoryFileSystem();
    await fs.mkdirp('/ro');
    fs.readOnly.add('/ro');
    expect((await fs.writeTextAtomic('/ro/x', 'x')).ok).toBe(false);
    expect(await fs.isWritableDirectory('/ro')).toBe(false);
  });

  it('resolves relative paths against its working directory', () => {
    expect(new InMemoryFileSystem('/home/u').resolve('p/../q')).toBe('/home/u/q');
  });
});

describe('test doubles for time and ids', () => {
  it('moves the fixed clock only when told', () => {
    const clock = new FixedClock(1000);
    expect(clock.now()).toBe(1000);
    clock.advance(250);
    expect(clock.now()).toBe(1250);
  });

  it('counts ids up from one with the given prefix', () => {
    const ids = new SequentialIds('s');
    expect([ids.next(), ids.next()]).toEqual(['s-1', 's-2']);
  });
});
