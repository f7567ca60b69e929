import type { AgentToolsPreview } from '../domain/launch-preview';
import type { Agent } from '../domain/agent';
import type { AgentInvalidError } from '../domain/agent-validation';
import { composeContext } from '../domain/context';
import { planInjection, type InjectionError } from '../domain/injection';
import { parseSlug, type NameError } from '../domain/names';
import type { AgentHookSetup } from '../domain/ports/agent-hooks.port';
import type { AgentStore } from '../domain/ports/agent-store.port';
import type { UsageSource } from '../domain/ports/usage-source.port';
import type { Clock } from '../domain/ports/clock.port';
import type { EventBus } from '../domain/ports/event-bus.port';
import type { FileSystem, FsError } from '../domain/ports/file-system.port';
import type { GitWorktrees, NotAGitRepositoryError, WorktreeFailedError } from '../domain/ports/git.port';
import type { IdGenerator } from '../domain/ports/id-generator.port';
import type { ProfileStore } from '../domain/ports/profile-store.port';
import type { PtyPort, SpawnError } from '../domain/ports/pty.port';
import type { SkillStore } from '../domain/ports/skill-store.port';
import type { Profile } from '../domain/profile';
import { err, ok, type Result } from '../domain/result';
import type { SessionInfo, TerminalSize } from '../domain/session';
import type { Skill } from '../domain/skill';
import { clampSize, type SizeError } from '../domain/terminal-size';
import { worktreeLocation, type WorktreeLocation } from '../domain/worktree';
import type { SessionRegistry } from './session-registry';
import type { PrepareAgentWorktreeError, PrepareAgentWorktreeInput, PreparedWorktree } from './worktree-setup';

export interface LaunchAgentInput {
  readonly slug: string;
  readonly size: TerminalSize;
  /** Appended last (after the agent's own args): RestartSession passes the profile's resume args. */
  readonly extraArgs?: readonly string[];
}

export type LaunchAgentError =
  | NameError
  | SizeError
  | { readonly kind: 'agent-not-found'; readonly slug: string }
  | AgentInvalidError
  | { readonly kind: 'profile-not-found'; readonly profileId: string }
  | { readonly kind: 'workspace-unsupported'; readonly workspace: string; readonly message: string }
  | NotAGitRepositoryError
  | WorktreeFailedError
  | InjectionError
  /** A worktree agent's convention file would replace a file of that name the repository tracks. */
  | { readonly kind: 'injection-would-overwrite'; readonly target: string; readonly path: string }
  | FsError
  | PrepareAgentWorktreeError
  | SpawnError;

/**
 * Hands a session Tessera's agent tools: a capability of its own, written in an MCP configuration
 * whose path the profile's `mcpConfigArgs` pass to the CLI. Revoked when the session ends.
 */
export interface AgentToolsGrant {
  grant(input: { readonly sessionId: string; readonly slug: string; readonly projectRoot: string }): Result<{ readonly configPath: string }, FsError>;
  revoke(sessionId: string): void;
  /** What a grant would pass, for the trust question (nothing granted). */
  readonly preview?: AgentToolsPreview;
}

export interface LaunchAgentDeps {
  readonly projectRoot: string;
  readonly agents: AgentStore;
  readonly profiles: ProfileStore;
  readonly skills: SkillStore;
  readonly fs: FileSystem;
  readonly pty: PtyPort;
  readonly registry: SessionRegistry;
  readonly events: EventBus;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** The environment agents inherit (the app's own process env, passed in: the layer has no `process`). */
  readonly baseEnv: Readonly<Record<string, string>>;
  /** Where the agents' CLIs report their usage (a status line, their session files); without it none is reported. */
  readonly usage?: UsageSource;
  /** Tessera's tools for agents whose profile takes an MCP configuration; without it none get them. */
  readonly agentTools?: AgentToolsGrant;
  /** Per-launch hook settings for the CLIs that take them; without it agents run without Tessera's hooks. */
  readonly hooks?: AgentHookSetup;
  /**
   * For `workspace: worktree`: git, and Tessera's data dir (`<config>/tessera`) under which the
   * worktrees live. Without it that mode is refused as unsupported.
   */
  readonly worktrees?: {
    readonly git: GitWorktrees;
    readonly dataDir: string;
    /**
     * Runs once the worktree exists and before the agent starts (PrepareAgentWorktree: it records
     * the new branch's base and runs the project's set-up command); its failure stops the launch.
     */
    readonly prepare?: { execute(input: PrepareAgentWorktreeInput): Promise<Result<PreparedWorktree, PrepareAgentWorktreeError>> };
  };
}

interface Workspace {
  readonly cwd: string;
  readonly runDir: string;
  /** Set in `worktree` mode. */
  readonly worktree?: WorktreeLocation;
  /** What a worktree's set-up command printed, shown at the top of the agent's terminal. */
  readonly setupOutput?: string;
}

/**
 * Starts an agent in its own terminal. Steps, in this order: agent, profile,
 * skills (missing ones are reported, not fatal), workspace (a worktree agent's checkout and its set-up first),
 * context, injection files, spawn, stdin injection, register, announce. An agent with a live session gets that session back.
 */
export class LaunchAgent {
  /** Launches under way, so two quick clicks do not start the same agent twice. */
  private readonly inFlight = new Map<string, Promise<Result<SessionInfo, LaunchAgentError>>>();

