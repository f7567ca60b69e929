import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { codexHookArgs, codexHookTrustHash, CodexHookSetup, HookSetupsByCli } from './codex-hook-launch';
import { PerLaunchHookSetup } from './hook-launch';
import { UnixHookChannel } from './unix-hook-channel';

const here = dirname(fileURLToPath(import.meta.url));
const script = join(here, 'tessera-hook.mjs');

/** What the pinned Codex ran: these exact arguments, every hook run, no "Hooks need review" question. */
const captured = JSON.parse(readFileSync(join(here, '..', '..', 'e2e', 'fixtures', 'real-agents', 'captures', 'codex', 'hooks-trusted-per-launch.json'), 'utf8')) as {
  hookCommand: string;
  args: string[];
  events: string[];
};

const channels: UnixHookChannel[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const channel of channels.splice(0)) await channel.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function channel(): UnixHookChannel {
  const parentDir = mkdtempSync(join(tmpdir(), 'codex-hooks-test-'));
  dirs.push(parentDir);
  const made = new UnixHookChannel({ program: { file: process.execPath, args: [script] }, parentDir, waitMs: 5000 });
  channels.push(made);
  return made;
}

describe('codexHookArgs', () => {
  it('passes the hooks and their trust exactly as the pinned Codex ran them without asking for a review', () => {
    expect(codexHookArgs(captured.hookCommand)).toEqual(captured.args);
    expect(captured.events).toEqual(['SessionStart', 'UserPromptSubmit', 'Stop', 'SessionEnd']);
  });

  it('trusts each hook by what it runs: another command or another event is another hash', () => {
    const hash = codexHookTrustHash('Stop', 'tessera-hook', 10);
    expect(hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(codexHookTrustHash('Stop', 'other-hook', 10)).not.toBe(hash);
    expect(codexHookTrustHash('SessionStart', 'tessera-hook', 10)).not.toBe(hash);
    expect(codexHookTrustHash('Stop', 'tessera-hook', 3)).not.toBe(hash);
  });

  it('quotes a command with quotes, backslashes and control characters as one TOML string', () => {
    const [flag, value] = codexHookArgs('say "hi" \\ \x7f\n');
    expect(flag).toBe('-c');
    expect(value).toContain('command="say \\"hi\\" \\\\ \\u007f\\n"');
    expect(value).not.toContain('\x7f');
  });
});

describe('CodexHookSetup', () => {
  it("gives Codex the session's hook program at every event, trusted in the same -c layer", async () => {
    const launch = await new CodexHookSetup(channel()).prepare({ sessionId: 's1', command: '/usr/local/bin/codex' });
    expect(launch?.args[0]).toBe('-c');
    const value = launch?.args[1] ?? '';
    for (const event of ['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PermissionRequest', 'PostToolUse', 'Stop', 'SessionEnd']) expect(value).toContain(`${event}=[{hooks=`);
    expect(value).toContain('tessera-hook.mjs');
    expect(value.match(/trusted_hash="sha256:[0-9a-f]{64}"/g)).toHaveLength(7);
    // Events return at once: nothing waits for an answer (Codex holds its own prompt back while a hook runs).
    expect(value).not.toContain('--wait');
    expect(launch?.env.TESSERA_HOOK_TOKEN).toMatch(/^[0-9a-f]{64}$/);
    launch?.dispose();
  });

  it('gives any other CLI nothing, and Codex on Windows nothing', async () => {
    expect(await new CodexHookSetup(channel()).prepare({ sessionId: 's1', command: 'claude' })).toBeUndefined();
    expect(await new CodexHookSetup(channel(), 'win32').prepare({ sessionId: 's1', command: 'codex.cmd' })).toBeUndefined();
  });
});

describe('HookSetupsByCli', () => {
  it('says in the log which agent starts without hooks when a setup fails, and lets the failure through', async () => {
    const logged: string[] = [];
    const failing = { prepare: () => Promise.reject(new Error('a link where the settings go')) };
    const setups = new HookSetupsByCli([failing], (message, error) => logged.push(`${message} | ${(error as Error).message}`));
    await expect(setups.prepare({ sessionId: 's9', command: 'gemini', cwd: '/tmp', runDir: '/tmp' })).rejects.toThrow('a link');
    expect(logged).toEqual([expect.stringMatching(/^agent s9 \(gemini\) starts without Tessera's hooks.* \| a link where the settings go$/)]);
  });

  it("gives each CLI its own setup's hooks, and a CLI none of them knows nothing", async () => {
    const hooks = channel();
    const setups = new HookSetupsByCli([new PerLaunchHookSetup(hooks, 5000), new CodexHookSetup(hooks)]);
    const claude = await setups.prepare({ sessionId: 's1', command: 'claude' });
    const codex = await setups.prepare({ sessionId: 's2', command: 'codex' });
    expect(claude?.args[0]).toBe('--settings');
    expect(codex?.args[0]).toBe('-c');
    expect(await setups.prepare({ sessionId: 's3', command: 'aider' })).toBeUndefined();
    claude?.dispose();
    codex?.dispose();
  });
});
