import { lstatSync, mkdirSync, watch, type FSWatcher } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { DomainEvent } from '../domain/events';
import type { Disposable } from '../domain/ports/disposable';
import type { EventBus } from '../domain/ports/event-bus.port';
import { err, ok, type DomainError, type Result } from '../domain/result';
import { isLive } from '../domain/session';
import { ListProfiles } from '../application/list-profiles';
import { OpenProject, type Project } from '../application/open-project';
import { DescribeProjectTrust, LaunchIfTrusted, SetRelaunchOnOpen, TrustIfNothingToRun, TrustProject } from '../application/project-trust';
import type { ProjectTrust } from '../domain/ports/project-trust.port';
import { JsonProjectTrust } from '../adapters/fs-stores/json-project-trust';
import { FindOrphans, KillOrphans } from '../application/find-orphans';
import { SaveProfile } from '../application/save-profile';
import type { SessionRegistry } from '../application/session-registry';
import type { SupervisorEvent } from '../application/supervisor';
import { JsonProcessRecordStore } from '../adapters/process-record/json-process-record';
import { NodeProcessControl } from '../adapters/process-record/node-process-control';
import type { FileTranscriptOptions } from '../adapters/transcripts/file-transcript';
import type { BackoffSettings } from '../domain/restart-policy';
import type { StatusTiming } from '../domain/status';
import { RecentProjects } from '../adapters/fs-stores/recent-projects';
import { NodeFileSystem } from '../adapters/node-fs/node-file-system';
import { builtinProfiles } from '../adapters/profiles/builtin-profiles';
import { JsonProfileStore } from '../adapters/profiles/json-profile-store';
import { InMemoryEventBus } from '../adapters/events/in-memory-event-bus';
import { WorkerMirrorFactory } from '../adapters/mirror/worker-mirror';
import { NodeScheduler } from '../adapters/system/node-scheduler';
import { SystemClock } from '../adapters/system/system-clock';
import { buildProjectServices } from './project-services';
import { buildSessionServices, type LiveSessionServices } from './session-services';
import type { MethodName, Response } from '../contract/contract';
import { LINE_COST, MIRROR_MAX_BACKLOG } from '../contract/flow';
import { describeError } from './describe-error';
import type { HostApi, HostEvent } from './host-api';
import { projectDto, Router, sessionDto, type ProjectServices, type RouterContext } from './router';
import { OutputScheduler } from './terminal/output-scheduler';
import { TerminalStreamHost, type TerminalClient, type TerminalClientLink, type TerminalStreamTuning } from './terminal/terminal-stream-host';

export interface AppHostOptions {
  /** `<config>` of DESIGN §2; Tessera's files live in `<config>/tessera/`. */
  readonly configDir: string;
  /** The environment agents inherit. */
  readonly env: Readonly<Record<string, string>>;
  readonly log?: (message: string, error?: unknown) => void;
  /** Batching and flow-control settings of the terminal streams (tests shrink the watermarks). */
  readonly stream?: TerminalStreamTuning;
  /** How long external edits are gathered before agents.changed / skills.changed (ms). */
  readonly watchDebounceMs?: number;
  /** How long dispose waits for killed sessions to exit (ms). */
  readonly killTimeoutMs?: number;
  /** This process, as written in process records (tests pretend to be another host). Default process.pid. */
  readonly hostPid?: number;
  /** Status debounce (tests shorten it); DESIGN §6 defaults otherwise. */
  readonly statusTiming?: Partial<StatusTiming>;
  /** Restart backoff of `restart: on-failure` agents (tests shorten it). */
  readonly backoff?: Partial<BackoffSettings>;
  /** Transcript batching and rotation. */
  readonly transcripts?: FileTranscriptOptions;
  /**
   * The script of the thread the sessions' mirrors parse in (WorkerMirrorFactory): the bundled
   * mirror-worker.cjs in the desktop app, mirror-worker-boot.mjs from the sources. Without it they
   * parse on the main thread.
   */
  readonly mirrorWorker?: string | URL;
}

