import { homedir } from 'node:os';
import { DetectInstalledClis } from '../../application/detect-installed-clis';
import { join } from 'node:path';
import { JsonProjectTrust } from '../../adapters/fs-stores/json-project-trust';
import { RecentProjects } from '../../adapters/fs-stores/recent-projects';
import { DEFAULT_HOOK_WAIT_MS, UnixHookChannel } from '../../adapters/agent-hooks/unix-hook-channel';
import { ClaudeStatusLine } from '../../adapters/claude-status/claude-status-line';
import { ProcProcessMeter } from '../../adapters/proc/proc-process-meter';
import { JsonUsageSettings } from '../../adapters/fs-stores/json-usage-settings';
import { AutogroupCpuShares } from '../../adapters/proc/autogroup-cpu-shares';
import { CodexSessionFiles, GeminiSessionFiles } from '../../adapters/session-files/cli-session-files';
import { CliGitBranches } from '../../adapters/git/cli-git-branches';
import { CliGitCheckpoints } from '../../adapters/git/cli-git-checkpoints';
import { CliGitWorktrees } from '../../adapters/git/cli-git-worktrees';
import { GhPullRequests } from '../../adapters/git/gh-pull-requests';
import { WorkerMirrorFactory } from '../../adapters/mirror/worker-mirror';
import { XtermHeadlessMirrorFactory } from '../../adapters/mirror/xterm-headless-mirror';
import { NodeFileSystem } from '../../adapters/node-fs/node-file-system';
import { NodeProjectWatcher } from '../../adapters/node-fs/node-project-watcher';
import { JsonProcessRecordStore } from '../../adapters/process-record/json-process-record';
import { NodeProcessControl } from '../../adapters/process-record/node-process-control';
import { builtinProfiles } from '../../adapters/profiles/builtin-profiles';
import { JsonProfileStore } from '../../adapters/profiles/json-profile-store';
import { NodePtyAdapter } from '../../adapters/pty/node-pty-adapter';
import { FrontmatterThread } from '../../adapters/shared/frontmatter-thread';
import { ShellCommandRunner } from '../../adapters/shell/shell-command-runner';
import { NodeScheduler } from '../../adapters/system/node-scheduler';
import { RandomIdGenerator } from '../../adapters/system/random-id-generator';
import { SystemClock } from '../../adapters/system/system-clock';
import { FindOrphans, KillOrphans } from '../../application/find-orphans';
import { ListProfiles } from '../../application/list-profiles';
import type { AgentToolsGrant } from '../../application/launch-agent';
import { withoutNpmScriptEnvironment } from '../../domain/user-environment';
import { CombinedUsageSources } from '../../application/usage-sources';
import { OpenProject } from '../../application/open-project';
import { SaveProfile } from '../../application/save-profile';
import type { ProfileStore } from '../../domain/ports/profile-store.port';
import type { TerminalMirrorFactory } from '../../domain/ports/terminal-mirror.port';
import { LINE_COST, MIRROR_MAX_BACKLOG } from '../../contract/flow';
import type { UserServices } from '../project-scope';
import { logLine } from '../log-line';
import { helperMarks, type AgentProgramCommand } from '../session/agent-programs';
import type { LandingPorts } from './landing-wiring';

/**
 * The process scope: the adapters one process builds once (file system, stores of the user's
 * profiles, trust, recent projects and process records, the PTY, git, clock, timers, ids, the mirror
 * thread and the project watcher) and the user-level use cases over them. Project scopes reach the
 * adapters through `adapters(proc)`, which only the modules of this folder import.
 */

