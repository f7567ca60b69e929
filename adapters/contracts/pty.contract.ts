import { describe, expect, it } from 'vitest';
import type { PtyExit, PtyHandle, PtyPort } from '../../domain/ports/pty.port';
import { eventually } from './eventually';

export interface PtyProgram {
  readonly command: string;
  readonly args: readonly string[];
}

/**
 * The programs every PTY must be able to run for this spec, and where:
 * - `echo`: prints `ready`, then `echo: <line>` for each input line;
 * - `exitWith(code)`: prints `bye` and exits with that code;
 * - `size`: prints `size <cols>x<rows>` at start and after each resize;
 * - `burst(bytes)`: prints `bytes` times `x`, then `END`, with no line break, and exits at once.
 */
export interface PtyWorld {
  readonly pty: PtyPort;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly echo: PtyProgram;
  readonly exitWith: (code: number) => PtyProgram;
  readonly size: PtyProgram;
  readonly burst: (bytes: number) => PtyProgram;
}

export function ptyContract(name: string, make: () => Promise<PtyWorld>): void {
  describe(`PtyPort contract: ${name}`, () => {
    const start = async (world: PtyWorld, program: PtyProgram, size = { cols: 80, rows: 24 }) => {
      const spawned = world.pty.spawn({ ...program, cwd: world.cwd, env: world.env, size });
      if (!spawned.ok) throw new Error(`spawn failed: ${JSON.stringify(spawned.error)}`);
      const handle = spawned.value;
      let output = '';
      handle.onData((data) => (output += data));
      const exits: PtyExit[] = [];
      handle.onExit((exit) => exits.push(exit));
      return { handle, output: () => output, exits };
    };

    const stop = (handle: PtyHandle) => handle.kill();

    it("streams the program's output", async () => {
      const world = await make();
      const run = await start(world, world.echo);
      await eventually(() => run.output().includes('ready'), 'ready');
      expect(run.handle.pid).toBeGreaterThan(0);
      stop(run.handle);
    });

    it('has no foreground job of another process group while the program itself reads, nor after it exited', async () => {
      const world = await make();
      const run = await start(world, world.echo);
      await eventually(() => run.output().includes('ready'), 'ready');
      expect(run.handle.foregroundJob()).not.toBe(true);
      stop(run.handle);
      await eventually(() => run.exits.length > 0, 'exit');
      expect(run.handle.foregroundJob()).toBe(false);
    });

    it('delivers written input to the program', async () => {
      const world = await make();
      const run = await start(world, world.echo);
      await eventually(() => run.output().includes('ready'), 'ready');
      run.handle.write('hello pty\r');
      await eventually(() => run.output().includes('echo: hello pty'), 'the echoed line');
      stop(run.handle);
    });

    it('reports the exit code once, and a late listener gets the recorded exit', async () => {
      const world = await make();
      const run = await start(world, world.exitWith(3));
      await eventually(() => run.exits.length > 0, 'exit');
      expect(run.exits).toEqual([{ exitCode: 3 }]);
      expect(run.output()).toContain('bye');
      const late: PtyExit[] = [];
      run.handle.onExit((exit) => late.push(exit));
      expect(late).toEqual([{ exitCode: 3 }]);
    });

    it('ends a running program on kill, and a second kill or a late write is harmless', async () => {
      const world = await make();
      const run = await start(world, world.echo);
      await eventually(() => run.output().includes('ready'), 'ready');
      run.handle.kill();
      await eventually(() => run.exits.length > 0, 'exit after kill');
      run.handle.kill();
      run.handle.write('ignored\r');
      run.handle.resize({ cols: 10, rows: 5 });
      expect(run.exits).toHaveLength(1);
    });

    it('refuses a command that is not on the PATH, naming it', async () => {
      const world = await make();
      const spawned = world.pty.spawn({ command: 'tessera-no-such-command', args: [], cwd: world.cwd, env: world.env, size: { cols: 80, rows: 24 } });
      expect(spawned).toEqual({ ok: false, error: { kind: 'command-not-found', command: 'tessera-no-such-command' } });
    });

    it('starts the program at the size asked and passes resizes on', async () => {
      const world = await make();
      const run = await start(world, world.size, { cols: 91, rows: 31 });
      await eventually(() => run.output().includes('size 91x31'), 'initial size');
      run.handle.resize({ cols: 120, rows: 40 });
      await eventually(() => run.output().includes('size 120x40'), 'size after resize');
      stop(run.handle);
    });

    it('keeps output flowing after a pause is resumed', async () => {
      const world = await make();
      const run = await start(world, world.echo);
      await eventually(() => run.output().includes('ready'), 'ready');
      run.handle.pause();
      run.handle.write('while paused\r');
      run.handle.resume();
      await eventually(() => run.output().includes('echo: while paused'), 'output after resume');
      stop(run.handle);
    });

    it('delivers every byte a program printed before it reports the exit, for a program that prints and exits at once', async () => {
      const world = await make();
      const bytes = 200_000;
      // Several at once: losing the tail is a race, and each run is another chance to lose it.
      const runs = await Promise.all(Array.from({ length: 6 }, () => start(world, world.burst(bytes))));
      const atExit = await Promise.all(
        runs.map(
          (run) =>
            new Promise<string>((resolve) => {
              run.handle.onExit(() => resolve(run.output()));
            }),
        ),
      );
      for (const output of atExit) expect({ length: output.length, end: output.slice(-8) }).toEqual({ length: bytes + 3, end: 'xxxxxEND' });
    });

    it('delivers the output a paused PTY still holds before it reports the exit', async () => {
      const world = await make();
      const run = await start(world, world.burst(2000));
      run.handle.pause();
      const atExit = await new Promise<string>((resolve) => {
        run.handle.onExit(() => resolve(run.output()));
      });
      expect({ length: atExit.length, end: atExit.slice(-8) }).toEqual({ length: 2003, end: 'xxxxxEND' });
    });
  });
}
