import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AgentMessaging, type AgentRequestDto, type AgentRequestOutcome } from '../contract/agent-messaging';
import type { Clock } from '../domain/ports/clock.port';
import type { Disposable } from '../domain/ports/disposable';
import type { Scheduler } from '../domain/ports/scheduler.port';
import { err, ok, type Result } from '../domain/result';
import type { HostEvent } from './host-api';

/**
 * The user's per-project answer to "may the agents of this project message and launch each other",
 * and, where it is 'ask', the requests waiting for the user. The setting lives in
 * `<config>/tessera/agent-messaging.json` (0600), by project root: never in the project, which a
 * clone could ship with everything allowed. A project the file does not name is 'off'.
 */

const MessagingFile = z.object({ projects: z.record(z.string(), AgentMessaging).default({}) });

export const agentMessagingPath = (configDir: string): string => join(configDir, 'tessera', 'agent-messaging.json');

function readMessagingFile(configDir: string): Record<string, AgentMessaging> {
  try {
    const parsed = MessagingFile.safeParse(JSON.parse(readFileSync(agentMessagingPath(configDir), 'utf8')));
    return parsed.success ? parsed.data.projects : {};
  } catch {
    return {};
  }
}

export function agentMessaging(configDir: string, root: string): AgentMessaging {
  return readMessagingFile(configDir)[root] ?? 'off';
}

/** Writes one project's setting, keeping the others'; replaced whole, so a reader never sees half a file. */
export function writeAgentMessaging(configDir: string, root: string, setting: AgentMessaging): void {
  const path = agentMessagingPath(configDir);
  mkdirSync(join(configDir, 'tessera'), { recursive: true, mode: 0o700 });
  const projects = { ...readMessagingFile(configDir), [root]: setting };
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify({ projects }, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, path);
}

/**
 * How long a request waits for the user before it is refused. Below the 60 s many MCP clients give a
 * tool call, so the calling agent hears the refusal instead of its client giving up on a request the
 * user could still allow.
 */
export const AGENT_REQUEST_TIMEOUT_MS = 55_000;

export type AgentRequest = Pick<AgentRequestDto, 'from' | 'to' | 'kind' | 'text'>;

export type AgentMessagingError =
  | { readonly kind: 'agent-request-gone'; readonly message: string }
  | { readonly kind: 'fs-failed'; readonly path: string; readonly message: string };

interface Pending {
  readonly root: string;
  readonly dto: AgentRequestDto;
  readonly timer: Disposable;
  readonly settle: (outcome: AgentRequestOutcome) => void;
}

export interface AgentMessagingDeps {
  readonly configDir: string;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  /** To every view of the project at `root`. */
  readonly publish: (root: string, event: HostEvent) => void;
  readonly timeoutMs?: number;
  readonly newId?: () => string;
}

/** The setting of each project and the requests waiting for an answer, for the router and the agent tools. */
export class AgentMessagingService {
  private readonly pending = new Map<string, Pending>();
  private readonly timeoutMs: number;
  private readonly newId: () => string;

  constructor(private readonly deps: AgentMessagingDeps) {
    this.timeoutMs = deps.timeoutMs ?? AGENT_REQUEST_TIMEOUT_MS;
    this.newId = deps.newId ?? randomUUID;
  }

  setting(root: string): AgentMessaging {
    return agentMessaging(this.deps.configDir, root);
  }

  set(root: string, setting: AgentMessaging): Result<AgentMessaging, AgentMessagingError> {
    try {
      writeAgentMessaging(this.deps.configDir, root, setting);
    } catch (error) {
      return err({ kind: 'fs-failed', path: agentMessagingPath(this.deps.configDir), message: (error as Error).message });
    }
    this.deps.publish(root, { name: 'agentMessaging.changed', payload: { setting } });
    // Turned off or on, the waiting requests follow the new answer.
    if (setting !== 'ask') for (const [id, entry] of this.pending) if (entry.root === root) this.settle(id, setting === 'on' ? 'allowed' : 'denied');
    return ok(setting);
  }

  /** The requests of the project at `root` waiting for the user, oldest first. */
  waiting(root: string): AgentRequestDto[] {
    return [...this.pending.values()].filter((entry) => entry.root === root).map((entry) => entry.dto);
  }

  /** Shows the request to the project's views and resolves with the user's answer, or 'timed-out'. */
  ask(root: string, request: AgentRequest): Promise<AgentRequestOutcome> {
    const at = this.deps.clock.now();
    const id = this.newId();
    const dto: AgentRequestDto = { id, from: request.from, to: request.to, kind: request.kind, ...(request.text !== undefined ? { text: request.text } : {}), at, expiresAt: at + this.timeoutMs };
    return new Promise<AgentRequestOutcome>((resolve) => {
      const timer = this.deps.scheduler.setTimeout(() => this.settle(id, 'timed-out'), this.timeoutMs);
      this.pending.set(id, { root, dto, timer, settle: resolve });
      this.deps.publish(root, { name: 'agentMessaging.requested', payload: dto });
    });
  }

  /** The user's answer to a request of the project at `root` (a request of another project is as good as gone). */
  answer(root: string, id: string, allow: boolean): Result<void, AgentMessagingError> {
    const entry = this.pending.get(id);
    if (!entry || entry.root !== root) return err({ kind: 'agent-request-gone', message: 'This request was already answered, or it timed out and was refused.' });
    this.settle(id, allow ? 'allowed' : 'denied');
    return ok(undefined);
  }

  /** Refuses every waiting request (the host is stopping). */
  dispose(): void {
    for (const id of [...this.pending.keys()]) this.settle(id, 'denied');
  }

  private settle(id: string, outcome: AgentRequestOutcome): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    entry.timer.dispose();
    entry.settle(outcome);
    this.deps.publish(entry.root, { name: 'agentMessaging.settled', payload: { id, outcome } });
  }
}
