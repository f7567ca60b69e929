import { InMemoryEventBus } from '../../adapters/events/in-memory-event-bus';
import { XtermHeadlessMirrorFactory } from '../../adapters/mirror/xterm-headless-mirror';
import { NodeFileSystem } from '../../adapters/node-fs/node-file-system';
import { NodePtyAdapter } from '../../adapters/pty/node-pty-adapter';
import { RandomIdGenerator } from '../../adapters/system/random-id-generator';
import { SystemClock } from '../../adapters/system/system-clock';
import { KillSession } from '../../application/kill-session';
import { LaunchAgent } from '../../application/launch-agent';
import { ListSessions } from '../../application/list-sessions';
import { ResizeSession } from '../../application/resize-session';
import { RestartSession } from '../../application/restart-session';
import { SessionRegistry } from '../../application/session-registry';
import { SnapshotSession } from '../../application/snapshot-session';
import { WriteToSession } from '../../application/write-to-session';
import type { AgentStore } from '../../domain/ports/agent-store.port';
import type { EventBus } from '../../domain/ports/event-bus.port';
import type { FileSystem } from '../../domain/ports/file-system.port';
import type { ProfileStore } from '../../domain/ports/profile-store.port';
import type { SkillStore } from '../../domain/ports/skill-store.port';

export interface SessionServicesInput {
  /** Absolute project root. */
  readonly projectRoot: string;
  readonly agents: AgentStore;
  readonly skills: SkillStore;
  readonly profiles: ProfileStore;
  /** The environment agents inherit (usually process.env). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Share the app's bus so transports see 'sessions.changed'; a new one otherwise. */
  readonly events?: EventBus;
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
}

/** Wires the session adapters and use cases of one project (composition root). */
export function buildSessionServices(input: SessionServicesInput): SessionServices {
  const events = input.events ?? new InMemoryEventBus();
  const fs = new NodeFileSystem();
  const registry = new SessionRegistry({ mirrors: new XtermHeadlessMirrorFactory(), events });
  const launch = new LaunchAgent({
    projectRoot: input.projectRoot,
    agents: input.agents,
    profiles: input.profiles,
    skills: input.skills,
    fs,
    pty: new NodePtyAdapter(),
    registry,
    events,
    clock: new SystemClock(),
    ids: new RandomIdGenerator(),
    baseEnv: definedOnly(input.env),
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
  };
}

function definedOnly(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) out[key] = value;
  return out;
}
