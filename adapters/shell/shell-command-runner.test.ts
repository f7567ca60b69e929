import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commandRunnerContract } from '../contracts/command-runner.contract';
import { eventually } from '../contracts/eventually';
import { processAlive } from '../contracts/process-alive';
import { ShellCommandRunner } from './shell-command-runner';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const scratchDir = () => {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'tessera-shell-')));
  dirs.push(dir);
  return dir;
};

commandRunnerContract('ShellCommandRunner', async () => ({
  runner: new ShellCommandRunner(),
  cwd: scratchDir(),
  commands: {
    succeed: 'echo done',
    fail: 'echo broken; exit 3',
    whereAmI: 'pwd; echo "$GREETING"',
    hang: 'sleep 30',
    chatty: 'i=1; while [ $i -le 2000 ]; do echo "line $i"; i=$((i+1)); done',
  },
}));

const PATH_ONLY = { PATH: process.env.PATH ?? '/usr/bin:/bin' };

describe('ShellCommandRunner', () => {
  it('kills what the command left running in the background once it ends', async () => {
    const ran = await new ShellCommandRunner().run({ command: 'sleep 30 & echo $!', cwd: scratchDir(), env: PATH_ONLY, timeoutMs: 20_000, maxOutputBytes: 1024 });
    if (!ran.ok) throw new Error('did not run');
    expect(ran.value).toMatchObject({ exitCode: 0, timedOut: false });
    const pid = Number(ran.value.output.trim());
    expect(pid).toBeGreaterThan(0);
    await eventually(() => !processAlive(pid), 'the background sleep to be killed');
  });

  it('kills the whole process group at the timeout', async () => {
    const ran = await new ShellCommandRunner().run({ command: 'sh -c "sleep 30" & echo $!; sleep 30', cwd: scratchDir(), env: PATH_ONLY, timeoutMs: 500, maxOutputBytes: 1024 });
    if (!ran.ok) throw new Error('did not run');
    expect(ran.value).toMatchObject({ timedOut: true, exitCode: undefined });
    const pid = Number(ran.value.output.trim());
    expect(pid).toBeGreaterThan(0);
    await eventually(() => !processAlive(pid), 'the child to be killed with its group');
  });

  it('answers a failure to start (a missing folder) as a value', async () => {
    const ran = await new ShellCommandRunner().run({ command: 'echo x', cwd: join(scratchDir(), 'missing'), env: {}, timeoutMs: 5000, maxOutputBytes: 10 });
    expect(ran).toMatchObject({ ok: false, error: { kind: 'command-start-failed', command: 'echo x' } });
  });
});
