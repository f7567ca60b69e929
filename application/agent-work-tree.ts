import type { AgentInvalidError } from '../domain/agent-validation';
import type { Agent } from '../domain/agent';
import { parseSlug, type NameError } from '../domain/names';
import type { AgentStore } from '../domain/ports/agent-store.port';
import type { GitWorktrees, NotAGitRepositoryError } from '../domain/ports/git.port';
import { err, ok, type Result } from '../domain/result';
import { worktreeLocation, type WorktreeLocation } from '../domain/worktree';

/** Where the agents of one project work, for the use cases that read and change their work. */
export interface AgentWorkTreeDeps {
  readonly projectRoot: string;
  readonly agents: AgentStore;
  readonly git: GitWorktrees;
  /** Tessera's data dir (`<config>/tessera`), under which worktree agents' worktrees live. */
  readonly dataDir: string;
  /** The platform's path join. */
  readonly join: (...segments: string[]) => string;
}

/** The checkout an agent's files are in. */
export type AgentWorkTree =
  /** Its own worktree on its own branch. `top` is the worktree; `repo` the project's checkout. */
  | { readonly kind: 'worktree'; readonly agent: Agent; readonly top: string; readonly repo: string; readonly location: WorktreeLocation }
  /** The project's checkout, shared with the user and the other agents that are not in worktrees. */
  | { readonly kind: 'shared'; readonly agent: Agent; readonly top: string; readonly repo: string };

export type AgentLookupError = NameError | { readonly kind: 'agent-not-found'; readonly slug: string } | AgentInvalidError;

export type AgentWorkTreeError =
  | AgentLookupError
  | NotAGitRepositoryError
  /** A worktree agent whose worktree does not exist (yet, or any more): launching the agent makes it. */
  | { readonly kind: 'worktree-missing'; readonly slug: string; readonly path: string };

export type NotAWorktreeAgentError = { readonly kind: 'not-a-worktree-agent'; readonly slug: string };

export async function findAgent(agents: AgentStore, slug: string): Promise<Result<Agent, AgentLookupError>> {
  const parsed = parseSlug(slug);
  if (!parsed.ok) return parsed;
  const listing = await agents.get(parsed.value);
  if (!listing) return err({ kind: 'agent-not-found', slug: parsed.value });
  if (!listing.ok) return err({ kind: 'agent-invalid', slug: parsed.value, message: listing.broken.error });
  return ok(listing.agent);
}

/**
 * The checkout an agent works in: its worktree in `worktree` mode, else the project's repository
 * (a `run-dir` agent runs in its own folder but edits the project).
 */
export async function locateAgentWorkTree(deps: AgentWorkTreeDeps, slug: string): Promise<Result<AgentWorkTree, AgentWorkTreeError>> {
  const agent = await findAgent(deps.agents, slug);
  if (!agent.ok) return agent;
  const repo = await deps.git.repositoryRoot(deps.projectRoot);
  if (!repo.ok) return repo;
  if (agent.value.workspace !== 'worktree') return ok({ kind: 'shared', agent: agent.value, top: repo.value.root, repo: repo.value.root });
  const location = worktreeLocation({ dataDir: deps.dataDir, projectRoot: deps.projectRoot, slug: agent.value.slug, join: deps.join });
  const state = await deps.git.worktreeState(location.path);
  if (state === 'missing' || state === 'not-a-worktree') return err({ kind: 'worktree-missing', slug: agent.value.slug, path: location.path });
  return ok({ kind: 'worktree', agent: agent.value, top: location.path, repo: repo.value.root, location });
}

/** As locateAgentWorkTree, for the use cases that only make sense for an agent on its own branch. */
export async function locateAgentWorktree(
  deps: AgentWorkTreeDeps,
  slug: string,
): Promise<Result<Extract<AgentWorkTree, { kind: 'worktree' }>, AgentWorkTreeError | NotAWorktreeAgentError>> {
  const located = await locateAgentWorkTree(deps, slug);
  if (!located.ok) return located;
  if (located.value.kind !== 'worktree') return err({ kind: 'not-a-worktree-agent', slug: located.value.agent.slug });
  return ok(located.value);
}
