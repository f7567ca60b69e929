/**
 * What a CLI command touches of its process, passed in so commands run in tests without spawning.
 * Exit codes (README): 0 success, 2 bad input (one line on stderr), 1 runtime failure.
 */
export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Resolves when the user asks the process to stop (STOP_SIGNALS). */
  readonly stopSignal?: () => Promise<string>;
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
/** `tessera wait`: the timeout passed before the agent got there. */
export const EXIT_TIMEOUT = 3;

/** The user's mistake: one line on stderr, exit 2, no stack. */
export class UsageError extends Error {}

/**
 * The signals that ask a command to stop: Ctrl-C, a polite kill, and the hang-up a terminal sends
 * when its window closes or its SSH connection drops. Left to Node's default, a hang-up ends the
 * process on the spot, and every agent it started runs on with no one to stop it.
 */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Resolves with the first stop signal. The handlers stay: the cleanup that follows (every agent's
 * process tree killed, bounded by the host's own timeout) must not be cut short by a second one,
 * and a closing terminal can deliver more than one hang-up.
 */
export function processStopSignal(): Promise<string> {
  return new Promise((resolve) => {
    for (const signal of STOP_SIGNALS) process.on(signal, () => resolve(signal));
  });
}
