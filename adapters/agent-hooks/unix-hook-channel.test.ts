import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { HookCall } from '../../domain/ports/agent-hooks.port';
import { PerLaunchHookSetup } from './hook-launch';
import { UnixHookChannel } from './unix-hook-channel';

/** The hook program as a CLI runs it (a real process, stdin in, stdout out) against the real socket. */

const script = join(dirname(fileURLToPath(import.meta.url)), 'tessera-hook.mjs');
const channels: UnixHookChannel[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const channel of channels.splice(0)) await channel.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function channel(waitMs = 5000): UnixHookChannel {
  const parentDir = mkdtempSync(join(tmpdir(), 'hook-channel-test-'));
  dirs.push(parentDir);
  const made = new UnixHookChannel({ program: { file: process.execPath, args: [script] }, parentDir, waitMs });
  channels.push(made);
  return made;
}

function runHook(env: Record<string, string>, input: string, args: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

const payload = (event: string) => JSON.stringify({ session_id: 'c1', hook_event_name: event, tool_name: 'Bash', tool_input: { command: 'echo hi' } });

describe('UnixHookChannel with tessera-hook.mjs', () => {
  it('delivers an event from the session holding the secret, and the hook returns at once with nothing printed', async () => {
    const hooks = channel();
    const calls: HookCall[] = [];
    hooks.onCall((call) => (calls.push(call), true));
    const access = await hooks.open('s1');
    const result = await runHook(access.env, payload('Stop'));
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
    await expect.poll(() => calls.length).toBe(1);
    expect(calls[0]?.sessionId).toBe('s1');
    expect(calls[0]?.waiting).toBe(false);
    expect(calls[0]?.payload).toMatchObject({ hook_event_name: 'Stop' });
  });

  it('prints the answer to a waiting call, for the CLI to read', async () => {
    const hooks = channel();
    hooks.onCall((call) => {
      setTimeout(() => call.answer('{"decision":"yes"}'), 50);
      return true;
    });
    const access = await hooks.open('s1');
    expect(await runHook(access.env, payload('PermissionRequest'), ['--wait'])).toEqual({ code: 0, stdout: '{"decision":"yes"}', stderr: '' });
  });

  it('lets the CLI decide (exit 0, nothing printed) when the wait runs out, and tells the host the call is gone', async () => {
    const hooks = channel(300);
    const gone: string[] = [];
    hooks.onCall((call) => {
      call.onGone(() => gone.push(call.sessionId));
      return true;
    });
    const access = await hooks.open('s1');
    expect(await runHook(access.env, payload('PermissionRequest'), ['--wait'])).toEqual({ code: 0, stdout: '', stderr: '' });
    await expect.poll(() => gone).toEqual(['s1']);
  });

  it('exits 0 with nothing printed when the host closes while it waits', async () => {
    const hooks = channel();
    hooks.onCall(() => true);
    const access = await hooks.open('s1');
    const running = runHook(access.env, payload('PermissionRequest'), ['--wait']);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await hooks.close();
    expect(await running).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('refuses a call with a wrong or withdrawn secret, and the hook still exits 0', async () => {
    const hooks = channel();
    const calls: HookCall[] = [];
    hooks.onCall((call) => (calls.push(call), true));
    const access = await hooks.open('s1');
    expect((await runHook({ ...access.env, TESSERA_HOOK_TOKEN: 'f'.repeat(64) }, payload('Stop'))).code).toBe(0);
    access.dispose();
    expect((await runHook(access.env, payload('Stop'))).code).toBe(0);
    const other = await hooks.open('s2');
    expect((await runHook(other.env, payload('Stop'))).code).toBe(0);
    await expect.poll(() => calls.map((c) => c.sessionId)).toEqual(['s2']);
  });

  it('exits 0 with nothing printed when there is no host, or the input is not JSON', async () => {
    expect(await runHook({ TESSERA_HOOK_SOCKET: join(tmpdir(), 'no-such-tessera.sock'), TESSERA_HOOK_TOKEN: 'x' }, payload('Stop'), ['--wait'])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await runHook({}, payload('Stop'))).toEqual({ code: 0, stdout: '', stderr: '' });
    const hooks = channel();
    const access = await hooks.open('s1');
    expect(await runHook(access.env, 'not json')).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('keeps the socket and the session folders to this user', async () => {
    const hooks = channel();
    const access = await hooks.open('s1');
    const socket = access.env.TESSERA_HOOK_SOCKET ?? '';
    expect(statSync(socket).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(socket)).mode & 0o777).toBe(0o700);
    expect(statSync(access.dir).mode & 0o777).toBe(0o700);
  });
});

describe('PerLaunchHookSetup', () => {
  it("gives Claude Code a settings file of the session's own with every event's hook, the permission hook waiting", async () => {
    const hooks = channel();
    const launch = await new PerLaunchHookSetup(hooks, 5000).prepare({ sessionId: 's1', command: '/usr/local/bin/claude' });
    expect(launch?.args[0]).toBe('--settings');
    const settings = JSON.parse(readFileSync(launch?.args[1] ?? '', 'utf8')) as { hooks: Record<string, Array<{ hooks: Array<{ command: string; timeout?: number }> }>> };
    expect(Object.keys(settings.hooks).sort()).toEqual(['Notification', 'PermissionRequest', 'PostToolUse', 'PreToolUse', 'SessionEnd', 'SessionStart', 'Stop', 'UserPromptSubmit']);
    expect(settings.hooks.PermissionRequest?.[0]?.hooks[0]?.command).toMatch(/tessera-hook\.mjs' --wait$/);
    expect(settings.hooks.PermissionRequest?.[0]?.hooks[0]?.timeout).toBeGreaterThan(5);
    expect(launch?.env.TESSERA_HOOK_TOKEN).toMatch(/^[0-9a-f]{64}$/);
    launch?.dispose();
  });

  it('gives a CLI without per-launch settings nothing', async () => {
    expect(await new PerLaunchHookSetup(channel(), 5000).prepare({ sessionId: 's1', command: 'aider' })).toBeUndefined();
  });
});