/** One opened project: its stores and use cases, its sessions, its event bus and its file watchers. */
interface ProjectScope {
  readonly services: ProjectServices;
  readonly registry: SessionRegistry;
  readonly events: EventBus;
  readonly live: LiveSessionServices;
  readonly trustIfNothingToRun: TrustIfNothingToRun;
  readonly disposables: Disposable[];
}

/**
 * The transport-independent core of the main process and its composition root: the open project,
 * its services (built by the same project/session builders the CLI uses), the router, event fan-out
 * and the terminal streams. The web server and the desktop IPC both talk to it through `HostApi`.
 *
 * Projects: one is current at a time; opening another switches the current one (what the methods,
 * events and the UI see) but keeps the previous project's agents running, because sessions outlive
 * views (DESIGN §5). Opening that project again brings them back, listed and attachable. `dispose`
 * (quit) kills every session of every project, whole process trees, and waits for them to end.
 *
 * Issue 5 lives here too: each project's sessions get their status tracker, restart supervisor,
 * transcript and process record, and send-to-agents queue; agents a crashed earlier run left behind
 * are found through `orphans.list` (this host's own records never count).
 */
export class AppHost implements HostApi {
  private readonly log: (message: string, error?: unknown) => void;
  private readonly fs = new NodeFileSystem();
  private readonly profiles: JsonProfileStore;
  private readonly recent: RecentProjects;
  private readonly trust: ProjectTrust;
  private readonly hostPid: number;
  /** Where every project's mirrors parse, when `mirrorWorker` was given; stopped at dispose. */
  private readonly mirrorThread: WorkerMirrorFactory | undefined;
  private readonly processRecordsDir: string;
  private readonly router: Router;
  private readonly scopes = new Map<string, ProjectScope>();
  private readonly streams = new Map<string, TerminalStreamHost>();
  private readonly clock = new SystemClock();
  private readonly scheduler = new NodeScheduler();
  /** One for every session: typing in one makes the others' output yield (output-scheduler.ts). */
  private readonly priority = new OutputScheduler({ clock: this.clock, scheduler: this.scheduler });
  private readonly listeners = new Set<(event: HostEvent) => void>();
  private current: ProjectScope | undefined;
  private opening: Promise<unknown> = Promise.resolve();
  private disposed: Promise<void> | undefined;

