import type { SignalSource } from './agent-signals';

/** Where one running (or ended) agent terminal stands. */
export type SessionStatus = 'starting' | 'busy' | 'idle' | 'needs-input' | 'exited' | 'failed';

export interface TerminalSize {
  readonly cols: number;
  readonly rows: number;
}

/** The range a PTY is sized within; the contract accepts the same (contract/terminal-size.ts, held equal by a test). */
export const MIN_SIZE: TerminalSize = { cols: 2, rows: 1 };
export const MAX_SIZE: TerminalSize = { cols: 1000, rows: 500 };

export interface SessionInfo {
  /** Random and unique; also the mark every process of the session carries (SpawnSpec.mark). */
  readonly id: string;
  readonly agent: string;
  readonly agentName: string;
  readonly profile: string;
  readonly pid: number;
  readonly cwd: string;
  readonly status: SessionStatus;
  readonly exitCode?: number;
  readonly reason?: string;
  readonly startedAt: number;
  readonly size: TerminalSize;
  /** Skills the agent lists that could not be found: reported, not fatal. */
  readonly missingSkills: readonly string[];
  /** What the live status was read from (the agent's hooks, a terminal notification or title, the screen). */
  readonly statusSource?: SignalSource;
  /** Turns the agent itself said it finished (its Stop event): each one is a "finished". */
  readonly turnsEnded?: number;
  /** What the agent is asking permission for, while it asks. */
  readonly approval?: PendingApproval;
}

/** A permission request waiting for the user. */
export interface PendingApproval {
  readonly id: string;
  readonly tool: string;
  /** The command, file or input, controls made visible. */
  readonly subject: string;
  /** Characters of the subject not shown (0: all of it is). */
  readonly omitted: number;
  readonly description?: string;
  /**
   * `hook`: Tessera answers through the hook the CLI waits on; `keys`: as the keys the CLI's own prompt
   * names, checked by the prompt going away; `terminal`: only the user, in the terminal.
   */
  readonly answer: 'hook' | 'keys' | 'terminal';
}

export function isLive(status: SessionStatus): boolean {
  return status !== 'exited' && status !== 'failed';
}