export interface ProcessSettings {
  /** `<config>`; Tessera's files live in `<config>/tessera/` (see config-dir.ts). */
  readonly configDir: string;
  /** The environment agents inherit; the shell profile runs its `$SHELL`. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly log?: (message: string, error?: unknown) => void;
  /**
   * The script of the thread the sessions' mirrors parse in: the bundled mirror-worker.cjs in the
   * desktop app, mirror-worker-boot.mjs from the sources. Without it they parse on this thread.
   */
  readonly mirrorWorker?: string | URL;
  /**
   * The script of the thread persona and SKILL.md frontmatter is parsed in: the bundled
   * frontmatter-worker.cjs, or frontmatter-worker-boot.mjs from the sources. Without it, on this thread.
   */
  readonly frontmatterWorker?: string | URL;
  /** This process, as written in process records (tests pretend to be another host). */
  readonly hostPid?: number;
  /** How long external edits to agents and skills are gathered before they are announced (ms). */
  readonly watchDebounceMs?: number;
  /**
   * Where the agents' output is drawn: in Tessera's panes (xterm.js, the default), or straight in
   * the terminal that started Tessera (`tessera run`), whose TERM and COLORTERM they then keep.
   */
  readonly drawnIn?: 'pane' | 'caller-terminal';
  /** Tessera's tools for agents (the session server's, through `tessera mcp`). */
  readonly agentTools?: AgentToolsGrant;
  /**
   * How agents' CLIs start the hook program at their events: Node and tessera-hook.mjs, or the packaged
   * app's binary and its hook flag; its first argument marks its processes as Tessera's, not the
   * agent's. Without it agents run without Tessera's hooks, their status read from their terminals.
   */
  readonly hookProgram?: AgentProgramCommand & { readonly env?: Readonly<Record<string, string>> };
  /** How agents' CLIs start `tessera mcp`: its processes are Tessera's in the agents' meters. */
  readonly mcpProgram?: AgentProgramCommand;
}

/** What one process shares between all its projects: the profile store, recent projects and the user-level use cases. */
export interface ProcessWiring {
  readonly configDir: string;
  /** `<config>/tessera`: worktrees, process records. */
  readonly dataDir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The environment every agent starts from: `env`, and the terminal it is drawn in. */
  readonly agentEnv: Readonly<Record<string, string>>;
  readonly hostPid: number;
  readonly log: (message: string, error?: unknown) => void;
  readonly profiles: ProfileStore;
  readonly recentProjects: UserServices['recentProjects'];
  readonly openProject: OpenProject;
  readonly listProfiles: ListProfiles;
  readonly saveProfile: SaveProfile;
  readonly detectClis: DetectInstalledClis;
  readonly findOrphans: FindOrphans;
  readonly killOrphans: KillOrphans;
  readonly agentTools?: AgentToolsGrant;
  /** Stops the mirror and frontmatter threads; sessions are the caller's to end first. */
  dispose(): Promise<void>;
}

/** The adapters project scopes are built from; kept in this module, so no caller can reach an adapter. */
const adaptersOf = new WeakMap<ProcessWiring, ProcessAdapters>();

export function adapters(proc: ProcessWiring): ProcessAdapters {
  const found = adaptersOf.get(proc);
  if (!found) throw new Error('this ProcessWiring was not made by wireProcess');
  return found;
}

export interface ProcessAdapters {
  readonly fs: NodeFileSystem;
  readonly trust: JsonProjectTrust;
  readonly processRecords: JsonProcessRecordStore;
  readonly processControl: NodeProcessControl;
  readonly mirrors: TerminalMirrorFactory;
  readonly pty: NodePtyAdapter;
  readonly git: CliGitWorktrees;
  /** Checkpoints, branches, pull requests and set-up commands: what reviewing and landing work runs on. */
  readonly landing: LandingPorts;
  readonly clock: SystemClock;
  readonly scheduler: NodeScheduler;
  readonly ids: RandomIdGenerator;
  readonly watcher: NodeProjectWatcher;
  /** Where frontmatter is parsed: its own thread in the app, this thread in the command line. */
  readonly frontmatter: FrontmatterThread | undefined;
  /** The socket agents' hook commands reach this process through, when there is a hook program. */
  readonly hookChannel: UnixHookChannel | undefined;
  /** Claude Code's per-launch status line, through which it reports its model, context, tokens and cost. */
  readonly statusLine: ClaudeStatusLine;
  /** Every CLI's usage reports: Claude's status line, Codex's and Gemini's session files. */
  readonly usage: CombinedUsageSources;
  /** What each agent's process tree uses; Tessera's own helper programs (hook, status line) are Tessera's. */
  readonly meter: ProcProcessMeter;
  /** The user's meter settings: the context warning and the prices per model. */
  readonly usageSettings: JsonUsageSettings;
  /** Lowers and restores the CPU share of agents' sessions (Linux autogroups). */
  readonly cpuShares: AutogroupCpuShares;
}

