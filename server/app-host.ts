import { isAbsolute, join } from 'node:path';
import type { Clock } from '../domain/ports/clock.port';
import type { Disposable } from '../domain/ports/disposable';
import type { Scheduler } from '../domain/ports/scheduler.port';
import { err, ok, type DomainError, type Result } from '../domain/result';
import type { ProcessMeter } from '../domain/ports/process-meter.port';
import type { AgentReport } from '../domain/agent-report';
import type { AgentMessagingService } from './agent-messaging';
import { HostResources } from './host-resources';
import { UsageSettingsService } from './usage-settings-service';
import type { UsageSettingsStore } from '../domain/ports/usage-settings.port';
import { isLive, type SessionInfo } from '../domain/session';
import type { Project } from '../application/open-project';
import { ForegroundCpuShares } from '../application/foreground-cpu-shares';
import type { SessionRegistry } from '../application/session-registry';
import type { CpuSharePort } from '../domain/ports/cpu-share.port';
import type { SupervisorEvent } from '../application/supervisor';
import type { MethodName, Response } from '../contract/contract';
import type { HostApi, HostEvent } from './host-api';
import { Connection, type ConnectOptions, type HostConnection } from './host-connection';
import { hostEventOfDomain, hostEventOfSupervisor } from './host-events';
import type { ProjectScope, UserServices } from './project-scope';
import { projectDto } from './router/dto';
import { OutputScheduler } from './terminal/output-scheduler';
import { SessionStreams } from './terminal/session-streams';
import type { TerminalClient, TerminalClientLink, TerminalStreamTuning } from './terminal/terminal-stream-host';

export type { ConnectOptions, HostConnection } from './host-connection';
export type { ProjectScope, UserServices } from './project-scope';

export interface AppHostDeps {
  readonly log: (message: string, error?: unknown) => void;
  /** The user's home folder, for `~` in `project.open`. */
  readonly home: string;
  readonly user: UserServices;
  /** Builds the scope of a project opened for the first time; supervisor events go to `onSupervisorEvent`. */
  readonly openScope: (project: Project, hooks: { readonly onSupervisorEvent: (event: SupervisorEvent) => void }) => Promise<ProjectScope>;
  /** The time the terminal streams run on. */
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  /** Batching and flow-control settings of the terminal streams (tests shrink the watermarks). */
  readonly stream?: TerminalStreamTuning;
  /** How long dispose waits for killed sessions to exit (ms). */
  readonly killTimeoutMs?: number;
  /** Reads what each agent's process tree uses; without it no figures are shown. */
  readonly meter?: ProcessMeter;
  readonly meterIntervalMs?: number;
  /** What a session's CLI last reported of its model, context, tokens and cost. */
  readonly report?: (sessionId: string) => AgentReport | undefined;
  /** The user's meter settings (context warning, prices), kept in the user's config. */
  readonly usageSettings?: UsageSettingsStore;
  /** Whether each project's agents may message and launch each other, and the requests waiting for the user; without it they may not. */
  readonly messaging?: AgentMessagingService;
  /** Lowers the CPU share of the sessions the user is not typing in; without it every session keeps its full share. */
  readonly cpuShares?: CpuSharePort;
}

/** A running agent a restart relaunches with its profile's resume arguments. */
export interface ResumableAgent {
  readonly root: string;
  readonly slug: string;
  readonly cols: number;
  readonly rows: number;
  readonly args: readonly string[];
}

/** One agent session, with the project it runs in. */
export interface HostSession {
  readonly project: Project;
  readonly session: SessionInfo;
}

/**
 * The transport-independent core every client talks to (through `HostApi`, carried by the session
 * protocol, the web server or the desktop IPC): the opened projects, the connections, the fan-out of
 * each project's events, and the terminal streams. It builds nothing: the composition root hands it
 * the user-level services and a builder of project scopes.
 *
 * Projects: every connection (`connect`) has its own current project, so two windows may show two
 * projects at once, and each receives the events of the project it has open. A project once opened
 * stays open with its agents running, whoever looks at it: sessions outlive views, and closing a
 * connection never stops an agent. The host itself is also a connection (a 'view'), for the desktop
 * IPC and tests that talk to it directly. `dispose` (quit) kills every session of every project,
 * whole process trees, and waits for them to end.
 */
