import { join } from 'node:path';
import { InMemoryEventBus } from '../adapters/events/in-memory-event-bus';
import { CliGitWorktrees } from '../adapters/git/cli-git-worktrees';
import { XtermHeadlessMirrorFactory } from '../adapters/mirror/xterm-headless-mirror';
import { NodeFileSystem } from '../adapters/node-fs/node-file-system';
import { JsonProcessRecordStore } from '../adapters/process-record/json-process-record';
import { NodeProcessControl } from '../adapters/process-record/node-process-control';
import { NodePtyAdapter } from '../adapters/pty/node-pty-adapter';
import { NodeScheduler } from '../adapters/system/node-scheduler';
import { RandomIdGenerator } from '../adapters/system/random-id-generator';
import { SystemClock } from '../adapters/system/system-clock';
import { FileTranscriptStore, type FileTranscriptOptions } from '../adapters/transcripts/file-transcript';
import { KillSession } from '../application/kill-session';
import { LaunchAgent } from '../application/launch-agent';
import { ListSessions } from '../application/list-sessions';
import { ReadTranscript } from '../application/read-transcript';
import { ResizeSession } from '../application/resize-session';
import { RestartSession } from '../application/restart-session';
import { SendToAgents } from '../application/send-to-agents';
import { SessionRecorder } from '../application/session-recorder';
import { SessionRegistry } from '../application/session-registry';
import { SnapshotSession } from '../application/snapshot-session';
import { StatusTracker } from '../application/status-tracker';
import { Supervisor, type SupervisorEvent } from '../application/supervisor';
import { WriteToSession } from '../application/write-to-session';
import type { AgentStore } from '../domain/ports/agent-store.port';
import type { Clock } from '../domain/ports/clock.port';
import type { Disposable } from '../domain/ports/disposable';
import type { EventBus } from '../domain/ports/event-bus.port';
import type { TerminalMirrorFactory } from '../domain/ports/terminal-mirror.port';
import type { FileSystem } from '../domain/ports/file-system.port';
import type { ProfileStore } from '../domain/ports/profile-store.port';
import type { Scheduler } from '../domain/ports/scheduler.port';
import type { SkillStore } from '../domain/ports/skill-store.port';
import type { BackoffSettings } from '../domain/restart-policy';
import { exitStatus, type StatusTiming } from '../domain/status';

export interface SessionServicesInput {
  /** Absolute project root. */
  readonly projectRoot: string;
  readonly agents: AgentStore;
  readonly skills: SkillStore;
  readonly profiles: ProfileStore;
  /** The environment agents inherit (usually process.env). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * Where the agents' output is drawn: in Tessera's panes (xterm.js, the default), or straight in
   * the terminal that started Tessera (`tessera run`), whose TERM and COLORTERM they then keep.
   */
  readonly drawnIn?: 'pane' | 'caller-terminal';
  /** Share the app's bus so transports see 'sessions.changed'; a new one otherwise. */
  readonly events?: EventBus;
  /** Where the sessions' mirrors parse; on this thread (XtermHeadlessMirrorFactory) by default. */
  readonly mirrors?: TerminalMirrorFactory;
  /** Tessera's data dir (`<config>/tessera`), where worktree agents get their worktrees; without it that mode is refused. */
  readonly dataDir?: string;
  /**
   * The long-lived watchers (status, restarts, transcripts, process records, send queues).
   * The app asks for them; a one-shot `tessera run` does not (a restart there would outlive the command).
   */
  readonly live?: LiveServicesOptions;
}

export interface LiveServicesOptions {
  /** This Tessera process, written into process records. */
  readonly hostPid: number;
  /** Where process records go (`<config>/tessera/processes`); none are written without it. */
  readonly processRecordsDir?: string;
  readonly statusTiming?: Partial<StatusTiming>;
  readonly backoff?: Partial<BackoffSettings>;
  readonly transcripts?: FileTranscriptOptions;
  readonly onSupervisorEvent?: (event: SupervisorEvent) => void;
  readonly log?: (message: string, error?: unknown) => void;
}