export function wireProcess(settings: ProcessSettings): ProcessWiring {
  const log = settings.log ?? ((message, error) => console.error(logLine(message, error)));
  const dataDir = join(settings.configDir, 'tessera');
  const hostPid = settings.hostPid ?? process.pid;
  const clock = new SystemClock();
  const scheduler = new NodeScheduler();
  const fs = new NodeFileSystem();
  const profiles = new JsonProfileStore(settings.configDir, builtinProfiles(settings.env));
  let mirrorThread: WorkerMirrorFactory | undefined;
  if (settings.mirrorWorker !== undefined) {
    mirrorThread = new WorkerMirrorFactory({ entry: settings.mirrorWorker, maxBacklog: MIRROR_MAX_BACKLOG, lineCost: LINE_COST, log });
    mirrorThread.start();
  }
  const frontmatter = settings.frontmatterWorker !== undefined ? new FrontmatterThread({ entry: settings.frontmatterWorker, log }) : undefined;
  const program = settings.hookProgram;
  const hookChannel = program ? new UnixHookChannel({ program: { file: program.file, args: program.args }, ...(program.env ? { env: program.env } : {}), waitMs: DEFAULT_HOOK_WAIT_MS }) : undefined;
  const git = new CliGitWorktrees();
  const statusLine = new ClaudeStatusLine({ dir: join(dataDir, 'status-lines'), env: settings.env });
  const built: ProcessAdapters = {
    fs,
    trust: new JsonProjectTrust(settings.configDir),
    processRecords: new JsonProcessRecordStore(join(dataDir, 'processes')),
    processControl: new NodeProcessControl(),
    mirrors: mirrorThread ?? new XtermHeadlessMirrorFactory(),
    pty: new NodePtyAdapter({ log }),
    git,
    landing: { fs, git, checkpoints: new CliGitCheckpoints(), branches: new CliGitBranches(), pullRequests: new GhPullRequests(), runner: new ShellCommandRunner(), clock },
    clock,
    scheduler,
    ids: new RandomIdGenerator(),
    watcher: new NodeProjectWatcher({ scheduler, debounceMs: settings.watchDebounceMs ?? 150, log }),
    frontmatter,
    hookChannel,
    statusLine,
    usage: new CombinedUsageSources([statusLine, new CodexSessionFiles(), new GeminiSessionFiles()]),
    meter: new ProcProcessMeter({ helperPrograms: [[statusLine.scriptPath], ...helperMarks({ ...(program ? { hook: program } : {}), ...(settings.mcpProgram ? { mcp: settings.mcpProgram } : {}) })] }),
    usageSettings: new JsonUsageSettings(settings.configDir),
    cpuShares: new AutogroupCpuShares({ scheduler }),
  };
  const orphans = { records: built.processRecords, control: built.processControl, hostPid };
  const agentEnv = settings.drawnIn === 'caller-terminal' ? userEnv(settings.env) : { ...userEnv(settings.env), ...PANE_TERMINAL_ENV };
  const home = settings.env.HOME || homedir();
  const proc: ProcessWiring = {
    configDir: settings.configDir,
    dataDir,
    env: settings.env,
    agentEnv,
    hostPid,
    log,
    profiles,
    recentProjects: new RecentProjects(settings.configDir, () => clock.now()),
    openProject: new OpenProject({ fs, home }),
    listProfiles: new ListProfiles({ profiles }),
    saveProfile: new SaveProfile({ profiles }),
    detectClis: new DetectInstalledClis({ profiles, runner: built.landing.runner, clock, env: agentEnv, home }),
    findOrphans: new FindOrphans(orphans),
    killOrphans: new KillOrphans(orphans),
    ...(settings.agentTools ? { agentTools: settings.agentTools } : {}),
    dispose: async () => {
      await mirrorThread?.dispose();
      await frontmatter?.dispose();
      await hookChannel?.close();
    },
  };
  adaptersOf.set(proc, built);
  return proc;
}

/**
 * What a pane is, whatever terminal started Tessera: xterm.js speaks xterm's 256 colours and 24-bit
 * colour. A profile's or an agent's own env can still say otherwise.
 */
export const PANE_TERMINAL_ENV: Readonly<Record<string, string>> = { TERM: 'xterm-256color', COLORTERM: 'truecolor' };

/** The user's environment, whether Tessera was started by hand or by an npm script. */
function userEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return withoutNpmScriptEnvironment(definedOnly(env));
}

function definedOnly(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) out[key] = value;
  return out;
}
