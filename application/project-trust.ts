import type { AgentListing } from '../domain/agent';
import { launchPreview, type AgentToolsPreview, type LaunchPreview } from '../domain/launch-preview';
import { parseSlug, type NameError } from '../domain/names';
import type { AgentStore, StoreWriteError } from '../domain/ports/agent-store.port';
import type { ProfileStore } from '../domain/ports/profile-store.port';
import type { ProjectTrust } from '../domain/ports/project-trust.port';
import type { ProjectSettings, ProjectSettingsInvalidError } from '../domain/project-settings';
import { err, ok, type Result } from '../domain/result';
import type { SessionInfo } from '../domain/session';
import type { LaunchAgentError, LaunchAgentInput } from './launch-agent';

/**
 * Project trust. A persona file names the command its agent runs, so a cloned
 * repository that ships `.tessera/agents/` could run anything the moment an agent is launched, or
 * the moment the project is opened if it also asked for relaunch. The rules:
 * - no agent is launched in a project the user has not trusted; the refusal carries what would
 *   have run, so the UI can ask "Trust this project?" with the facts in front of the user;
 * - a project that has no agent when it is opened is trusted then: everything that runs in it
 *   later was created by the user in Tessera (this covers a project whose `.tessera/` Tessera
 *   itself creates);
 * - trust and relaunch-on-open live in user config keyed by the project root, never in the
 *   project, which a clone controls;
 * - agents imported from `.claude` count as the project's own: the import withdraws the trust
 *   (ImportAgents), and the question shows what each command line grants without asking;
 * - `tessera run` (the CLI) does not ask: the user typed the command naming the agent.
 */

export interface AgentLaunchPreview extends LaunchPreview {
  readonly slug: string;
  readonly name: string;
  /** Set when this agent cannot be launched at all; command and args are then empty. */
  readonly error?: string;
}

export interface ProjectTrustInfo {
  readonly root: string;
  readonly trusted: boolean;
  readonly relaunchOnOpen: boolean;
  readonly agents: readonly AgentLaunchPreview[];
  /** The project's set-up command, run in each new worktree before its agent starts. */
  readonly worktreeSetup?: string;
  /** Why `.tessera/settings.json` cannot be read (nothing it names runs then). */
  readonly settingsError?: string;
}

export type ProjectUntrustedError = {
  readonly kind: 'project-untrusted';
  readonly root: string;
  readonly slug: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly envKeys: readonly string[];
  /** For a worktree agent: the project's set-up command, which would run first. */
  readonly setupCommand?: string;
  readonly grants: readonly string[];
  readonly agentTools?: LaunchPreview['agentTools'];
};

export interface ProjectTrustDeps {
  readonly projectRoot: string;
  readonly trust: ProjectTrust;
  readonly agents: AgentStore;
  readonly profiles: ProfileStore;
  /** The project's settings (ReadProjectSettings): what they would run is part of what trust shows. */
  readonly settings?: { execute(): Promise<Result<ProjectSettings, ProjectSettingsInvalidError>> };
  /** What launches hand agents of Tessera's tools (MCP), shown with the commands; without it launches hand none. */
  readonly agentTools?: AgentToolsPreview;
}

async function previewOf(deps: ProjectTrustDeps, listing: AgentListing): Promise<AgentLaunchPreview> {
  if (!listing.ok) return { slug: listing.broken.slug, name: listing.broken.slug, command: '', args: [], envKeys: [], grants: [], error: listing.broken.error };
  const agent = listing.agent;
  const profile = await deps.profiles.get(agent.profile);
  if (!profile) return { slug: agent.slug, name: agent.name, command: '', args: [], envKeys: [], grants: [], error: `there is no profile "${agent.profile}"` };
  return { slug: agent.slug, name: agent.name, ...launchPreview(agent, profile, deps.projectRoot, deps.agentTools) };
}

/** Is the project trusted, is relaunch on, and what would each agent run. */
export class DescribeProjectTrust {
  constructor(private readonly deps: ProjectTrustDeps) {}

  async execute(): Promise<ProjectTrustInfo> {
    const { deps } = this;
    const [record, listings] = await Promise.all([deps.trust.get(deps.projectRoot), deps.agents.list()]);
    const agents: AgentLaunchPreview[] = [];
    for (const listing of listings) agents.push(await previewOf(deps, listing));
    const settings = await deps.settings?.execute();
    return {
      root: deps.projectRoot,
      trusted: record.trusted,
      relaunchOnOpen: record.relaunchOnOpen,
      agents,
      ...(settings?.ok && settings.value.worktreeSetup ? { worktreeSetup: settings.value.worktreeSetup.command } : {}),
      ...(settings && !settings.ok ? { settingsError: settings.error.reason } : {}),
    };
  }
}