  constructor(private readonly options: AppHostOptions) {
    this.log = options.log ?? ((message, error) => console.error(`[tessera] ${message}`, error ?? ''));
    this.profiles = new JsonProfileStore(options.configDir, builtinProfiles(options.env));
    this.recent = new RecentProjects(options.configDir);
    this.trust = new JsonProjectTrust(options.configDir);
    this.hostPid = options.hostPid ?? process.pid;
    if (options.mirrorWorker !== undefined) {
      this.mirrorThread = new WorkerMirrorFactory({ entry: options.mirrorWorker, maxBacklog: MIRROR_MAX_BACKLOG, lineCost: LINE_COST, log: this.log });
      this.mirrorThread.start();
    }
    this.processRecordsDir = join(options.configDir, 'tessera', 'processes');
    const orphanDeps = { records: new JsonProcessRecordStore(this.processRecordsDir), control: new NodeProcessControl(), hostPid: this.hostPid };
    const context: RouterContext = {
      openProject: (path) => this.openProject(path),
      current: () => this.current?.services,
      recentProjects: () => this.recent.list(),
      listProfiles: new ListProfiles({ profiles: this.profiles }),
      saveProfile: new SaveProfile({ profiles: this.profiles }),
      findOrphans: new FindOrphans(orphanDeps),
      killOrphans: new KillOrphans(orphanDeps),
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
      host = new TerminalStreamHost(terminal, { clock: this.clock, scheduler: this.scheduler, priority: this.priority, ...this.options.stream, log: this.log });
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

  /** Kills every session of every project (whole process trees) and waits for them to exit. */
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
      // No restart may start while (or after) everything is killed.
      scope.live.supervisor.dispose();
      for (const disposable of scope.disposables) disposable.dispose();
      for (const session of scope.registry.list()) {
        if (!isLive(session.status)) continue;
        exits.push(new Promise<void>((resolve) => void scope.registry.onExit(session.id, () => resolve())));
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
      await scope.live.settle().catch((error: unknown) => this.log('could not flush transcripts', error));
      scope.live.dispose();
    }
    await this.mirrorThread?.dispose();
    this.listeners.clear();
  }

  private openProject(rawPath: string): Promise<Result<Project, DomainError>> {
    const path = absoluteProjectPath(rawPath, this.options.env.HOME || homedir());
    if (!path.ok) return Promise.resolve(path);
    // One switch at a time, so two quick opens cannot leave a half-built project current.
    const next = this.opening.then(() => this.switchTo(path.value));
    this.opening = next.catch(() => undefined);
    return next;
  }

  private async switchTo(path: string): Promise<Result<Project, DomainError>> {
    if (this.disposed) return err({ kind: 'shutting-down' });
    const opened = await new OpenProject({ fs: this.fs }).execute({ path });
    if (!opened.ok) return opened;
    const project = opened.value;
    let scope = this.scopes.get(project.root);
    if (!scope) {
      scope = this.buildScope(project);
      this.scopes.set(project.root, scope);
    }
    // A project that has no agent yet is the user's to fill (finding 1); one that ships agents waits for their yes.
    const trusted = await scope.trustIfNothingToRun.execute();
    if (!trusted.ok) this.log(`could not record trust for ${project.root}: ${trusted.error.message}`);
    const changed = this.current !== scope;
    this.current = scope;
    const remembered = await this.recent.add(project);
    if (!remembered.ok) this.log(`could not remember ${project.root} in recent projects: ${remembered.error.message}`);
    if (changed) this.emit({ name: 'project.changed', payload: projectDto(project) });
    return ok({ root: project.root, name: project.name });
  }

  /** The project's stores and use cases, wired by the same builders the CLI uses, on one bus per project. */
  private buildScope(project: Project): ProjectScope {
    const root = project.root;
    const events = new InMemoryEventBus((error) => this.log('event listener failed', error));
    const base = buildProjectServices(root, { configDir: this.options.configDir, env: this.options.env, events });
    // The scope is filled in below; supervisor events reach the views only while it is current.
    const self: { scope?: ProjectScope } = {};
    const sessions = buildSessionServices({
      projectRoot: root,
      ...base.stores,
      env: this.options.env,
      ...(this.mirrorThread ? { mirrors: this.mirrorThread } : {}),
      events,
      dataDir: join(this.options.configDir, 'tessera'),
      live: {
        hostPid: this.hostPid,
        processRecordsDir: this.processRecordsDir,
        ...(this.options.statusTiming ? { statusTiming: this.options.statusTiming } : {}),
        ...(this.options.backoff ? { backoff: this.options.backoff } : {}),
        ...(this.options.transcripts ? { transcripts: this.options.transcripts } : {}),
        onSupervisorEvent: (event) => {
          if (self.scope && this.current === self.scope) this.forwardSupervisor(event);
        },
        log: this.log,
      },
    });
    const registry = sessions.registry;
    const live = sessions.live;
    if (!live) throw new Error('buildSessionServices did not start the live services');
    // A restart waiting on its backoff is called off by whatever the user does to that agent by hand.
    const cancelRestartOf = (id: string) => {
      const info = registry.get(id);
      if (info) live.supervisor.cancel(info.agent);
    };
    const trustDeps = { projectRoot: root, trust: this.trust, agents: base.stores.agents, profiles: base.stores.profiles };
    // Every launch the UI or an RPC client asks for goes through trust; restarts of a session that ran already do not need to.
    const launchIfTrusted = new LaunchIfTrusted({
      ...trustDeps,
      launch: {
        execute: (input) => {
          live.supervisor.cancel(input.slug);
          return sessions.launch.execute(input);
        },
      },
    });
    const services: ProjectServices = {
      project,
      listAgents: base.listAgents,
      getAgent: base.getAgent,
      createAgent: base.createAgent,
      updateAgent: base.updateAgent,
      deleteAgent: base.deleteAgent,
      importAgents: base.importAgents,
      listSkills: base.listSkills,
      getSkill: base.getSkill,
      createSkill: base.createSkill,
      updateSkill: base.updateSkill,
      deleteSkill: base.deleteSkill,
      getLayout: base.getLayout,
      saveLayout: base.saveLayout,
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
      sendToAgents: live.sendToAgents,
      readTranscript: live.readTranscript,
      describeTrust: new DescribeProjectTrust(trustDeps),
      trustProject: new TrustProject(trustDeps),
      setRelaunchOnOpen: new SetRelaunchOnOpen(trustDeps),
    };
    const scope: ProjectScope = { services, registry, events, live, trustIfNothingToRun: new TrustIfNothingToRun(trustDeps), disposables: [] };
    self.scope = scope;
    scope.disposables.push(
      events.subscribe((event) => {
        if (event.type === 'sessions.changed' && !isLive(event.session.status)) this.releaseEndedStream(event.session.id);
        // Only the current project speaks to the views; a background project's agents keep running quietly.
        if (this.current === scope) this.forward(event);
      }),
    );
    scope.disposables.push(...this.watchProjectFiles(root, events));
    return scope;
  }

  /**
   * Edits made outside Tessera (another editor, git checkout) reach the views: `.tessera/agents` and
   * `.tessera/skills` are watched and changes announced, gathered over a short debounce. The folders
   * are created so they can be watched before the first agent or skill exists.
   */
  private watchProjectFiles(root: string, events: EventBus): Disposable[] {
    const debounceMs = this.options.watchDebounceMs ?? 150;
    const watchers: Disposable[] = [];
    const targets: Array<{ dir: string; recursive: boolean; event: DomainEvent }> = [
      { dir: join(root, '.tessera', 'agents'), recursive: false, event: { type: 'agents.changed' } },
      { dir: join(root, '.tessera', 'skills'), recursive: true, event: { type: 'skills.changed' } },
    ];
    for (const target of targets) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      let watcher: FSWatcher | undefined;
      try {
        // A linked folder is never followed (finding 2): a recursive watch of a link to / would walk the whole disk.
        if (isLink(target.dir)) {
          this.log(`not watching ${target.dir}: it is a symbolic link`);
          continue;
        }
        mkdirSync(target.dir, { recursive: true });
        watcher = watch(target.dir, { recursive: target.recursive, persistent: false }, () => {
          if (timer) clearTimeout(timer);
          timer = setTimeout(() => {
            timer = undefined;
            events.publish(target.event);
          }, debounceMs);
        });
        watcher.on('error', (error) => this.log(`watching ${target.dir} failed`, error));
      } catch (error) {
        // A project on a file system without watch support still works; external edits then need a reload.
        this.log(`cannot watch ${target.dir}`, error);
      }
      watchers.push({
        dispose: () => {
          if (timer) clearTimeout(timer);
          watcher?.close();
        },
      });
    }
    return watchers;
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

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * What `project.open` accepts from a client (finding 9): an absolute path, or one starting with
 * `~` for the home folder. A relative path would resolve against wherever the server happened to
 * start, so it is refused (the CLI's --project resolves against the user's cwd itself).
 */
export function absoluteProjectPath(path: string, home: string): Result<string, { readonly kind: 'project-path-relative'; readonly path: string }> {
  if (path === '~') return ok(home);
  if (path.startsWith('~/') || path.startsWith('~\\')) return ok(join(home, path.slice(2)));
  if (!isAbsolute(path)) return err({ kind: 'project-path-relative', path });
  return ok(path);
}
