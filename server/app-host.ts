import { isAbsolute, join } from 'node:path';
import type { DomainEvent } from '../domain/events';
import type { Disposable } from '../domain/ports/disposable';
import type { EventBus } from '../domain/ports/event-bus.port';
import { err, ok, type DomainError, type Result } from '../domain/result';
import { isLive } from '../domain/session';
import type { FindOrphans, KillOrphans } from '../application/find-orphans';
import type { ListProfiles } from '../application/list-profiles';
import type { OpenProject, Project } from '../application/open-project';
import type { TrustIfNothingToRun } from '../application/project-trust';
import type { SaveProfile } from '../application/save-profile';
import type { SessionRegistry } from '../application/session-registry';
import type { SupervisorEvent } from '../application/supervisor';
import type { StoreWriteError } from '../domain/ports/agent-store.port';
import type { MethodName, Response } from '../contract/contract';
import { describeError } from './describe-error';
import type { HostApi, HostEvent } from './host-api';
import { projectDto, Router, sessionDto, type ProjectUseCases, type RouterContext } from './router';
import { OutputScheduler } from './terminal/output-scheduler';
import { TerminalStreamHost, type TerminalClient, type TerminalClientLink, type TerminalStreamOptions } from './terminal/terminal-stream-host';

/** What the host shares between all projects: the user's profiles, recent projects and orphaned agents. */
export interface UserServices {
  readonly openProject: OpenProject;
  readonly recentProjects: {
    list(): Promise<readonly { readonly root: string; readonly name: string; readonly openedAt: number }[]>;
    add(project: Project): Promise<Result<void, StoreWriteError>>;
  };
  readonly listProfiles: ListProfiles;
  readonly saveProfile: SaveProfile;
  readonly findOrphans: FindOrphans;
  readonly killOrphans: KillOrphans;
  /** Releases what the process holds beyond its sessions (the mirror thread). */
  dispose(): Promise<void>;
}

/** One opened project as the host keeps it; built by the composition root. */
export interface ProjectScope {
  readonly project: Project;
  readonly useCases: ProjectUseCases;
  readonly registry: SessionRegistry;
  readonly events: EventBus;
  readonly trustIfNothingToRun: TrustIfNothingToRun;
  /** Stops the restarts and the file watch: called before the sessions are killed. */
  stopWatching(): void;
  /** Writes pending transcript batches and record changes. */
  settle(): Promise<void>;
  /** Stops the live watchers (sessions keep running; killing them is the host's business). */
  dispose(): void;
}

export interface AppHostDeps {
  readonly log: (message: string, error?: unknown) => void;
  /** The user's home folder, for `~` in `project.open`. */
  readonly home: string;
  readonly user: UserServices;
  /** Builds the scope of a project opened for the first time; supervisor events go to `onSupervisorEvent`. */
  readonly openScope: (project: Project, hooks: { readonly onSupervisorEvent: (event: SupervisorEvent) => void }) => Promise<ProjectScope>;
  /** Batching and flow-control settings of the terminal streams (tests shrink the watermarks). */
  readonly stream?: TerminalStreamOptions;
  /** How long dispose waits for killed sessions to exit (ms). */
  readonly killTimeoutMs?: number;
}

/**
 * The transport-independent core every client talks to (through `HostApi`, carried by the web
 * server or the desktop IPC): the opened projects, the router, the fan-out of their events, and the
 * terminal streams. It builds nothing: the composition root hands it the user-level services and
 * a builder of project scopes.
 *
 * Projects: one is current at a time; opening another switches the current one (what the methods,
 * events and the UI see) but keeps the previous project's agents running, because sessions outlive
 * views. Opening that project again brings them back, listed and attachable. `dispose` (quit)
 * kills every session of every project, whole process trees, and waits for them to end.
 */
export class AppHost implements HostApi {
  private readonly log: (message: string, error?: unknown) => void;
  private readonly router: Router;
  private readonly scopes = new Map<string, ProjectScope>();
  private readonly streams = new Map<string, TerminalStreamHost>();
  /** One for every session: typing in one makes the others' output yield (output-scheduler.ts). */
  private readonly priority = new OutputScheduler();
  private readonly listeners = new Set<(event: HostEvent) => void>();
  private current: ProjectScope | undefined;
  private opening: Promise<unknown> = Promise.resolve();
  private disposed: Promise<void> | undefined;

  constructor(private readonly options: AppHostDeps) {
    this.log = options.log;
    const { user } = options;
    const context: RouterContext = {
      openProject: (path) => this.openProject(path),
      current: () => this.current?.useCases,
      recentProjects: () => user.recentProjects.list(),
      listProfiles: user.listProfiles,
      saveProfile: user.saveProfile,
      noteInput: (id) => this.streams.get(id)?.noteInput(),
      findOrphans: user.findOrphans,
      killOrphans: user.killOrphans,
      log: this.log,
    };
    this.router = new Router(context);
  }