export class IsProjectTrusted {
  constructor(private readonly deps: Pick<ProjectTrustDeps, 'projectRoot' | 'trust'>) {}

  async execute(): Promise<boolean> {
    return (await this.deps.trust.get(this.deps.projectRoot)).trusted;
  }
}

/** The user said yes: the project's agents may run from now on. Answers with the new state. */
export class TrustProject {
  constructor(private readonly deps: ProjectTrustDeps) {}

  async execute(): Promise<Result<ProjectTrustInfo, StoreWriteError>> {
    const saved = await this.deps.trust.trust(this.deps.projectRoot);
    if (!saved.ok) return saved;
    return ok(await new DescribeProjectTrust(this.deps).execute());
  }
}

/** The user's relaunch-on-open choice for this project (acted on only while it is trusted). */
export class SetRelaunchOnOpen {
  constructor(private readonly deps: ProjectTrustDeps) {}

  async execute(input: { readonly enabled: boolean }): Promise<Result<ProjectTrustInfo, StoreWriteError>> {
    const saved = await this.deps.trust.setRelaunchOnOpen(this.deps.projectRoot, input.enabled);
    if (!saved.ok) return saved;
    return ok(await new DescribeProjectTrust(this.deps).execute());
  }
}

/**
 * On open: a project with no agent at all has nothing of its own to run, so it is trusted (the
 * user creates its agents here). One that ships agents stays as it was. Answers whether the project is trusted now.
 */
export class TrustIfNothingToRun {
  constructor(private readonly deps: Pick<ProjectTrustDeps, 'projectRoot' | 'trust' | 'agents' | 'settings'>) {}

  async execute(): Promise<Result<boolean, StoreWriteError>> {
    const { deps } = this;
    if ((await deps.trust.get(deps.projectRoot)).trusted) return ok(true);
    if ((await deps.agents.list()).length > 0) return ok(false);
    // A worktree set-up command the project came with runs like an agent's command: it is asked about too.
    const settings = await deps.settings?.execute();
    if (settings && (!settings.ok || settings.value.worktreeSetup)) return ok(false);
    const saved = await deps.trust.trust(deps.projectRoot);
    return saved.ok ? ok(true) : saved;
  }
}

/**
 * Launch, but only in a trusted project. An untrusted one answers 'project-untrusted' with the
 * command line the launch would have run, and runs nothing.
 */
export class LaunchIfTrusted {
  constructor(
    private readonly deps: ProjectTrustDeps & {
      readonly launch: { execute(input: LaunchAgentInput): Promise<Result<SessionInfo, LaunchAgentError>> };
    },
  ) {}

  async execute(input: LaunchAgentInput): Promise<Result<SessionInfo, LaunchAgentError | ProjectUntrustedError | NameError>> {
    const { deps } = this;
    if ((await deps.trust.get(deps.projectRoot)).trusted) return deps.launch.execute(input);
    const slug = parseSlug(input.slug);
    if (!slug.ok) return slug;
    const listing = await deps.agents.get(slug.value);
    if (!listing) return err({ kind: 'agent-not-found', slug: slug.value });
    const preview = await previewOf(deps, listing);
    if (preview.error !== undefined) {
      // Nothing could run anyway: say what is wrong with the agent, not with the project.
      return listing.ok
        ? err({ kind: 'profile-not-found', profileId: listing.agent.profile })
        : err({ kind: 'agent-invalid', slug: slug.value, message: listing.broken.error });
    }
    const settings = listing.ok && listing.agent.workspace === 'worktree' ? await deps.settings?.execute() : undefined;
    const setupCommand = settings?.ok ? settings.value.worktreeSetup?.command : undefined;
    return err({
      kind: 'project-untrusted',
      root: deps.projectRoot,
      slug: slug.value,
      command: preview.command,
      args: preview.args,
      envKeys: preview.envKeys,
      ...(setupCommand !== undefined ? { setupCommand } : {}),
      grants: preview.grants,
      ...(preview.agentTools ? { agentTools: preview.agentTools } : {}),
    });
  }
}
