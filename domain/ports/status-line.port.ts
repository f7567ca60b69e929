import type { AgentReport } from '../agent-report';

/** What a launch adds so the agent's CLI reports its usage to Tessera; withdrawn when the session ends. */
export interface StatusLineLaunch {
  readonly args: readonly string[];
  /** Removes the session's settings and report files. */
  dispose(): void;
}

/**
 * Per-launch status-line settings for a CLI that takes them (Claude Code's `--settings` file with a
 * `statusLine` command of Tessera's, which also runs the user's own status line and shows its output);
 * undefined for a CLI that does not. `report` answers the newest report of a session prepared here,
 * undefined until its CLI has reported.
 */
export interface StatusLineSetup {
  /** `env` is the environment the CLI will run with: where its own settings are (HOME, its config dir). */
  prepare(input: { readonly sessionId: string; readonly command: string; readonly cwd: string; readonly env: Readonly<Record<string, string>> }): Promise<StatusLineLaunch | undefined>;
  report(sessionId: string): AgentReport | undefined;
}
