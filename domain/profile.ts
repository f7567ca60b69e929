/** A profile is data, not code: how to start one agent CLI and hand it its context (DESIGN §3). */
export type Injection =
  | { readonly kind: 'convention-file'; readonly target: string }
  | { readonly kind: 'args'; readonly args: readonly string[] }
  | { readonly kind: 'env'; readonly var: string; readonly value: string }
  | { readonly kind: 'stdin' };

export interface StatusPatterns {
  readonly needsInput: readonly string[];
  readonly busy: readonly string[];
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
