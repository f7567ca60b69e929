import { homedir } from 'node:os';
import { join } from 'node:path';
import { InMemoryEventBus } from '../adapters/events/in-memory-event-bus';
import { ClaudeDirImportSource } from '../adapters/fs-stores/claude-dir-import-source';
import { JsonLayoutStore } from '../adapters/fs-stores/json-layout-store';
import { JsonProjectTrust } from '../adapters/fs-stores/json-project-trust';
import { MarkdownAgentStore } from '../adapters/fs-stores/markdown-agent-store';
import { MarkdownSkillStore } from '../adapters/fs-stores/markdown-skill-store';
import { RecentProjects } from '../adapters/fs-stores/recent-projects';
import { CliGitWorktrees } from '../adapters/git/cli-git-worktrees';
import { WorkerMirrorFactory } from '../adapters/mirror/worker-mirror';
import { XtermHeadlessMirrorFactory } from '../adapters/mirror/xterm-headless-mirror';
import { NodeFileSystem } from '../adapters/node-fs/node-file-system';
import { NodeProjectWatcher } from '../adapters/node-fs/node-project-watcher';
import { JsonProcessRecordStore } from '../adapters/process-record/json-process-record';
import { NodeProcessControl } from '../adapters/process-record/node-process-control';
import { ProcProcessMeter } from '../adapters/proc/proc-process-meter';
import { ClaudeStatusLine } from '../adapters/claude-status/claude-status-line';
import { JsonlUsageLog } from '../adapters/usage-log/jsonl-usage-log';
import { CodexSessionFiles, GeminiSessionFiles } from '../adapters/session-files/cli-session-files';
import { builtinProfiles } from '../adapters/profiles/builtin-profiles';
import { JsonProfileStore } from '../adapters/profiles/json-profile-store';
import { NodePtyAdapter } from '../adapters/pty/node-pty-adapter';
import { FrontmatterThread } from '../adapters/shared/frontmatter-thread';
import { NodeScheduler } from '../adapters/system/node-scheduler';
import { RandomIdGenerator } from '../adapters/system/random-id-generator';
import { SystemClock } from '../adapters/system/system-clock';
import { FileTranscriptStore, type FileTranscriptOptions } from '../adapters/transcripts/file-transcript';
import { CreateAgent } from '../application/create-agent';
import { CreateSkill } from '../application/create-skill';
import { DeleteAgent } from '../application/delete-agent';
import { DeleteSkill } from '../application/delete-skill';
import { FindOrphans, KillOrphans } from '../application/find-orphans';
import { GetAgent } from '../application/get-agent';
import { GetLayout } from '../application/get-layout';
import { GetSkill } from '../application/get-skill';
import { ImportAgents } from '../application/import-agents';
import { KillSession } from '../application/kill-session';
import { LaunchAgent } from '../application/launch-agent';
import { ListAgents } from '../application/list-agents';
import { ListProfiles } from '../application/list-profiles';
import { ListSessions } from '../application/list-sessions';
import { ListSkills } from '../application/list-skills';
import { OpenProject, type OpenProjectError, type Project } from '../application/open-project';
import { DescribeProjectTrust, LaunchIfTrusted, SetRelaunchOnOpen, TrustIfNothingToRun, TrustProject } from '../application/project-trust';
import { ReadTranscript } from '../application/read-transcript';
import { ResizeSession } from '../application/resize-session';
import { RestartSession } from '../application/restart-session';
import { SaveLayout } from '../application/save-layout';
import { SaveProfile } from '../application/save-profile';
import { SendToAgents } from '../application/send-to-agents';
import { SessionRecorder } from '../application/session-recorder';
import { SessionRegistry } from '../application/session-registry';
import { SnapshotSession } from '../application/snapshot-session';
import { StatusTracker } from '../application/status-tracker';
import { Supervisor, type SupervisorEvent } from '../application/supervisor';
import { UpdateAgent } from '../application/update-agent';
import { UsageRecorder } from '../application/usage-recorder';
import { CombinedUsageSources } from '../application/usage-sources';
import { UpdateSkill } from '../application/update-skill';
import { WriteToSession } from '../application/write-to-session';
import type { AgentStore } from '../domain/ports/agent-store.port';
import type { Disposable } from '../domain/ports/disposable';
import type { EventBus } from '../domain/ports/event-bus.port';
import type { ProfileStore } from '../domain/ports/profile-store.port';
import type { SkillStore } from '../domain/ports/skill-store.port';
import type { TerminalMirrorFactory } from '../domain/ports/terminal-mirror.port';
import { LINE_COST, MIRROR_MAX_BACKLOG } from '../contract/flow';
import type { BackoffSettings } from '../domain/restart-policy';
import type { Result } from '../domain/result';
import { exitStatus, type StatusTiming } from '../domain/status';
import { AppHost, type ProjectScope, type UserServices } from './app-host';
import { logLine } from './log-line';
import type { ProjectUseCases } from './router';
import type { TerminalStreamTuning } from './terminal/terminal-stream-host';