  call(method: MethodName, params: unknown): Promise<Response<unknown>> {
    if (this.disposed) return Promise.resolve({ ok: false, error: { kind: 'shutting-down', message: 'Tessera is shutting down.' } });
    return this.router.handle(method, params);
  }

  onEvent(listener: (event: HostEvent) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  attachTerminal(sessionId: string, client: TerminalClient): TerminalClientLink | undefined {
    if (this.disposed) return undefined;
    let host = this.streams.get(sessionId);
    if (!host) {
      const terminal = this.registryOf(sessionId)?.terminal(sessionId);
      if (!terminal) return undefined;
      host = new TerminalStreamHost(terminal, { priority: this.priority, ...this.options.stream, log: this.log });
      this.streams.set(sessionId, host);
    }
    const stream = host;
    const link = stream.attach(client);
    return {
      receive: (message) => link.receive(message),
      detach: () => {
        link.detach();
        // An ended session's stream is rebuilt on the next attach (snapshot + exit); nothing to keep.
        if (stream.ended && stream.clientCount === 0 && this.streams.get(sessionId) === stream) {
          stream.dispose();
          this.streams.delete(sessionId);
        }
      },
    };
  }

  /** Kills every session of every project (whole process trees, and what ended ones left) and waits for them to exit. */
  dispose(): Promise<void> {
    this.disposed ??= this.shutdown();
    return this.disposed;
  }

  private async shutdown(): Promise<void> {
    await this.opening.catch(() => undefined);
    for (const stream of this.streams.values()) stream.dispose();
    this.streams.clear();
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
    this.listeners.clear();
  }

  private openProject(rawPath: string): Promise<Result<Project, DomainError>> {
    const path = absoluteProjectPath(rawPath, this.options.home);
    if (!path.ok) return Promise.resolve(path);
    // One switch at a time, so two quick opens cannot leave a half-built project current.
    const next = this.opening.then(() => this.switchTo(path.value));
    this.opening = next.catch(() => undefined);
    return next;
  }

  private async switchTo(path: string): Promise<Result<Project, DomainError>> {
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
    const changed = this.current !== scope;
    this.current = scope;
    const remembered = await this.options.user.recentProjects.add(project);
    if (!remembered.ok) this.log(`could not remember ${project.root} in recent projects: ${remembered.error.message}`);
    if (changed) this.emit({ name: 'project.changed', payload: projectDto(project) });
    return ok(project);
  }

  /** Builds the project's scope and routes its events: only the current project speaks to the views. */
  private async openScope(project: Project): Promise<ProjectScope> {
    const self: { scope?: ProjectScope } = {};
    const built = await this.options.openScope(project, {
      onSupervisorEvent: (event) => {
        if (self.scope && this.current === self.scope) this.forwardSupervisor(event);
      },
    });
    const routing = built.events.subscribe((event) => {
      if (event.type === 'sessions.changed' && !isLive(event.session.status)) this.releaseEndedStream(event.session.id);
      // A background project's agents keep running quietly.
      if (self.scope && this.current === self.scope) this.forward(event);
    });
    self.scope = {
      ...built,
      stopWatching: () => {
        routing.dispose();
        built.stopWatching();
      },
    };
    return self.scope;
  }

  private forward(event: DomainEvent): void {
    switch (event.type) {
      case 'sessions.changed':
        return this.emit({ name: 'sessions.changed', payload: sessionDto(event.session) });
      case 'agents.changed':
      case 'skills.changed':
      case 'layout.changed':
        return this.emit({ name: event.type, payload: {} });
    }
  }

  private forwardSupervisor(event: SupervisorEvent): void {
    switch (event.kind) {
      case 'restart-scheduled':
        return this.emit({ name: 'agents.restarting', payload: { kind: 'scheduled', agent: event.agent, attempt: event.attempt, delayMs: event.delayMs } });
      case 'gave-up':
        return this.emit({ name: 'agents.restarting', payload: { kind: 'gave-up', agent: event.agent, attempts: event.attempts } });
      case 'restart-failed':
        return this.emit({
          name: 'agents.restarting',
          payload: { kind: 'restart-failed', agent: event.agent, attempt: event.attempt, message: describeError(event.error) },
        });
      case 'restarted':
        // The new session announces itself through sessions.changed.
        return;
    }
  }

  private emit(event: HostEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.log(`event listener failed on ${event.name}`, error);
      }
    }
  }

  /** A stream nobody watches is dropped once its session ended (the exit reaches it right after this event). */
  private releaseEndedStream(sessionId: string): void {
    queueMicrotask(() => {
      const stream = this.streams.get(sessionId);
      if (stream && stream.ended && stream.clientCount === 0) {
        stream.dispose();
        this.streams.delete(sessionId);
      }
    });
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
