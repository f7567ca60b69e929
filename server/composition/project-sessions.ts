import { join } from 'node:path';
import { FileTranscriptStore, type FileTranscriptOptions } from '../../adapters/transcripts/file-transcript';
import { KillSession } from '../../application/kill-session';
import { CodexHookSetup, HookSetupsByCli } from '../../adapters/agent-hooks/codex-hook-launch';
import { GeminiWorkspaceHookSetup } from '../../adapters/agent-hooks/gemini-hook-launch';
import { PerLaunchHookSetup } from '../../adapters/agent-hooks/hook-launch';
import { DEFAULT_HOOK_WAIT_MS } from '../../adapters/agent-hooks/unix-hook-channel';
import { LaunchAgent } from '../../application/launch-agent';
import { ListSessions } from '../../application/list-sessions';
import type { OpenProjectError } from '../../application/open-project';
import { ResizeSession } from '../../application/resize-session';
import { RestartSession } from '../../application/restart-session';
import { SessionRecorder } from '../../application/session-recorder';
import { SessionRegistry } from '../../application/session-registry';
import { wireWorktreeSetup, type WorktreeSetupWiring } from './landing-wiring';
import { SnapshotSession } from '../../application/snapshot-session';
import { WriteToSession } from '../../application/write-to-session';
import type { AgentStore } from '../../domain/ports/agent-store.port';
import type { EventBus } from '../../domain/ports/event-bus.port';
import type { ProfileStore } from '../../domain/ports/profile-store.port';
import type { SkillStore } from '../../domain/ports/skill-store.port';
import type { Result } from '../../domain/result';
import { exitStatus } from '../../domain/status';
import { adapters, type ProcessWiring } from './process-wiring';
import { openProjectCatalog } from './project-catalog';

/** The stores a project's sessions read agents, skills and profiles from, and the bus they announce on. */
export interface SessionSources {
  readonly root: string;
  readonly events: EventBus;
  readonly stores: { readonly agents: AgentStore; readonly skills: SkillStore; readonly profiles: ProfileStore };
}

/** One project's sessions: the registry and the use cases that launch and drive them. */
export interface ProjectSessions {
  readonly registry: SessionRegistry;
  /** The project's settings, whose worktree set-up command is part of the trust question. */
  readonly settings: WorktreeSetupWiring['settings'];
  readonly launch: LaunchAgent;
  readonly write: WriteToSession;
  readonly resize: ResizeSession;
  readonly kill: KillSession;
  readonly restart: RestartSession;
  readonly snapshot: SnapshotSession;
  readonly list: ListSessions;
}

export function wireProjectSessions(proc: ProcessWiring, sources: SessionSources): ProjectSessions {
  const { fs, pty, git, clock, ids, mirrors, landing, hookChannel, usage } = adapters(proc);
  const { agents, skills, profiles } = sources.stores;
  const events = sources.events;
  // A non-zero exit reads `failed`; a kill the user asked for stays `exited`.
  const registry = new SessionRegistry({ mirrors, events, endStatus: exitStatus });
  const setup = wireWorktreeSetup(landing, { projectRoot: sources.root, dataDir: proc.dataDir, agents, baseEnv: proc.agentEnv });
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
    worktrees: { git, dataDir: proc.dataDir, prepare: setup.prepare },
    usage,
    ...(proc.agentTools ? { agentTools: proc.agentTools } : {}),
    ...(hookChannel ? { hooks: new HookSetupsByCli([new PerLaunchHookSetup(hookChannel, DEFAULT_HOOK_WAIT_MS), new CodexHookSetup(hookChannel), new GeminiWorkspaceHookSetup(hookChannel, { rememberedTrustFile: join(proc.dataDir, 'gemini-trusted-folders.json'), log: proc.log })], proc.log) } : {}),
  });
  return {
    registry,
    settings: setup.settings,
    launch,
    write: new WriteToSession({ registry }),
    resize: new ResizeSession({ registry }),
    kill: new KillSession({ registry }),
    restart: new RestartSession({ registry, profiles, launch }),
    snapshot: new SnapshotSession({ registry }),
    list: new ListSessions({ registry }),
  };
}

/** A project's sessions run outside the app, with what they leave on disk. */
export interface RecordedProjectSessions extends ProjectSessions {
  /** Writes out what the sessions' transcripts still gather. */
  settle(): Promise<void>;
}

/**
 * The transcripts of a project's sessions, in `<project>/.tessera/logs/`, where the app and the
 * command line both write them and the transcript viewer reads them.
 */
export function projectTranscripts(proc: ProcessWiring, root: string, options: FileTranscriptOptions = {}): FileTranscriptStore {
  return new FileTranscriptStore(join(root, '.tessera', 'logs'), { onError: (error) => proc.log('transcript write failed', error), ...options });
}

/**
 * Opens the project at `path` and wires its sessions, for one agent run outside the app: each
 * session's output goes to its agent's transcript, as in the app.
 */
export async function openProjectSessions(proc: ProcessWiring, path: string): Promise<Result<RecordedProjectSessions, OpenProjectError>> {
  const catalog = await openProjectCatalog(proc, path);
  if (!catalog.ok) return catalog;
  const sessions = wireProjectSessions(proc, catalog.value);
  const recorder = new SessionRecorder({ registry: sessions.registry, projectRoot: catalog.value.root, transcripts: projectTranscripts(proc, catalog.value.root), hostPid: proc.hostPid });
  recorder.start();
  return { ok: true, value: { ...sessions, settle: () => recorder.settle() } };
}