/**
 * The composition root: the one module that builds adapters (dependency-cruiser holds every other
 * module to that). Three scopes, each adapter built once in its scope:
 *
 * - the process (`wireProcess`): the file system, the profile, trust, recent-project and
 *   process-record stores, the PTY, git, clock, timers, ids, the mirror thread and the project watcher;
 * - one project (`wireProjectCatalog`): its agent, skill and layout stores, its import source and
 *   its event bus, with the use cases over them;
 * - that project's sessions (`wireProjectSessions`): its session registry and the session use
 *   cases; in the app host, also the live watchers (status, restarts, transcripts, records, send queue).
 *
 * The desktop app and `tessera web` get an AppHost from `createAppHost`; the command line asks for
 * the scopes it needs (`openProjectCatalog`, `openProjectSessions`), so both run the same wiring.
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
}

/** What the live session services of the app host may be tuned by (tests shorten the waits). */
export interface LiveSettings {
  readonly statusTiming?: Partial<StatusTiming>;
  readonly backoff?: Partial<BackoffSettings>;
  readonly transcripts?: FileTranscriptOptions;
}

export interface AppHostSettings extends ProcessSettings, LiveSettings {
  /** Batching and flow-control settings of the terminal streams (tests shrink the watermarks). */
  readonly stream?: TerminalStreamTuning;
  /** How long dispose waits for killed sessions to exit (ms). */
  readonly killTimeoutMs?: number;
  /** The scripts of Tessera's own helper programs agents' CLIs run (hook, status line): their cost is Tessera's. */
  readonly helperPrograms?: readonly string[];
  /** How often agents' process trees are read (ms). */
  readonly meterIntervalMs?: number;
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
  readonly findOrphans: FindOrphans;
  readonly killOrphans: KillOrphans;
  /** Stops the mirror and frontmatter threads; sessions are the caller's to end first. */
  dispose(): Promise<void>;
}

/** The adapters project scopes are built from; kept in this module, so no caller can reach an adapter. */
const adaptersOf = new WeakMap<ProcessWiring, ProcessAdapters>();

function adapters(proc: ProcessWiring): ProcessAdapters {
  const found = adaptersOf.get(proc);
  if (!found) throw new Error('this ProcessWiring was not made by wireProcess');
  return found;
}

