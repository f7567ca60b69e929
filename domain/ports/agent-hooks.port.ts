import type { Disposable } from './disposable';

/** One hook event an agent's hook command passed on, from the session whose secret it carried. */
export interface HookCall {
  readonly sessionId: string;
  /** The CLI's JSON payload, unparsed beyond JSON. */
  readonly payload: unknown;
  /** The hook command waits for an answer (a permission request); an event does not. */
  readonly waiting: boolean;
  /**
   * Sends the hook command what to print for its CLI (undefined: nothing, the CLI decides itself) and
   * lets it exit. True when the hook command was still there to receive it. Only the first answer counts.
   */
  answer(stdout: string | undefined): boolean;
  /** Called once when the hook command is gone without an answer from Tessera (the CLI stopped waiting, or it timed out). */
  onGone(listener: () => void): Disposable;
}

/** Where an agent's hook command reaches the host, for one session. */
export interface HookAccess {
  /** The environment the hook command needs (the socket and the session's secret). */
  readonly env: Readonly<Record<string, string>>;
  /** A folder only Tessera writes, for this session's per-launch settings files. */
  readonly dir: string;
  /** The hook program's command line prefix (node and the script, or the app's binary and its hook flag), quoted for a shell. */
  readonly command: string;
  /** Withdraws the secret: calls carrying it are refused from then on. */
  dispose(): void;
}

/**
 * The local channel agents' hook commands reach the host through: a Unix socket only the user can
 * open, and per session a secret that names the session (a call without a known secret is dropped).
 */
export interface AgentHookChannel {
  /** A secret and settings folder for a new session. */
  open(sessionId: string): Promise<HookAccess>;
  /** `listener` returns true when the call is for one of its sessions; a call nobody takes is let go unanswered. */
  onCall(listener: (call: HookCall) => boolean): Disposable;
  close(): Promise<void>;
}

/** What a launch adds so the agent's CLI runs Tessera's hook command at its events. */
export interface HookLaunch {
  readonly args: readonly string[];
  /** What `args` passes as `--settings`, so a launch that passes other settings too can make them one. */
  readonly settings?: Readonly<Record<string, unknown>>;
  readonly env: Readonly<Record<string, string>>;
  /** Withdraws the session's secret and removes its settings files. */
  dispose(): void;
}

/** What a hook setup knows of the launch it prepares. */
export interface HookLaunchInput {
  readonly sessionId: string;
  readonly command: string;
  /** The agent's working directory. */
  readonly cwd?: string;
  /** The agent's run dir: Tessera's own folder, where nothing of the user's lives. */
  readonly runDir?: string;
  /** The environment the agent starts with, before the setup's own additions: where the CLI finds the user's files. */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * Per-launch hook settings for a CLI that takes them (a settings file passed on its command line, or
 * one in Tessera's own run dir); undefined for a CLI that does not, which then runs as it would without Tessera.
 */
export interface AgentHookSetup {
  prepare(input: HookLaunchInput): Promise<HookLaunch | undefined>;
}
