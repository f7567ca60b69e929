import { spawn } from 'node:child_process';
import type { CommandOutcome, CommandRequest, CommandRunner, CommandStartError } from '../../domain/ports/command-runner.port';
import { err, ok, type Result } from '../../domain/result';

/**
 * CommandRunner on the platform's shell: `/bin/sh -c` (or `cmd.exe /d /s /c` on Windows), since
 * the command is a command line the project wrote, not an argument list. On POSIX the shell leads a
 * process group of its own, and the whole group is killed at the timeout and again when the shell
 * exits, so nothing the command started in the background outlives it.
 */
export class ShellCommandRunner implements CommandRunner {
  run(request: CommandRequest): Promise<Result<CommandOutcome, CommandStartError>> {
    const windows = process.platform === 'win32';
    const shell = windows ? (process.env.ComSpec ?? 'cmd.exe') : '/bin/sh';
    const args = windows ? ['/d', '/s', '/c', request.command] : ['-c', request.command];
    return new Promise((done) => {
      let settled = false;
      const finish = (result: Result<CommandOutcome, CommandStartError>) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        done(result);
      };
      const child = spawn(shell, args, {
        cwd: request.cwd,
        env: { ...request.env },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: !windows,
        windowsHide: true,
        // A command line for cmd.exe is passed as it is written.
        windowsVerbatimArguments: windows,
      });
      const tail = new OutputTail(request.maxOutputBytes);
      let timedOut = false;
      let exitCode: number | undefined;
      const killGroup = () => {
        if (child.pid === undefined) return;
        try {
          if (windows) child.kill('SIGKILL');
          else process.kill(-child.pid, 'SIGKILL');
        } catch {
          // The group is gone already.
        }
      };
      const timer = setTimeout(() => {
        timedOut = true;
        killGroup();
      }, request.timeoutMs);
      child.stdout.on('data', (chunk: Buffer) => tail.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => tail.push(chunk));
      child.on('error', (error) => finish(err({ kind: 'command-start-failed', command: request.command, message: error.message })));
      child.on('exit', (code) => {
        exitCode = code ?? undefined;
        // Whatever it left running in the background goes with it; then its pipes close.
        killGroup();
      });
      child.on('close', () => {
        const output = tail.text();
        finish(ok({ exitCode: timedOut ? undefined : exitCode, timedOut, output: output.text, truncated: output.truncated }));
      });
    });
  }
}

/** The last `max` bytes of a stream, cut at a character boundary. */
class OutputTail {
  private chunks: Buffer[] = [];
  private bytes = 0;
  private dropped = false;

  constructor(private readonly max: number) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.bytes += chunk.length;
    while (this.bytes - (this.chunks[0]?.length ?? 0) >= this.max && this.chunks.length > 1) {
      this.bytes -= this.chunks.shift()!.length;
      this.dropped = true;
    }
  }

  text(): { text: string; truncated: boolean } {
    const all = Buffer.concat(this.chunks);
    if (all.length <= this.max) return { text: all.toString('utf8'), truncated: this.dropped };
    let start = all.length - this.max;
    // Skip UTF-8 continuation bytes so the text never starts in the middle of a character.
    while (start < all.length && (all[start]! & 0xc0) === 0x80) start++;
    return { text: all.subarray(start).toString('utf8'), truncated: true };
  }
}