interface ProcessAdapters {
  readonly fs: NodeFileSystem;
  readonly trust: JsonProjectTrust;
  readonly processRecords: JsonProcessRecordStore;
  readonly processControl: NodeProcessControl;
  readonly mirrors: TerminalMirrorFactory;
  readonly pty: NodePtyAdapter;
  readonly git: CliGitWorktrees;
  readonly clock: SystemClock;
  readonly scheduler: NodeScheduler;
  readonly ids: RandomIdGenerator;
  readonly watcher: NodeProjectWatcher;
  /** Claude Code's per-launch status line, through which it reports its model, context, tokens and cost. */
  readonly statusLine: ClaudeStatusLine;
  /** Every CLI's usage reports: Claude's status line, Codex's and Gemini's session files. */
  readonly usage: CombinedUsageSources;
  /** Where frontmatter is parsed: its own thread in the app, this thread in the command line. */
  readonly frontmatter: FrontmatterThread | undefined;
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
  const statusLine = new ClaudeStatusLine({ dir: join(dataDir, 'status-lines'), env: settings.env });
  const built: ProcessAdapters = {
    fs,
    trust: new JsonProjectTrust(settings.configDir),
    processRecords: new JsonProcessRecordStore(join(dataDir, 'processes')),
    processControl: new NodeProcessControl(),
    mirrors: mirrorThread ?? new XtermHeadlessMirrorFactory(),
    pty: new NodePtyAdapter({ log }),
    git: new CliGitWorktrees(),
    clock,
    scheduler,
    ids: new RandomIdGenerator(),
    watcher: new NodeProjectWatcher({ scheduler, debounceMs: settings.watchDebounceMs ?? 150, log }),
    statusLine,
    usage: new CombinedUsageSources([statusLine, new CodexSessionFiles(), new GeminiSessionFiles()]),
    frontmatter,
  };
  const orphans = { records: built.processRecords, control: built.processControl, hostPid };
  const proc: ProcessWiring = {
    configDir: settings.configDir,
    dataDir,
    env: settings.env,
    agentEnv: settings.drawnIn === 'caller-terminal' ? definedOnly(settings.env) : { ...definedOnly(settings.env), ...PANE_TERMINAL_ENV },
    hostPid,
    log,
    profiles,
    recentProjects: new RecentProjects(settings.configDir, () => clock.now()),
    openProject: new OpenProject({ fs, home: settings.env.HOME || homedir() }),
    listProfiles: new ListProfiles({ profiles }),
    saveProfile: new SaveProfile({ profiles }),
    findOrphans: new FindOrphans(orphans),
    killOrphans: new KillOrphans(orphans),
    dispose: async () => {
      await mirrorThread?.dispose();
      await frontmatter?.dispose();
    },
  };
  adaptersOf.set(proc, built);
  return proc;
}

/** One project's agents, skills and layout: its stores, its event bus and the use cases over them. */
export interface ProjectCatalog {
  readonly root: string;
  readonly events: EventBus;
  readonly stores: { readonly agents: AgentStore; readonly skills: SkillStore; readonly profiles: ProfileStore };
  readonly listAgents: ListAgents;
  readonly getAgent: GetAgent;
  readonly createAgent: CreateAgent;
  readonly updateAgent: UpdateAgent;
  readonly deleteAgent: DeleteAgent;
  readonly importAgents: ImportAgents;
  readonly listSkills: ListSkills;
  readonly getSkill: GetSkill;
  readonly createSkill: CreateSkill;
  readonly updateSkill: UpdateSkill;
  readonly deleteSkill: DeleteSkill;
  readonly listProfiles: ListProfiles;
  readonly getLayout: GetLayout;
  readonly saveLayout: SaveLayout;
}

/** `root` must be an opened project (OpenProject made its `.tessera/`). */
export function wireProjectCatalog(proc: ProcessWiring, root: string): ProjectCatalog {
  const { clock, frontmatter, trust } = adapters(proc);
  const now = () => clock.now();
  const events = new InMemoryEventBus((error) => proc.log('event listener failed', error));
  const agents = new MarkdownAgentStore(root, now, frontmatter);
  const skills = new MarkdownSkillStore({ projectRoot: root, configDir: proc.configDir }, now, frontmatter);
  const profiles = proc.profiles;
  const layouts = new JsonLayoutStore(root);
  const source = new ClaudeDirImportSource(root, frontmatter);
  return {
    root,
    events,
    stores: { agents, skills, profiles },
    listAgents: new ListAgents({ agents }),
    getAgent: new GetAgent({ agents }),
    createAgent: new CreateAgent({ agents, profiles, events }),
    updateAgent: new UpdateAgent({ agents, profiles, events }),
    deleteAgent: new DeleteAgent({ agents, events }),
    importAgents: new ImportAgents({ agents, skills, source, events, trust: { projectRoot: root, trust } }),
    listSkills: new ListSkills({ skills }),
    getSkill: new GetSkill({ skills }),
    createSkill: new CreateSkill({ skills, events }),
    updateSkill: new UpdateSkill({ skills, events }),
    deleteSkill: new DeleteSkill({ skills, events }),
    listProfiles: proc.listProfiles,
    getLayout: new GetLayout({ layouts }),
    saveLayout: new SaveLayout({ layouts, events }),
  };
}