/** The watchers started for the app: each session's status, its restart policy, its transcript and record, and queued messages. */
export interface LiveSessionServices {
  readonly tracker: StatusTracker;
  readonly supervisor: Supervisor;
  readonly recorder: SessionRecorder;
  readonly sendToAgents: SendToAgents;
  readonly readTranscript: ReadTranscript;
  /** Writes pending transcript batches and record changes (quit, tests). */
  settle(): Promise<void>;
  /** Stops watching (sessions keep running; killing them is the caller's business). */
  dispose(): void;
}

export interface SessionServices {
  readonly events: EventBus;
  readonly fs: FileSystem;
  readonly registry: SessionRegistry;
  readonly launch: LaunchAgent;
  readonly write: WriteToSession;
  readonly resize: ResizeSession;
  readonly kill: KillSession;
  readonly restart: RestartSession;
  readonly snapshot: SnapshotSession;
  readonly list: ListSessions;
  /** Present when `live` was asked for. */
  readonly live?: LiveSessionServices;
}

/** Wires the session adapters and use cases of one project (composition root). */
export function buildSessionServices(input: SessionServicesInput): SessionServices {
  const events = input.events ?? new InMemoryEventBus();
  const fs = new NodeFileSystem();
  const clock = new SystemClock();
  // A non-zero exit reads `failed`; a kill the user asked for stays `exited`.
  const registry = new SessionRegistry({ mirrors: input.mirrors ?? new XtermHeadlessMirrorFactory(), events, endStatus: exitStatus });
  const launch = new LaunchAgent({
    projectRoot: input.projectRoot,
    agents: input.agents,
    profiles: input.profiles,
    skills: input.skills,
    fs,
    pty: new NodePtyAdapter(),
    registry,
    events,
    clock,
    ids: new RandomIdGenerator(),
    baseEnv: input.drawnIn === 'caller-terminal' ? definedOnly(input.env) : { ...definedOnly(input.env), ...PANE_TERMINAL_ENV },
    ...(input.dataDir !== undefined ? { worktrees: { git: new CliGitWorktrees(), dataDir: input.dataDir } } : {}),
  });
  return {
    events,
    fs,
    registry,
    launch,
    write: new WriteToSession({ registry }),
    resize: new ResizeSession({ registry }),
    kill: new KillSession({ registry }),
    restart: new RestartSession({ registry, profiles: input.profiles, launch }),
    snapshot: new SnapshotSession({ registry }),
    list: new ListSessions({ registry }),
    ...(input.live ? { live: startLive(input, input.live, { registry, events, launch, clock, scheduler: new NodeScheduler() }) } : {}),
  };
}

function startLive(
  input: SessionServicesInput,
  options: LiveServicesOptions,
  deps: { registry: SessionRegistry; events: EventBus; launch: LaunchAgent; clock: Clock; scheduler: Scheduler },
): LiveSessionServices {
  const { registry, events, launch, clock, scheduler } = deps;
  const log = options.log ?? (() => undefined);
  const transcripts = new FileTranscriptStore(join(input.projectRoot, '.tessera', 'logs'), {
    onError: (error) => log('transcript write failed', error),
    ...options.transcripts,
  });
  const tracker = new StatusTracker({ registry, profiles: input.profiles, scheduler, clock, ...(options.statusTiming ? { timing: options.statusTiming } : {}) });
  const supervisor = new Supervisor({
    registry,
    agents: input.agents,
    launch,
    scheduler,
    clock,
    ...(options.backoff ? { backoff: options.backoff } : {}),
    ...(options.onSupervisorEvent ? { onEvent: options.onSupervisorEvent } : {}),
  });
  const recorder = new SessionRecorder({
    registry,
    projectRoot: input.projectRoot,
    transcripts,
    ...(options.processRecordsDir ? { records: new JsonProcessRecordStore(options.processRecordsDir), control: new NodeProcessControl() } : {}),
    hostPid: options.hostPid,
    onError: (error) => log('process record write failed', error),
  });
  const sendToAgents = new SendToAgents({ registry, events });
  const started: Disposable[] = [tracker.start(), supervisor.start(), recorder.start(), sendToAgents.start()];
  return {
    tracker,
    supervisor,
    recorder,
    sendToAgents,
    readTranscript: new ReadTranscript({ transcripts }),
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