export class AppHost implements HostApi {
  private readonly log: (message: string, error?: unknown) => void;
  private readonly scopes = new Map<string, ProjectScope>();
  private readonly streams: SessionStreams;
  private readonly foreground: ForegroundCpuShares | undefined;
  private readonly connections = new Set<Connection>();
  private readonly own: Connection;
  private readonly resources: HostResources | undefined;
  private readonly usageSettings: UsageSettingsService | undefined;
  /** The project a new view starts on: the one views last opened. */
  private viewsProject: ProjectScope | undefined;
  private opening: Promise<unknown> = Promise.resolve();
  private disposed: Promise<void> | undefined;

  constructor(private readonly options: AppHostDeps) {
    this.log = options.log;
    // One priority for every session: typing in one makes the others' output yield (output-scheduler.ts).
    const priority = new OutputScheduler({ clock: options.clock, scheduler: options.scheduler });
    const foreground = options.cpuShares ? new ForegroundCpuShares(options.cpuShares) : undefined;
    this.foreground = foreground;
    const typed = foreground ? (sessionId: string, data: string) => foreground.typedInto(sessionId, data) : undefined;
    this.streams = new SessionStreams({ clock: options.clock, scheduler: options.scheduler, priority, ...options.stream, log: this.log }, typed);
    this.usageSettings = options.usageSettings
      ? new UsageSettingsService(options.usageSettings, (settings) => this.emitToAll({ name: 'usage.settingsChanged', payload: settings }))
      : undefined;
    const usageSettings = this.usageSettings;
    this.resources = options.meter
      ? new HostResources({
          meter: options.meter,
          clock: options.clock,
          scheduler: options.scheduler,
          sessions: () => this.sessions(),
          publish: (root, sessions) => {
            const scope = this.scopes.get(root);
            if (scope) this.emitIn(scope, { name: 'sessions.usage', payload: { sessions: [...sessions] } });
          },
          stop: async (id) => {
            const scope = [...this.scopes.values()].find((candidate) => candidate.registry.get(id));
            return scope ? scope.useCases.killSession.execute({ id }) : err({ kind: 'session-not-found', id });
          },
          ...(options.meterIntervalMs !== undefined ? { intervalMs: options.meterIntervalMs } : {}),
          ...(options.report ? { report: options.report } : {}),
          ...(usageSettings ? { prices: () => usageSettings.current().prices } : {}),
        })
      : undefined;
    this.own = this.newConnection({ kind: 'view' }, false);
  }

  /** A new client's connection; dispose it when the client goes (its agents keep running). */
  connect(options: ConnectOptions): HostConnection {
    return this.newConnection(options, true);
  }

  /** The agent-messaging setting and the requests waiting for the user, where the host has them. */
  get messaging(): AgentMessagingService | undefined {
    return this.options.messaging;
  }

  /** Connections open now (the host's own is not one). */
  get connectionCount(): number {
    let count = 0;
    for (const connection of this.connections) if (connection.counted) count++;
    return count;
  }

  call(method: MethodName, params: unknown): Promise<Response<unknown>> {
    return this.own.call(method, params);
  }

  onEvent(listener: (event: HostEvent) => void): Disposable {
    return this.own.onEvent(listener);
  }

  attachTerminal(sessionId: string, client: TerminalClient): TerminalClientLink | undefined {
    if (this.disposed) return undefined;
    return this.streams.attach(sessionId, (id) => this.registryOf(id)?.terminal(id), client);
  }

  /** The projects open in this host, in the order they were first opened. */
  projects(): Project[] {
    return [...this.scopes.values()].map((scope) => scope.project);
  }

  /** Every session of every open project (ended ones included, as the registries keep them). */
  sessions(): HostSession[] {
    const out: HostSession[] = [];
    for (const scope of this.scopes.values()) for (const session of scope.registry.list()) out.push({ project: scope.project, session });
    return out;
  }

  /** Sessions still running, across every project. */
  liveSessionCount(): number {
    return this.sessions().filter((entry) => isLive(entry.session.status)).length;
  }