/** The stores a project's sessions read agents, skills and profiles from, and the bus they announce on. */
export interface SessionSources {
  readonly root: string;
  readonly events: EventBus;
  readonly stores: { readonly agents: AgentStore; readonly skills: SkillStore; readonly profiles: ProfileStore };
}

/** One project's sessions: the registry and the use cases that launch and drive them. */
export interface ProjectSessions {
  readonly registry: SessionRegistry;
  readonly launch: LaunchAgent;
  readonly write: WriteToSession;
  readonly resize: ResizeSession;
  readonly kill: KillSession;
  readonly restart: RestartSession;
  readonly snapshot: SnapshotSession;
  readonly list: ListSessions;
}

export function wireProjectSessions(proc: ProcessWiring, sources: SessionSources): ProjectSessions {
  const { fs, pty, git, clock, ids, mirrors, usage } = adapters(proc);
  const { agents, skills, profiles } = sources.stores;
  const events = sources.events;
  // A non-zero exit reads `failed`; a kill the user asked for stays `exited`.
  const registry = new SessionRegistry({ mirrors, events, endStatus: exitStatus });
  const launch = new LaunchAgent({
    projectRoot: sources.root,
    agents,
    profiles,
    skills,
    fs,
    pty,
    registry,
    events,
    clock,
    ids,
    baseEnv: proc.agentEnv,
    usage,
    worktrees: { git, dataDir: proc.dataDir },
  });
  return {
    registry,
    launch,
    write: new WriteToSession({ registry }),
    resize: new ResizeSession({ registry }),
    kill: new KillSession({ registry }),
    restart: new RestartSession({ registry, profiles, launch }),
    snapshot: new SnapshotSession({ registry }),
    list: new ListSessions({ registry }),
  };
}

/** Opens (and on first open initializes) the project at `path`, then wires its catalog. */
export async function openProjectCatalog(proc: ProcessWiring, path: string): Promise<Result<ProjectCatalog, OpenProjectError>> {
  const opened = await proc.openProject.execute({ path });
  if (!opened.ok) return opened;
  return { ok: true, value: wireProjectCatalog(proc, opened.value.root) };
}

/** Opens the project at `path` and wires its sessions, for one agent run outside the app. */
export async function openProjectSessions(proc: ProcessWiring, path: string): Promise<Result<ProjectSessions, OpenProjectError>> {
  const catalog = await openProjectCatalog(proc, path);
  if (!catalog.ok) return catalog;
  return { ok: true, value: wireProjectSessions(proc, catalog.value) };
}

/** The desktop app's and `tessera web`'s host: one process wiring, and a project scope per opened project. */
export function createAppHost(settings: AppHostSettings): AppHost {
  const proc = wireProcess(settings);
  return new AppHost({
    log: proc.log,
    home: settings.env.HOME || homedir(),
    user: proc,
    clock: adapters(proc).clock,
    scheduler: adapters(proc).scheduler,
    ...(settings.stream ? { stream: settings.stream } : {}),
    ...(settings.killTimeoutMs !== undefined ? { killTimeoutMs: settings.killTimeoutMs } : {}),
    meter: new ProcProcessMeter({ helperPrograms: [adapters(proc).statusLine.scriptPath, ...(settings.helperPrograms ?? [])] }),
    report: (sessionId) => adapters(proc).usage.report(sessionId),
    ...(settings.meterIntervalMs !== undefined ? { meterIntervalMs: settings.meterIntervalMs } : {}),
    openScope: (project, hooks) => wireHostProject(proc, project, settings, hooks),
  });
}

/**
 * Everything the app host keeps for one opened project: catalog, sessions, live watchers, trust
 * around every launch, and the watch of its agent and skill folders.
 */
