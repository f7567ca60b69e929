import { WebSocket } from 'ws';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from './main';
import { isLoopback } from './web-command';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function world() {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-web-cmd-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'run'), { mode: 0o700 });
  const env = { ...process.env, TESSERA_CONFIG_DIR: join(dir, 'config'), XDG_RUNTIME_DIR: join(dir, 'run'), HOME: dir };
  const run = async (args: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await main(args, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env, cwd: dir });
    return { code, stdout, stderr };
  };
  return { dir, run };
}

describe('tessera web', () => {
  it('serves on loopback by default, remembers port and credential (0600), warns in one line off loopback, and rotates the credential on --new-token', async () => {
    const { dir, run } = world();
    try {
      const first = await run(['web']);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stderr).toBe('');
      const url = new URL(/^Tessera web: (\S+)\n$/.exec(first.stdout)?.[1] ?? '');
      expect(url.hostname).toBe('127.0.0.1');
      const settingsFile = join(dir, 'config', 'tessera', 'server.json');
      expect(statSync(settingsFile).mode & 0o777).toBe(0o600);
      expect(JSON.parse(readFileSync(settingsFile, 'utf8'))).toEqual({ port: Number(url.port), token: url.searchParams.get('token') });

      const wide = await run(['web', '--host', '0.0.0.0']);
      expect(wide.code).toBe(0);
      expect(wide.stderr.trim().split('\n')).toHaveLength(1);
      expect(wide.stderr).toContain('unencrypted');
      expect(new URL(/Tessera web: (\S+)/.exec(wide.stdout)?.[1] ?? '').port).toBe(url.port);

      const rotated = await run(['web', '--host', '127.0.0.1', '--new-token']);
      const next = new URL(/Tessera web: (\S+)/.exec(rotated.stdout)?.[1] ?? '');
      expect(next.port).toBe(url.port);
      expect(next.searchParams.get('token')).not.toBe(url.searchParams.get('token'));
      const answer = (token: string | null) =>
        new Promise<number>((resolveAnswer) => {
          const ws = new WebSocket(`ws://${url.host}/rpc?token=${token ?? ''}`, { origin: url.origin });
          ws.once('unexpected-response', (_request, response) => resolveAnswer(response.statusCode ?? 0));
          ws.once('open', () => (ws.close(), resolveAnswer(101)));
        });
      expect(await answer(url.searchParams.get('token'))).toBe(401);
      expect(await answer(next.searchParams.get('token'))).toBe(101);
    } finally {
      expect((await run(['server', 'stop', '--yes'])).code).toBe(0);
    }
  });

  it('knows the loopback names', () => {
    expect(['127.0.0.1', 'localhost', '::1', '[::1]', '127.1.2.3'].every(isLoopback)).toBe(true);
    expect(['0.0.0.0', '192.168.1.2', '::', 'example.com'].some(isLoopback)).toBe(false);
  });
});