  /**
   * Opens `path` (as `project.open` does) and makes it the project new views start on: what
   * `tessera web DIR` asks for.
   */
  async openForViews(path: string): Promise<Result<Project, DomainError>> {
    const opened = await this.openProject(path);
    if (opened.ok) this.viewsProject = this.scopes.get(opened.value.root);
    return opened;
  }

  /** Launches `slug` in the open project at `root` with extra arguments (a resume), behind the project's trust. */
  async relaunch(root: string, slug: string, size: { readonly cols: number; readonly rows: number }, extraArgs: readonly string[]): Promise<Result<SessionInfo, DomainError>> {
    const scope = this.scopes.get(root);
    if (!scope) return err({ kind: 'no-project' });
    return scope.useCases.launchAgent.execute({ slug, size, extraArgs });
  }

  /**
   * The running agents whose profile declares a resume, with what relaunching them takes: what a
   * restart of the server brings back.
   */
  async resumable(): Promise<ResumableAgent[]> {
    const { profiles } = await this.options.user.listProfiles.execute();
    const resumeArgs = new Map(profiles.map((profile) => [profile.id, profile.resume?.args ?? []]));
    const out: ResumableAgent[] = [];
    for (const { project, session } of this.sessions()) {
      const args = resumeArgs.get(session.profile) ?? [];
      if (isLive(session.status) && args.length > 0) out.push({ root: project.root, slug: session.agent, cols: session.size.cols, rows: session.size.rows, args: [...args] });
    }
    return out;
  }

  /** Kills every session of every project (whole process trees, and what ended ones left) and waits for them to exit. */
  dispose(): Promise<void> {
    this.disposed ??= this.shutdown();
    return this.disposed;
  }

  private newConnection(options: ConnectOptions, counted: boolean): Connection {
    const { user } = this.options;
    const connection: Connection = new Connection(this, options.kind, counted, options.kind === 'view' ? this.viewsProject : undefined, (self) => ({
      openProject: (path) => this.openProject(path, self),
      current: () => self.scope?.useCases,
      recentProjects: () => user.recentProjects.list(),
      listProfiles: user.listProfiles,
      saveProfile: user.saveProfile,
      detectClis: user.detectClis,
      findOrphans: user.findOrphans,
      killOrphans: user.killOrphans,
      log: this.log,
      ...(this.resources ? { resources: this.resources } : {}),
      ...(this.usageSettings ? { usageSettings: this.usageSettings } : {}),
      ...(this.options.messaging ? { messaging: this.options.messaging } : {}),
    }));
    this.connections.add(connection);
    return connection;
  }

  /** Called by a connection: whether the host still takes calls. */
  isDisposed(): boolean {
    return this.disposed !== undefined;
  }

  /** Called by a connection when its client went. */
  forget(connection: Connection): void {
    this.connections.delete(connection);
  }