  constructor(private readonly deps: LaunchAgentDeps) {}

  execute(input: LaunchAgentInput): Promise<Result<SessionInfo, LaunchAgentError>> {
    const pending = this.inFlight.get(input.slug);
    if (pending) return pending;
    const launch = this.launch(input).finally(() => this.inFlight.delete(input.slug));
    this.inFlight.set(input.slug, launch);
    return launch;
  }

  private async launch(input: LaunchAgentInput): Promise<Result<SessionInfo, LaunchAgentError>> {
    const { deps } = this;
    const slug = parseSlug(input.slug);
    if (!slug.ok) return slug;
    const size = clampSize(input.size);
    if (!size.ok) return size;

    const live = deps.registry.liveForAgent(slug.value);
    if (live) return ok(live);

    const listing = await deps.agents.get(slug.value);
    if (!listing) return err({ kind: 'agent-not-found', slug: slug.value });
    if (!listing.ok) return err({ kind: 'agent-invalid', slug: slug.value, message: listing.broken.error });
    const agent = listing.agent;

    const profile = await deps.profiles.get(agent.profile);
    if (!profile) return err({ kind: 'profile-not-found', profileId: agent.profile });

    const skills: Skill[] = [];
    const missingSkills: string[] = [];
    for (const name of agent.skills) {
      const skill = await deps.skills.resolve(name);
      if (skill) skills.push(skill);
      else missingSkills.push(name);
    }

    const root = deps.projectRoot;
    const workspace = await this.prepareWorkspace(agent);
    if (!workspace.ok) return workspace;
    const { cwd, runDir, worktree, setupOutput } = workspace.value;
    const context = composeContext({ projectRoot: root, agent, skills, ...(worktree ? { worktree } : {}) });
    const contextPath = deps.fs.join(runDir, 'context.md');

    const plan = planInjection({ inject: profile.inject, context, contextPath, projectRoot: root, cwd, workspace: agent.workspace, join: deps.fs.join.bind(deps.fs) });
    if (!plan.ok) return plan;
    if (worktree && profile.inject.kind === 'convention-file') {
      const kept = await this.keepConventionFileOutOfGit(cwd, profile.inject.target);
      if (!kept.ok) return kept;
    }
    for (const file of plan.value.files) {
      const written = await deps.fs.writeTextAtomic(file.path, file.text);
      if (!written.ok) return written;
    }

    // The session's id is its mark too: random, and a process can only ever carry the mark it was given.
    const id = deps.ids.next();
    let tools: string[] = [];
    if (profile.mcpConfigArgs && deps.agentTools) {
      const granted = deps.agentTools.grant({ sessionId: id, slug: agent.slug, projectRoot: root });
      if (!granted.ok) return granted;
      tools = profile.mcpConfigArgs.map((arg) => arg.replaceAll('{mcpConfig}', granted.value.configPath));
    }
    // Without its hooks an agent still runs, its status read from its terminal.
    const agentEnv = { ...deps.baseEnv, ...profile.env, ...agent.env, ...plan.value.env };
    const hooks = await deps.hooks?.prepare({ sessionId: id, command: profile.command, cwd, runDir, env: agentEnv }).catch(() => undefined);
    const env = {
      ...agentEnv,
      ...hooks?.env,
      TESSERA_AGENT: agent.slug,
      TESSERA_PROJECT_ROOT: root,
    };
    // Without its usage report an agent still runs; only its usage goes unreported.
    const usage = await deps.usage?.prepare({ sessionId: id, command: profile.command, cwd, env }).catch(() => undefined);
    // Hooks and the status line reach the CLI as one settings file: Claude Code reads one --settings.
    const settings = launchSettings([hooks, usage]);
    // Without the merged file the first addition's own settings still apply.
    if (settings.file) await deps.fs.writeTextAtomic(settings.file.path, settings.file.text);
    const spawned = deps.pty.spawn({
      command: profile.command,
      args: [...settings.args, ...this.args(profile, agent, root, [...tools, ...plan.value.args], input.extraArgs ?? [])],
      cwd,
      env,
      size: size.value,
      mark: id,
    });
    if (!spawned.ok) {
      usage?.dispose();
      deps.agentTools?.revoke(id);
      hooks?.dispose();
      // A missing CLI is said by the name the user chose it under.
      return spawned.error.kind === 'command-not-found' ? err({ ...spawned.error, profile: profile.name }) : spawned;
    }
    const handle = spawned.value;
    if (deps.agentTools) {
      const tools = deps.agentTools;
      handle.onExit(() => tools.revoke(id));
    }
    if (plan.value.stdin !== undefined) handle.write(plan.value.stdin);

    const info = deps.registry.add(
      {
        id,
        agent: agent.slug,
        agentName: agent.name,
        profile: profile.id,
        pid: handle.pid,
        cwd,
        status: 'starting',
        startedAt: deps.clock.now(),
        size: size.value,
        missingSkills,
      },
      handle,
      setupOutput,
    );
    if (usage) deps.registry.onExit(id, () => usage.dispose());
    if (hooks) deps.registry.onExit(id, () => hooks.dispose());
    deps.events.publish({ type: 'sessions.changed', session: info });
    return ok(info);
  }

