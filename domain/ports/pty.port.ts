import type { Result } from '../result';
import type { TerminalSize } from '../session';
import type { Disposable } from './disposable';

export interface SpawnSpec {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** The complete environment of the child (the caller merges the parent's in). */
  readonly env: Readonly<Record<string, string>>;
  readonly size: TerminalSize;
  /**
   * A random value unique to this session. Every process the session starts carries it (in its
   * environment), whatever process group or session it moves to, so `kill` reaches the ones that
   * left (a `setsid`, a daemon) and a later run can find them after a crash.
   */
  readonly mark?: string;
}

export type SpawnError =
  /** `profile`: the name of the profile whose CLI it is, where a launch knows it. */
  | { readonly kind: 'command-not-found'; readonly command: string; readonly profile?: string }
  | { readonly kind: 'spawn-failed'; readonly command: string; readonly message: string };

/** One live pseudo-terminal. Output is pushed; input is written. */
export interface PtyHandle {
  readonly pid: number;
  write(data: string): void;
  resize(size: TerminalSize): void;
  /**
   * Idempotent: killing an exited process is not an error. Kills the whole process group and
   * session, and every process carrying the spawn's mark (after the leader exited too: what it left).
   */
  kill(): void;
  /** Stops reading output (flow control); the child blocks once the kernel buffer fills. */
  pause(): void;
  resume(): void;
  onData(listener: (data: string) => void): Disposable;
  /** Fires once. Listeners added after exit are called at once with the recorded exit. */
  onExit(listener: (exit: PtyExit) => void): Disposable;
  /**
   * Whether a process group other than the spawned program's holds the terminal's foreground: a
   * shell running a command (top, a build, `sleep`). False once the program has exited; undefined
   * where the system cannot tell.
   */
  foregroundJob(): boolean | undefined;
}

export interface PtyExit {
  readonly exitCode: number;
  readonly signal?: number;
}

export interface PtyPort {
  spawn(spec: SpawnSpec): Result<PtyHandle, SpawnError>;
}