  private async shutdown(): Promise<void> {
    await this.opening.catch(() => undefined);
    this.resources?.dispose();
    this.options.messaging?.dispose();
    this.streams.dispose();
    const exits: Promise<void>[] = [];
    for (const scope of this.scopes.values()) {
      scope.stopWatching();
      for (const session of scope.registry.list()) {
        // An ended session may have left processes behind (a daemon); its kill follows its mark to them.
        if (!isLive(session.status)) scope.registry.kill(session.id);
        else exits.push(new Promise<void>((resolve) => void scope.registry.onExit(session.id, () => resolve())));
      }
      scope.registry.killAll();
    }
    const timeoutMs = this.options.killTimeoutMs ?? 5000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        this.log('some sessions had not exited when the wait ended');
        resolve();
      }, timeoutMs);
    });
    await Promise.race([Promise.all(exits), timeout]);
    if (timer) clearTimeout(timer);
    // The last transcript batches and the records of the ended sessions reach the disk before we go.
    for (const scope of this.scopes.values()) {
      await scope.settle().catch((error: unknown) => this.log('could not flush transcripts', error));
      scope.dispose();
    }
    await this.options.user.dispose();
    for (const connection of this.connections) connection.listeners.clear();
    this.connections.clear();
  }

  private openProject(rawPath: string, connection?: Connection): Promise<Result<Project, DomainError>> {
    const path = absoluteProjectPath(rawPath, this.options.home);
    if (!path.ok) return Promise.resolve(path);
    // One open at a time, so two quick opens cannot build one project's scope twice.
    const next = this.opening.then(() => this.open(path.value, connection));
    this.opening = next.catch(() => undefined);
    return next;
  }

  private async open(path: string, connection: Connection | undefined): Promise<Result<Project, DomainError>> {
    if (this.disposed) return err({ kind: 'shutting-down' });
    const opened = await this.options.user.openProject.execute({ path });
    if (!opened.ok) return opened;
    const project = { root: opened.value.root, name: opened.value.name };
    let scope = this.scopes.get(project.root);
    if (!scope) {
      scope = await this.openScope(project);
      this.scopes.set(project.root, scope);
    }
    // A project that has no agent yet is the user's to fill; one that ships agents waits for their yes.
    const trusted = await scope.trustIfNothingToRun.execute();
    if (!trusted.ok) this.log(`could not record trust for ${project.root}: ${trusted.error.message}`);
    const remembered = await this.options.user.recentProjects.add(project);
    if (!remembered.ok) this.log(`could not remember ${project.root} in recent projects: ${remembered.error.message}`);
    if (connection) {
      const changed = connection.scope !== scope;
      connection.scope = scope;
      if (connection.kind === 'view') this.viewsProject = scope;
      if (changed) this.emitTo(connection, { name: 'project.changed', payload: projectDto(project) });
    }
    return ok(project);
  }

  /** Builds the project's scope and routes its events to the connections that have it open. */
  private async openScope(project: Project): Promise<ProjectScope> {
    const self: { scope?: ProjectScope } = {};
    const built = await this.options.openScope(project, {
      onSupervisorEvent: (event) => {
        const hostEvent = hostEventOfSupervisor(event);
        if (self.scope && hostEvent) this.emitIn(self.scope, hostEvent);
      },
    });
    const routing = built.events.subscribe((event) => {
      if (event.type === 'sessions.changed' && !isLive(event.session.status)) this.releaseEndedStream(event.session.id);
      const hostEvent = hostEventOfDomain(event);
      if (self.scope && hostEvent) this.emitIn(self.scope, hostEvent);
    });
    const sharing = this.foreground?.watch(built.registry);
    self.scope = {
      ...built,
      stopWatching: () => {
        routing.dispose();
        sharing?.dispose();
        built.stopWatching();
      },
    };
    return self.scope;
  }

  /** An event to every connection that has the project at `root` open (none when it is not open). */
  notifyProject(root: string, event: HostEvent): void {
    const scope = this.scopes.get(root);
    if (scope) this.emitIn(scope, event);
  }

  /** To every connection, whatever project it has open: the user's own settings hold in every window. */
  private emitToAll(event: HostEvent): void {
    for (const connection of [...this.connections]) this.emitTo(connection, event);
  }

  /** To every connection that has `scope` open: a project in nobody's view runs quietly. */
  private emitIn(scope: ProjectScope, event: HostEvent): void {
    for (const connection of [...this.connections]) if (connection.scope === scope) this.emitTo(connection, event);
  }

  private emitTo(connection: Connection, event: HostEvent): void {
    for (const listener of [...connection.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.log(`event listener failed on ${event.name}`, error);
      }
    }
  }

  /** A stream nobody watches is dropped once its session ended (the exit reaches it right after this event). */
  private releaseEndedStream(sessionId: string): void {
    queueMicrotask(() => this.streams.releaseIfUnwatched(sessionId));
  }

  private registryOf(sessionId: string): SessionRegistry | undefined {
    for (const scope of this.scopes.values()) if (scope.registry.get(sessionId)) return scope.registry;
    return undefined;
  }
}

/**
 * What `project.open` accepts from a client: an absolute path, or one starting with
 * `~` for the home folder. A relative path would resolve against wherever the server happened to
 * start, so it is refused (the CLI's --project resolves against the user's cwd itself).
 */
export function absoluteProjectPath(path: string, home: string): Result<string, { readonly kind: 'project-path-relative'; readonly path: string }> {
  if (path === '~') return ok(home);
  if (path.startsWith('~/') || path.startsWith('~\\')) return ok(join(home, path.slice(2)));
  if (!isAbsolute(path)) return err({ kind: 'project-path-relative', path });
  return ok(path);
}