  /**
   * The agent's cwd and its run dir (which always exists: it holds context.md in every mode, and
   * stays in the project, ignored, even for a worktree agent, so `{contextPath}` means one thing).
   */
  private async prepareWorkspace(agent: Agent): Promise<Result<Workspace, LaunchAgentError>> {
    const { fs, projectRoot } = this.deps;
    let worktree: { location: WorktreeLocation; cwd: string; repo: string; created: boolean } | undefined;
    if (agent.workspace === 'worktree') {
      const prepared = await this.prepareWorktree(agent);
      if (!prepared.ok) return prepared;
      worktree = prepared.value;
    }
    const tessera = fs.join(projectRoot, '.tessera');
    const runDir = fs.join(tessera, 'run', agent.slug);
    const made = await fs.mkdirp(runDir);
    if (!made.ok) return made;
    // Generated files must not end up in the user's commits; never replace their own ignore file.
    const ignore = fs.join(tessera, '.gitignore');
    if ((await fs.kind(ignore)) === 'missing') {
      const written = await fs.writeTextAtomic(ignore, 'run/\nlogs/\n');
      if (!written.ok) return written;
    }
    if (!worktree) return ok({ cwd: agent.workspace === 'project' ? projectRoot : runDir, runDir });
    const prepare = this.deps.worktrees?.prepare;
    let setupOutput: string | undefined;
    if (prepare) {
      const prepared = await prepare.execute({ slug: agent.slug, worktree: worktree.location.path, cwd: worktree.cwd, repo: worktree.repo, created: worktree.created });
      if (!prepared.ok) return prepared;
      if (prepared.value.ranSetup) setupOutput = setupBanner(prepared.value.command ?? '', prepared.value.output);
    }
    return ok({ cwd: worktree.cwd, runDir, worktree: worktree.location, ...(setupOutput !== undefined ? { setupOutput } : {}) });
  }

