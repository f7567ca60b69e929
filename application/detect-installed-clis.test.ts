import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeCommandRunner } from '../adapters/memory/fake-command-runner';
import { FixedClock } from '../adapters/memory/fixed-clock';
import { InMemoryProfileStore } from '../adapters/memory/in-memory-profile-store';
import { builtinProfiles } from '../adapters/profiles/builtin-profiles';
import { ShellCommandRunner } from '../adapters/shell/shell-command-runner';
import type { Profile } from '../domain/profile';
import { LOGIN_PATH_MARK, LOGIN_PATH_PROBE } from '../domain/search-path';
import { DetectInstalledClis } from './detect-installed-clis';

const profile = (id: string, detect?: string): Profile => ({
  id, name: id, command: id, args: [], env: {}, inject: { kind: 'stdin' }, status: { needsInput: [], busy: [] }, builtin: true, ...(detect !== undefined ? { detect } : {}),
});

function world(options: { loginShell?: 'answers' | 'hangs' } = {}) {
  const runner = new FakeCommandRunner()
    .define('claude --version', (r) => (r.env.PATH?.split(':').includes('/home/u/.local/bin') ? { exitCode: 0, output: '2.0.0 (Claude Code)\n' } : { exitCode: 127, output: 'not found\n' }))
    .define('codex --version', () => ({ exitCode: 127, output: 'codex: not found\n' }))
    .define(LOGIN_PATH_PROBE, () => (options.loginShell === 'hangs' ? 'hangs' : { exitCode: 0, output: `motd\n${LOGIN_PATH_MARK}/home/u/.local/bin:/usr/bin\n` }));
  const clock = new FixedClock();
  const profiles = new InMemoryProfileStore([profile('claude', 'claude --version'), profile('codex', 'codex --version'), profile('shell')]);
  const detect = new DetectInstalledClis({ profiles, runner, clock, env: { SHELL: '/bin/zsh', PATH: '/usr/bin:/opt/host/bin', HOME: '/home/u' }, home: '/home/u', keepMs: 60_000 });
  return { runner, clock, detect };
}

describe('DetectInstalledClis', () => {
  it('says which CLIs answer their detect command, and leaves out a profile that has none', async () => {
    const { detect } = world();
    expect(await detect.execute()).toEqual([
      { id: 'claude', installed: true },
      { id: 'codex', installed: false },
    ]);
  });

  it("runs the detect commands in the user's home with the login shell's PATH before the host's own, asking the shell once", async () => {
    const { detect, runner } = world();
    await detect.execute();
    await detect.execute();
    expect(runner.runs.filter((r) => r.command === LOGIN_PATH_PROBE)).toHaveLength(1);
    const claude = runner.runs.find((r) => r.command === 'claude --version');
    expect(claude?.cwd).toBe('/home/u');
    expect(claude?.env.PATH).toBe('/home/u/.local/bin:/usr/bin:/opt/host/bin');
  });

  it("falls back on the host's PATH when the login shell does not answer", async () => {
    const { detect, runner } = world({ loginShell: 'hangs' });
    expect(await detect.execute()).toContainEqual({ id: 'claude', installed: false });
    expect(runner.runs.find((r) => r.command === 'claude --version')?.env.PATH).toBe('/usr/bin:/opt/host/bin');
  });

  it('keeps an answer for a while, then asks again so a CLI installed meanwhile shows up', async () => {
    const { detect, runner, clock } = world();
    await detect.execute();
    clock.advance(30_000);
    await detect.execute();
    expect(runner.runs.filter((r) => r.command === 'codex --version')).toHaveLength(1);
    runner.define('codex --version', () => ({ exitCode: 0, output: 'codex-cli 0.50.0\n' }));
    clock.advance(31_000);
    expect(await detect.execute()).toContainEqual({ id: 'codex', installed: true });
  });
});

describe('DetectInstalledClis on the real shell', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-detect-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const script = (path: string, body: string) => {
    writeFileSync(path, `#!/bin/sh\n${body}\n`);
    chmodSync(path, 0o755);
  };

  it('finds a claude on the PATH and no codex, with the built-in profiles', async () => {
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    script(join(bin, 'claude'), 'echo "2.0.0 (Claude Code)"');
    const detect = new DetectInstalledClis({
      profiles: new InMemoryProfileStore(builtinProfiles({ SHELL: '/bin/sh' })),
      runner: new ShellCommandRunner(),
      clock: new FixedClock(),
      env: { SHELL: '/bin/sh', PATH: `${bin}:/usr/bin:/bin`, HOME: dir },
      home: dir,
    });
    const found = await detect.execute();
    expect(found).toContainEqual({ id: 'claude', installed: true });
    expect(found).toContainEqual({ id: 'codex', installed: false });
    expect(found.map((f) => f.id)).not.toContain('shell');
  });

  it('finds a CLI that only the login shell puts on the PATH', async () => {
    const hidden = join(dir, 'login-only');
    mkdirSync(hidden);
    script(join(hidden, 'codex'), 'echo "codex-cli 0.50.0"');
    // A login shell whose start-up files add a folder and greet the user, as version managers' do.
    const shell = join(dir, 'login-shell');
    script(shell, `echo "Welcome"\nPATH="${hidden}:$PATH"; export PATH\nexec /bin/sh -c "$2"`);
    const detect = new DetectInstalledClis({
      profiles: new InMemoryProfileStore([profile('codex', 'codex --version')]),
      runner: new ShellCommandRunner(),
      clock: new FixedClock(),
      env: { SHELL: shell, PATH: '/usr/bin:/bin', HOME: dir },
      home: dir,
    });
    expect(await detect.execute()).toEqual([{ id: 'codex', installed: true }]);
  });
});
