/**
 * What a CLI command touches of its process, passed in so commands run in tests without spawning.
 * Exit codes (README): 0 success, 2 bad input (one line on stderr), 1 runtime failure.
 */
export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Resolves when the user asks the process to stop (SIGINT/SIGTERM). */
  readonly stopSignal?: () => Promise<string>;
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
/** `tessera wait`: the timeout passed before the agent got there. */
export const EXIT_TIMEOUT = 3;

/** The user's mistake: one line on stderr, exit 2, no stack. */
export class UsageError extends Error {}

/** Waits for SIGINT or SIGTERM once. */
export function processStopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string): void => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(signal);
    };
    const onInt = (): void => stop('SIGINT');
    const onTerm = (): void => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
}
