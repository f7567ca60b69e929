import type { Result } from '../result';

export interface CommandRequest {
  /** One command line for the platform's shell (`/bin/sh -c` on POSIX, `cmd /c` on Windows): a project setting, not an argument list. */
  readonly command: string;
  readonly cwd: string;
  /** The whole environment of the command. */
  readonly env: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** Only the last this many bytes of output are kept. */
  readonly maxOutputBytes: number;
}

export interface CommandOutcome {
  /** The exit code; undefined when a signal ended it (or the timeout did). */
  readonly exitCode: number | undefined;
  readonly timedOut: boolean;
  /** Standard output and error as they came, at most `maxOutputBytes` of the end. */
  readonly output: string;
  readonly truncated: boolean;
}

export type CommandStartError = { readonly kind: 'command-start-failed'; readonly command: string; readonly message: string };

/**
 * Runs one command to its end, by role (a worktree's set-up command). Contract
 * (adapters/contracts/command-runner.contract.ts): the outcome of a command that started is a
 * value whatever its exit; at the timeout, and whenever the command ends, every process it
 * started is killed (its whole process group), so nothing outlives it.
 */
export interface CommandRunner {
  run(request: CommandRequest): Promise<Result<CommandOutcome, CommandStartError>>;
}
