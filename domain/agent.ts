/** One agent = one persona file `.tessera/agents/<slug>.md`. */
export type WorkspaceMode = 'run-dir' | 'project' | 'worktree';
export const WORKSPACE_MODES: readonly WorkspaceMode[] = ['run-dir', 'project', 'worktree'];

export type RestartPolicy = 'never' | 'on-failure';

export interface Agent {
  readonly slug: string;
  readonly name: string;
  readonly profile: string;
  readonly skills: readonly string[];
  readonly workspace: WorkspaceMode;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** The markdown body: the persona. */
  readonly persona: string;
  /** Optional frontmatter `restart`; absent means never. */
  readonly restart?: RestartPolicy;
  /** Optional frontmatter `budget`: US dollars a day it may spend (as its CLI reports, or at the user's prices) before the user is warned (never stopped). */
  readonly budget?: number;
}

/** A persona file that does not parse: listed with its error, never rewritten or deleted. */
export interface BrokenAgent {
  readonly slug: string;
  readonly error: string;
}

export type AgentListing = { readonly ok: true; readonly agent: Agent } | { readonly ok: false; readonly broken: BrokenAgent };
