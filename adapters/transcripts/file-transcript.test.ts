import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually } from '../contracts/eventually';
import { transcriptStoreContract, TRANSCRIPT_MAX } from '../contracts/transcript-store.contract';
import { FileTranscriptStore } from './file-transcript';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function logsDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-logs-'));
  dirs.push(dir);
  return join(dir, '.tessera', 'logs');
}

transcriptStoreContract('FileTranscriptStore', async () => new FileTranscriptStore(logsDir(), { maxBytes: TRANSCRIPT_MAX, keep: 2 }));

describe('FileTranscriptStore', () => {
  it('writes each agent’s output to .tessera/logs/<slug>.log, creating the folder', async () => {
    const dir = logsDir();
    const store = new FileTranscriptStore(dir);
    store.append('reviewer', 'one\r\n');
    store.append('reviewer', 'two\r\n');
    await store.flush();
    expect(readFileSync(join(dir, 'reviewer.log'), 'utf8')).toBe('one\r\ntwo\r\n');
  });

  it('writes a batch by itself after a short while, so a crash loses at most the last batch', async () => {
    const dir = logsDir();
    const store = new FileTranscriptStore(dir, { batchMs: 20 });
    store.append('rev', 'saved without a flush');
    await eventually(() => existsSync(join(dir, 'rev.log')) && readFileSync(join(dir, 'rev.log'), 'utf8') === 'saved without a flush', 'the batch on disk');
  });

  it('writes at once when a batch grows large', () => {
    const dir = logsDir();
    const store = new FileTranscriptStore(dir, { batchMs: 60_000, batchBytes: 100 });
    store.append('rev', 'y'.repeat(150));
    expect(readFileSync(join(dir, 'rev.log'), 'utf8')).toHaveLength(150);
  });

  it('rotates into <slug>.1.log and <slug>.2.log and keeps no more', async () => {
    const dir = logsDir();
    const store = new FileTranscriptStore(dir, { maxBytes: 100 });
    for (let i = 0; i < 10; i++) {
      store.append('rev', `${i}${'z'.repeat(59)}`);
      await store.flush();
    }
    expect(readdirSync(dir).sort()).toEqual(['rev.1.log', 'rev.2.log', 'rev.log']);
    expect(readFileSync(join(dir, 'rev.log'), 'utf8').startsWith('9')).toBe(true);
    expect(readFileSync(join(dir, 'rev.1.log'), 'utf8').startsWith('8')).toBe(true);
    expect(readFileSync(join(dir, 'rev.2.log'), 'utf8').startsWith('7')).toBe(true);
  });

  it('reports a failed write instead of throwing at the agent', async () => {
    const errors: unknown[] = [];
    // A file where the logs folder should be: every write fails.
    const dir = logsDir();
    const store = new FileTranscriptStore(join(dir, 'x', '\0bad'), { onError: (e) => errors.push(e) });
    store.append('rev', 'lost');
    await store.flush();
    expect(errors).toHaveLength(1);
  });
});
