/** A profile is data, not code: how to start one agent CLI and hand it its context. */
export type Injection =
  | { readonly kind: 'convention-file'; readonly target: string }
  | { readonly kind: 'args'; readonly args: readonly string[] }
  | { readonly kind: 'env'; readonly var: string; readonly value: string }
  | { readonly kind: 'stdin' };

export interface StatusPatterns {
  readonly needsInput: readonly string[];
  readonly busy: readonly string[];
  /**
   * `busy`: a program the agent runs (a command in its terminal's foreground, or anything on the
   * alternate screen: top, vim, a build) is the agent at work, whatever the busy patterns say, so
   * it never reads as finished while that runs (a shell). Absent for a CLI that draws its own
   * interface on the alternate screen or runs tools in the foreground: its prompt patterns decide.
   */
  readonly runningProgram?: 'busy';
}

export interface Profile {
  readonly id: string;
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** A command line that succeeds when the CLI is installed, e.g. `claude --version`. */
  readonly detect?: string;
  readonly inject: Injection;
  /** Args that give the agent access to the project root from its run directory; `{projectRoot}` is substituted. */
  readonly projectAccessArgs?: readonly string[];
  /**
   * Args that hand the CLI an MCP configuration for this launch only (`{mcpConfig}` is its path): how
   * an agent gets Tessera's tools without its own CLI configuration being touched.
   */
  readonly mcpConfigArgs?: readonly string[];
  readonly status: StatusPatterns;
  readonly resume?: { readonly args: readonly string[] };
  readonly builtin: boolean;
}
