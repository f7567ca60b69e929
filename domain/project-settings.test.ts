import { describe, expect, it } from 'vitest';
import { parseProjectSettings, SETTINGS_LIMITS } from './project-settings';

const PATH = '/p/.tessera/settings.json';
const reason = (text: string) => {
  const parsed = parseProjectSettings(text, PATH);
  return parsed.ok ? 'parsed' : parsed.error.reason;
};

describe('project settings', () => {
  it('reads the worktree set-up command with its timeout, defaulting the timeout', () => {
    expect(parseProjectSettings('{ "worktree": { "setup": "npm ci" } }', PATH)).toEqual({ ok: true, value: { worktreeSetup: { command: 'npm ci', timeoutSeconds: 600 } } });
    expect(parseProjectSettings('{ "worktree": { "setup": "make", "setupTimeoutSeconds": 30 }, "other": 1 }', PATH)).toEqual({ ok: true, value: { worktreeSetup: { command: 'make', timeoutSeconds: 30 } } });
    expect(parseProjectSettings('{}', PATH)).toEqual({ ok: true, value: {} });
  });

  it('refuses what is not JSON, not an object, or out of bounds, saying why', () => {
    expect(reason('nope')).toMatch(/^it is not valid JSON/);
    expect(reason('[]')).toBe('it must hold a JSON object');
    expect(reason('{ "worktree": 1 }')).toBe('"worktree" must be an object');
    expect(reason('{ "worktree": { "setup": "  " } }')).toBe('"worktree.setup" must be a command line');
    expect(reason(JSON.stringify({ worktree: { setup: 'x'.repeat(SETTINGS_LIMITS.maxCommandChars + 1) } }))).toMatch(/longer than/);
    expect(reason(JSON.stringify({ worktree: { setup: 'a\0b' } }))).toMatch(/NUL/);
    expect(reason('{ "worktree": { "setup": "x", "setupTimeoutSeconds": 0 } }')).toMatch(/whole number from 1 to 3600/);
    expect(reason('{ "worktree": { "setup": "x", "setupTimeoutSeconds": 1.5 } }')).toMatch(/whole number/);
    expect(reason(`{"a":"${'x'.repeat(SETTINGS_LIMITS.maxFileChars)}"}`)).toMatch(/larger than 64 KB/);
  });
});
