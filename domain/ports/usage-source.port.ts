import type { AgentReport } from '../agent-report';

/** What a launch adds so the agent's CLI reports its usage to Tessera (arguments, possibly none); withdrawn when the session ends. */
export interface UsageLaunch {
  readonly args: readonly string[];
  /** What `args` passes as `--settings`, so a launch that passes other settings too can make them one. */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** Removes the session's settings and report files. */
  dispose(): void;
}

/**
 * Where a CLI's own usage reports come from, per launch: Claude Code's status line (a `--settings`
 * file with a `statusLine` command of Tessera's, which also runs the user's own status line), or the
 * session files Codex and Gemini write of their own accord (nothing to add to the launch, only the
 * session to follow). `prepare` answers undefined for a CLI this source does not read. `report`
 * answers the newest report of a session prepared here, undefined until its CLI has reported.
 */
export interface UsageSource {
  /** `env` is the environment the CLI will run with: where its own settings are (HOME, its config dir). */
  prepare(input: { readonly sessionId: string; readonly command: string; readonly cwd: string; readonly env: Readonly<Record<string, string>> }): Promise<UsageLaunch | undefined>;
  report(sessionId: string): AgentReport | undefined;
}