  /**
   * The agent's own checkout on branch `tessera/<slug>`, made on first launch from the
   * project's HEAD. Later launches reuse it whatever its state: uncommitted work in it is the agent's.
   * A project below its repository's top works in the same folder of the worktree.
   */
  private async prepareWorktree(agent: Agent): Promise<Result<{ location: WorktreeLocation; cwd: string; repo: string; created: boolean }, LaunchAgentError>> {
    const { fs, projectRoot, worktrees } = this.deps;
    if (!worktrees) {
      return err({ kind: 'workspace-unsupported', workspace: 'worktree', message: `Agent "${agent.name}" asks for a git worktree, which this Tessera cannot create; use workspace: run-dir or project.` });
    }
    const repo = await worktrees.git.repositoryRoot(projectRoot);
    if (!repo.ok) return repo;
    const location = worktreeLocation({ dataDir: worktrees.dataDir, projectRoot, slug: agent.slug, join: fs.join.bind(fs) });
    const state = await worktrees.git.worktreeState(location.path);
    if (state === 'not-a-worktree') {
      return err({ kind: 'worktree-failed', path: location.path, message: 'the folder exists but is not a git worktree; move it away and launch again' });
    }
    if (state === 'missing') {
      const added = await worktrees.git.addWorktree({ repo: repo.value.root, path: location.path, branch: location.branch });
      if (!added.ok) return added;
    }
    const sub = repo.value.subdirectory;
    const cwd = sub === '' ? location.path : fs.join(location.path, ...sub.split('/'));
    // The project's folder may hold nothing committed yet; an empty folder never shows in git status.
    const made = await fs.mkdirp(cwd);
    if (!made.ok) return made;
    return ok({ location, cwd, repo: repo.value.root, created: state === 'missing' });
  }

  /**
   * A convention file in a worktree must not show as a change in the user's repository. One the
   * repository tracks is refused (writing it would be an uncommitted edit of the user's file). An
   * untracked one is excluded through the repository's `info/exclude`: git has no per-worktree
   * exclude file (a linked worktree's `info/exclude` resolves to the shared one), and a per-worktree
   * `core.excludesFile` would need `extensions.worktreeConfig` in the user's repository config and
   * would replace their global excludes in that worktree. The cost of the shared file is one
   * root-anchored line (`/CLAUDE.md`), which also hides an untracked file of that name in the main
   * checkout; a tracked one there is never affected.
   */
  private async keepConventionFileOutOfGit(cwd: string, target: string): Promise<Result<void, LaunchAgentError>> {
    const git = this.deps.worktrees?.git;
    if (!git) return ok(undefined);
    if (await git.isTracked(cwd, target)) return err({ kind: 'injection-would-overwrite', target, path: this.deps.fs.join(cwd, target) });
    return git.excludeUntracked(cwd, target);
  }

  private args(profile: Profile, agent: Agent, root: string, injected: readonly string[], extra: readonly string[]): string[] {
    // Only {projectRoot} here: the context itself reaches the agent through the injection alone.
    const withRoot = (arg: string) => arg.replaceAll('{projectRoot}', root);
    const access = agent.workspace === 'run-dir' ? (profile.projectAccessArgs ?? []) : [];
    return [
      ...profile.args.map(withRoot),
      ...access.map(withRoot),
      ...injected,
      ...agent.args,
      ...extra,
    ];
  }
}

/** The set-up command and its output as terminal text: dimmed, lines ended the terminal's way, colours reset after. */
export function setupBanner(command: string, output: string): string {
  const body = output.replace(/\r?\n/g, '\r\n');
  const ended = body === '' || body.endsWith('\r\n') ? body : `${body}\r\n`;
  return `\x1b[2m$ ${command} (worktree set-up)\r\n${ended}\x1b[0m`;
}

/**
 * The arguments several per-launch additions give a CLI, with their `--settings` made one: a CLI
 * reads a single `--settings` (the last one given wins), so each addition's settings are merged into
 * the first one's file (`file`: what to write there before the launch). A file, not a JSON value on
 * the command line: Claude Code takes hooks only from settings files.
 */
export function launchSettings(launches: ReadonlyArray<{ readonly args: readonly string[]; readonly settings?: Readonly<Record<string, unknown>> } | undefined>): {
  readonly args: string[];
  readonly file?: { readonly path: string; readonly text: string };
} {
  const given = launches.filter((launch) => launch !== undefined);
  const withSettings = given.filter((launch) => launch.settings !== undefined);
  const first = withSettings[0];
  const path = first ? first.args[first.args.indexOf('--settings') + 1] : undefined;
  if (withSettings.length < 2 || path === undefined || first?.args.indexOf('--settings') === -1) return { args: given.flatMap((launch) => [...launch.args]) };
  const rest = given.flatMap((launch) => (launch.settings !== undefined ? withoutSettingsArg(launch.args) : [...launch.args]));
  return { args: [...rest, '--settings', path], file: { path, text: JSON.stringify(Object.assign({}, ...withSettings.map((launch) => launch.settings))) } };
}

function withoutSettingsArg(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--settings') i++;
    else out.push(args[i]!);
  }
  return out;
}