async function wireHostProject(proc: ProcessWiring, project: Project, live: LiveSettings, hooks: { readonly onSupervisorEvent: (event: SupervisorEvent) => void }): Promise<ProjectScope> {
  const root = project.root;
  const { trust, scheduler, clock, processRecords, processControl, watcher, usage: usageSources } = adapters(proc);
  const catalog = wireProjectCatalog(proc, root);
  const sessions = wireProjectSessions(proc, catalog);
  const { registry } = sessions;
  const { agents, profiles } = catalog.stores;
  const transcripts = new FileTranscriptStore(join(root, '.tessera', 'logs'), {
    onError: (error) => proc.log('transcript write failed', error),
    ...live.transcripts,
  });
  const tracker = new StatusTracker({ registry, profiles, scheduler, clock, ...(live.statusTiming ? { timing: live.statusTiming } : {}) });
  const supervisor = new Supervisor({
    registry,
    agents,
    launch: sessions.launch,
    scheduler,
    clock,
    ...(live.backoff ? { backoff: live.backoff } : {}),
    onEvent: hooks.onSupervisorEvent,
  });
  const recorder = new SessionRecorder({
    registry,
    projectRoot: root,
    transcripts,
    records: processRecords,
    control: processControl,
    hostPid: proc.hostPid,
    onError: (error) => proc.log('process record write failed', error),
  });
  const sendToAgents = new SendToAgents({ registry, events: catalog.events });
  const usage = new UsageRecorder({
    events: catalog.events,
    log: new JsonlUsageLog(root),
    clock,
    scheduler,
    report: (sessionId) => usageSources.report(sessionId),
    onError: (error) => proc.log(`usage log write failed: ${error.message}`),
    agents,
  });
  const started: Disposable[] = [tracker.start(), supervisor.start(), recorder.start(), sendToAgents.start(), usage.start()];
  const watching = await watcher.watch(root, (folder) => catalog.events.publish({ type: folder === 'agents' ? 'agents.changed' : 'skills.changed' }));

  // A restart waiting on its backoff is called off by whatever the user does to that agent by hand.
  const cancelRestartOf = (id: string) => {
    const info = registry.get(id);
    if (info) supervisor.cancel(info.agent);
  };
  const trustDeps = { projectRoot: root, trust, agents, profiles };
  // Every launch a client asks for goes through trust; the supervisor's restarts of a session that ran already do not.
  const launchIfTrusted = new LaunchIfTrusted({
    ...trustDeps,
    launch: {
      execute: (input) => {
        supervisor.cancel(input.slug);
        return sessions.launch.execute(input);
      },
    },
  });
  const useCases: ProjectUseCases = {
    project,
    ...catalog,
    launchAgent: launchIfTrusted,
    listSessions: sessions.list,
    writeToSession: sessions.write,
    resizeSession: sessions.resize,
    killSession: {
      execute: (input) => {
        cancelRestartOf(input.id);
        return sessions.kill.execute(input);
      },
    },
    restartSession: {
      execute: (input) => {
        cancelRestartOf(input.id);
        return sessions.restart.execute(input);
      },
    },
    snapshotSession: sessions.snapshot,
    sendToAgents,
    readTranscript: new ReadTranscript({ transcripts }),
    describeTrust: new DescribeProjectTrust(trustDeps),
    trustProject: new TrustProject(trustDeps),
    setRelaunchOnOpen: new SetRelaunchOnOpen(trustDeps),
  };
  return {
    project,
    useCases,
    registry,
    events: catalog.events,
    trustIfNothingToRun: new TrustIfNothingToRun(trustDeps),
    stopWatching: () => {
      // No restart may start while (or after) the sessions are killed.
      supervisor.dispose();
      watching.dispose();
    },
    settle: () => recorder.settle(),
    dispose: () => {
      for (const disposable of started.splice(0)) disposable.dispose();
    },
  };
}

/**
 * What a pane is, whatever terminal started Tessera: xterm.js speaks xterm's 256 colours and 24-bit
 * colour. A profile's or an agent's own env can still say otherwise.
 */
export const PANE_TERMINAL_ENV: Readonly<Record<string, string>> = { TERM: 'xterm-256color', COLORTERM: 'truecolor' };

function definedOnly(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) out[key] = value;
  return out;
}
