import { describe, expect, it } from 'vitest';
import { FakeCommandRunner } from '../adapters/memory/fake-command-runner';
import { InMemoryFileSystem } from '../adapters/memory/in-memory-file-system';
import { PrepareAgentWorktree, ReadProjectSettings } from './worktree-setup';

const ROOT = '/home/u/shop';
const WT = '/home/u/.config/tessera/worktrees/shop-1234/rev';
const SETTINGS = `${ROOT}/.tessera/settings.json`;
const MARKER = `${ROOT}/.tessera/run/rev/worktree-setup.json`;

async function world(settings?: string) {
  const fs = new InMemoryFileSystem();
  await fs.mkdirp(`${ROOT}/.tessera`);
  if (settings !== undefined) await fs.writeTextAtomic(SETTINGS, settings);
  const runner = new FakeCommandRunner()
    .define('cp "$TESSERA_PROJECT_ROOT/.env" . && npm ci', () => ({ exitCode: 0, output: 'added 12 packages\n' }))
    .define('npm ci', () => ({ exitCode: 1, output: 'npm ERR! missing lock file\n' }))
    .define('sleep forever', () => 'hangs');
  const bases: string[] = [];
  const prepare = new PrepareAgentWorktree({
    fs,
    projectRoot: ROOT,
    runner,
    baseEnv: { PATH: '/usr/bin', HOME: '/home/u' },
    settings: new ReadProjectSettings({ fs, projectRoot: ROOT }),
    recordBase: { execute: async (input) => bases.push(`${input.slug} ${input.worktree}`) },
  });
  const input = (created: boolean) => ({ slug: 'rev', worktree: WT, cwd: `${WT}/app`, repo: ROOT, created });
  return { fs, runner, bases, prepare, input };
}

const setup = (command: string, extra: Record<string, unknown> = {}) => JSON.stringify({ worktree: { setup: command, ...extra } });

describe('preparing an agent worktree', () => {
  it('runs the project’s set-up command in a new worktree, in the agent’s folder, with the project root in its environment', async () => {
    const w = await world(setup('cp "$TESSERA_PROJECT_ROOT/.env" . && npm ci'));
    expect(await w.prepare.execute(w.input(true))).toEqual({ ok: true, value: { ranSetup: true, command: 'cp "$TESSERA_PROJECT_ROOT/.env" . && npm ci', output: 'added 12 packages\n' } });
    expect(w.runner.runs).toHaveLength(1);
    expect(w.runner.runs[0]).toMatchObject({
      cwd: `${WT}/app`,
      timeoutMs: 600_000,
      env: { PATH: '/usr/bin', HOME: '/home/u', TESSERA_AGENT: 'rev', TESSERA_PROJECT_ROOT: ROOT, TESSERA_WORKTREE: WT },
    });
    expect(w.bases).toEqual([`rev ${WT}`]);
    // A worktree that exists already is not set up again.
    expect(await w.prepare.execute(w.input(false))).toEqual({ ok: true, value: { ranSetup: false, output: '' } });
    expect(w.runner.runs).toHaveLength(1);
  });

  it('fails with the command’s output when it fails or times out, and runs it again on the next launch', async () => {
    const w = await world(setup('npm ci'));
    expect(await w.prepare.execute(w.input(true))).toEqual({
      ok: false,
      error: { kind: 'worktree-setup-failed', slug: 'rev', command: 'npm ci', exitCode: 1, timedOut: false, output: 'npm ERR! missing lock file\n' },
    });
    const marker = await w.fs.readText(MARKER);
    expect(marker.ok && JSON.parse(marker.value)).toEqual({ worktree: WT, state: 'pending' });
    await w.prepare.execute(w.input(false));
    expect(w.runner.runs).toHaveLength(2);

    const slow = await world(setup('sleep forever', { setupTimeoutSeconds: 5 }));
    expect(await slow.prepare.execute(slow.input(true))).toMatchObject({ ok: false, error: { kind: 'worktree-setup-failed', timedOut: true, exitCode: undefined } });
    expect(slow.runner.runs[0]?.timeoutMs).toBe(5000);
  });

  it('runs nothing without a set-up command, and refuses a settings file that does not parse', async () => {
    const none = await world();
    expect(await none.prepare.execute(none.input(true))).toEqual({ ok: true, value: { ranSetup: false, output: '' } });
    const empty = await world('{}');
    expect(await empty.prepare.execute(empty.input(true))).toEqual({ ok: true, value: { ranSetup: false, output: '' } });
    const broken = await world('{ "worktree": { "setup": 42 } }');
    expect(await broken.prepare.execute(broken.input(true))).toEqual({ ok: false, error: { kind: 'project-settings-invalid', path: SETTINGS, reason: '"worktree.setup" must be a command line' } });
    expect([...none.runner.runs, ...empty.runner.runs, ...broken.runner.runs]).toEqual([]);
  });
});
