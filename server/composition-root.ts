import { homedir } from 'node:os';
import { AgentMessagingService } from './agent-messaging';
import { AppHost } from './app-host';
import { wireHostProject, type LiveSettings } from './composition/host-project';
import { adapters, wireProcess, type ProcessSettings } from './composition/process-wiring';
import type { TerminalStreamTuning } from './terminal/terminal-stream-host';

/**
 * The composition root: the one entry to the modules of `composition/`, which alone build adapters
 * (dependency-cruiser holds every other module to that, and lets only this file import them). Three
 * scopes, each adapter built once in its scope:
 *
 * - the process (`wireProcess`, process-wiring.ts): the file system, the profile, trust,
 *   recent-project and process-record stores, the PTY, git, clock, timers, ids, the mirror thread and
 *   the project watcher;
 * - one project (`wireProjectCatalog`, project-catalog.ts): its agent, skill and layout stores, its
 *   import source and its event bus, with the use cases over them;
 * - that project's sessions (`wireProjectSessions`, project-sessions.ts): its session registry and
 *   the session use cases; in the app host (host-project.ts), also the live watchers (status,
 *   restarts, transcripts, records, send queue).
 *
 * The desktop app and `tessera web` get an AppHost from `createAppHost`; the command line asks for
 * the scopes it needs (`openProjectCatalog`, `openProjectSessions`), so both run the same wiring.
 */

export { wireProcess, type ProcessSettings, type ProcessWiring } from './composition/process-wiring';
export { openProjectCatalog, wireProjectCatalog, type ProjectCatalog } from './composition/project-catalog';
export { openProjectSessions, wireProjectSessions, type ProjectSessions, type SessionSources } from './composition/project-sessions';
export { appendMessagesLog } from './composition/messages-log';

export interface AppHostSettings extends ProcessSettings, LiveSettings {
  /** Batching and flow-control settings of the terminal streams (tests shrink the watermarks). */
  readonly stream?: TerminalStreamTuning;
  /** How long dispose waits for killed sessions to exit (ms). */
  readonly killTimeoutMs?: number;
  /** How often agents' process trees are read (ms). */
  readonly meterIntervalMs?: number;
  /** Whether the sessions the user is not typing in yield the CPU (ForegroundCpuShares); they do unless this is false. */
  readonly agentsYieldCpu?: boolean;
}

/** The desktop app's and `tessera web`'s host: one process wiring, and a project scope per opened project. */
export function createAppHost(settings: AppHostSettings): AppHost {
  const proc = wireProcess(settings);
  const messaging = new AgentMessagingService({
    configDir: settings.configDir,
    clock: adapters(proc).clock,
    scheduler: adapters(proc).scheduler,
    publish: (root, event) => host.notifyProject(root, event),
  });
  const host: AppHost = new AppHost({
    log: proc.log,
    home: settings.env.HOME || homedir(),
    user: proc,
    clock: adapters(proc).clock,
    scheduler: adapters(proc).scheduler,
    ...(settings.stream ? { stream: settings.stream } : {}),
    ...(settings.killTimeoutMs !== undefined ? { killTimeoutMs: settings.killTimeoutMs } : {}),
    meter: adapters(proc).meter,
    report: (sessionId) => adapters(proc).usage.report(sessionId),
    usageSettings: adapters(proc).usageSettings,
    ...(settings.meterIntervalMs !== undefined ? { meterIntervalMs: settings.meterIntervalMs } : {}),
    openScope: (project, hooks) => wireHostProject(proc, project, settings, hooks),
    messaging,
    ...(settings.agentsYieldCpu !== false ? { cpuShares: adapters(proc).cpuShares } : {}),
  });
  return host;
}
