import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isLoopback, runWeb } from './web-command';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Runs `tessera web` until it is ready, then stops it at once; returns what it printed. */
async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-web-cmd-'));
  dirs.push(dir);
  let stdout = '';
  let stderr = '';
  let ready: () => void = () => undefined;
  const printed = new Promise<void>((resolve) => (ready = resolve));
  const code = await runWeb(args, {
    stdout: { write: (t: string) => { stdout += t; if (t.startsWith('Tessera web:')) ready(); } },
    stderr: { write: (t: string) => (stderr += t) },
    env: { TESSERA_CONFIG_DIR: join(dir, 'config'), HOME: dir },
    cwd: dir,
    stopSignal: () => printed.then(() => 'SIGTERM'),
  }, dir);
  return { code, stdout, stderr };
}

describe('tessera web off loopback (finding 13)', () => {
  it('warns on stderr, in one line, that the token travels in cleartext', async () => {
    const { code, stdout, stderr } = await run(['--host', '0.0.0.0', '--port', '0']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Tessera web: http:\/\//);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('unencrypted');
  });

  it('says nothing more on loopback', async () => {
    const { stderr } = await run(['--host', '127.0.0.1', '--port', '0']);
    expect(stderr).toBe('');
  });

  it('knows the loopback names', () => {
    expect(['127.0.0.1', 'localhost', '::1', '[::1]', '127.1.2.3'].every(isLoopback)).toBe(true);
    expect(['0.0.0.0', '192.168.1.2', '::', 'example.com'].some(isLoopback)).toBe(false);
  });
});
