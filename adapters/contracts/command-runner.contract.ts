import { describe, expect, it } from 'vitest';
import type { CommandRunner } from '../../domain/ports/command-runner.port';

/**
 * The commands every runner must be able to run for this spec:
 * - `succeed`: prints `done` and exits 0;
 * - `fail`: prints `broken` and exits 3;
 * - `whereAmI`: prints the folder it runs in and the value of $GREETING;
 * - `hang`: runs until stopped;
 * - `chatty`: prints the lines `line 1` .. `line 2000` and exits 0.
 */
export interface CommandRunnerWorld {
  readonly runner: CommandRunner;
  readonly cwd: string;
  readonly commands: { readonly succeed: string; readonly fail: string; readonly whereAmI: string; readonly hang: string; readonly chatty: string };
}

export function commandRunnerContract(name: string, make: () => Promise<CommandRunnerWorld>): void {
  describe(`CommandRunner contract: ${name}`, () => {
    const request = (w: CommandRunnerWorld, command: string, extra: { timeoutMs?: number; maxOutputBytes?: number; env?: Record<string, string> } = {}) => ({
      command,
      cwd: w.cwd,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...extra.env },
      timeoutMs: extra.timeoutMs ?? 20_000,
      maxOutputBytes: extra.maxOutputBytes ?? 64 * 1024,
    });

    it('answers the exit code and output of a command that succeeds or fails', async () => {
      const w = await make();
      expect(await w.runner.run(request(w, w.commands.succeed))).toEqual({ ok: true, value: { exitCode: 0, timedOut: false, output: 'done\n', truncated: false } });
      expect(await w.runner.run(request(w, w.commands.fail))).toEqual({ ok: true, value: { exitCode: 3, timedOut: false, output: 'broken\n', truncated: false } });
    });

    it('runs the command in the folder and with the environment given', async () => {
      const w = await make();
      const ran = await w.runner.run(request(w, w.commands.whereAmI, { env: { GREETING: 'hello there' } }));
      expect(ran).toEqual({ ok: true, value: { exitCode: 0, timedOut: false, output: `${w.cwd}\nhello there\n`, truncated: false } });
    });

    it('stops a command at its timeout and says so', async () => {
      const w = await make();
      const ran = await w.runner.run(request(w, w.commands.hang, { timeoutMs: 300 }));
      expect(ran).toMatchObject({ ok: true, value: { exitCode: undefined, timedOut: true } });
    });

    it('keeps only the end of a long output', async () => {
      const w = await make();
      const ran = await w.runner.run(request(w, w.commands.chatty, { maxOutputBytes: 100 }));
      if (!ran.ok) throw new Error('did not run');
      expect(ran.value.truncated).toBe(true);
      expect(ran.value.output.length).toBeLessThanOrEqual(100);
      expect(ran.value.output.endsWith('line 2000\n')).toBe(true);
      expect(ran.value.exitCode).toBe(0);
    });
  });
}
