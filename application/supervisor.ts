import type { AgentStore } from '../domain/ports/agent-store.port';
import type { Clock } from '../domain/ports/clock.port';
import type { Disposable } from '../domain/ports/disposable';
import type { Scheduler } from '../domain/ports/scheduler.port';
import type { Result } from '../domain/result';
import { decideRestart, DEFAULT_BACKOFF, NO_RESTARTS, type BackoffSettings, type RestartState, type RunEnd } from '../domain/restart-policy';
import type { SessionInfo, TerminalSize } from '../domain/session';
import type { LaunchAgentError, LaunchAgentInput } from './launch-agent';
import type { SessionRegistry } from './session-registry';

/** What the supervisor did, for a log line or a notification ("Reviewer failed; restarting in 2 s"). */
export type SupervisorEvent =
  | { readonly kind: 'restart-scheduled'; readonly agent: string; readonly attempt: number; readonly delayMs: number }
  | { readonly kind: 'restarted'; readonly agent: string; readonly attempt: number; readonly session: SessionInfo }
  | { readonly kind: 'restart-failed'; readonly agent: string; readonly attempt: number; readonly error: LaunchAgentError }
  | { readonly kind: 'gave-up'; readonly agent: string; readonly attempts: number };

export interface SupervisorDeps {
  readonly registry: SessionRegistry;
  readonly agents: AgentStore;
  /** LaunchAgent (structurally, so tests can count launches). */
  readonly launch: { execute(input: LaunchAgentInput): Promise<Result<SessionInfo, LaunchAgentError>> };
  readonly scheduler: Scheduler;
  readonly clock: Clock;
  readonly backoff?: Partial<BackoffSettings>;
  readonly onEvent?: (event: SupervisorEvent) => void;
}

interface Pending {
  readonly attempt: number;
  readonly dueAt: number;
  readonly timer: Disposable;
}

/**
 * The restart policy: an agent whose frontmatter says `restart: on-failure` is launched
 * again when its session ends `failed`, after 1 s, 2 s, 4 s... up to a maximum of attempts; a run
 * that stayed up long enough resets the count. A clean exit, a kill the user asked for and quit
 * are never restarted. "Restarting" is not a status: between the end and the relaunch the session
 * stays `failed`, and `pending(agent)` tells when the next attempt comes.
 */
export class Supervisor {
  private readonly settings: BackoffSettings;
  private readonly states = new Map<string, RestartState>();
  private readonly pendingByAgent = new Map<string, Pending>();
  private readonly subscriptions: Disposable[] = [];
  private disposed = false;

  constructor(private readonly deps: SupervisorDeps) {
    this.settings = { ...DEFAULT_BACKOFF, ...deps.backoff };
  }

  /** Watches every session added from now on. */
  start(): Disposable {
    this.subscriptions.push(this.deps.registry.onAdded((info) => this.watch(info)));
    return { dispose: () => this.dispose() };
  }

  /** The agent's next restart, if one is waiting. */
  pending(agent: string): { readonly attempt: number; readonly dueAt: number } | undefined {
    const pending = this.pendingByAgent.get(agent);
    return pending && { attempt: pending.attempt, dueAt: pending.dueAt };
  }

  /** Calls off a waiting restart (the user stopped the agent or launched it by hand). True if one was waiting. */
  cancel(agent: string): boolean {
    const pending = this.pendingByAgent.get(agent);
    if (!pending) return false;
    pending.timer.dispose();
    this.pendingByAgent.delete(agent);
    return true;
  }

  dispose(): void {
    this.disposed = true;
    for (const sub of this.subscriptions.splice(0)) sub.dispose();
    for (const agent of [...this.pendingByAgent.keys()]) this.cancel(agent);
  }

  private watch(info: SessionInfo): void {
    const sub = this.deps.registry.onExit(info.id, () => void this.ended(info.id));
    if (sub) this.subscriptions.push(sub);
  }

  private async ended(id: string): Promise<void> {
    const info = this.deps.registry.get(id);
    if (!info || (info.status !== 'exited' && info.status !== 'failed')) return;
    await this.decide(info.agent, info.size, { status: info.status, startedAt: info.startedAt, endedAt: this.deps.clock.now() });
  }

  private async decide(agent: string, size: TerminalSize, run: RunEnd): Promise<void> {
    if (this.disposed) return;
    const listing = await this.deps.agents.get(agent);
    // A deleted or broken persona has no policy any more: leave it down.
    const policy = listing?.ok ? listing.agent.restart : undefined;
    const { decision, state } = decideRestart(policy, this.states.get(agent) ?? NO_RESTARTS, run, this.settings);
    this.states.set(agent, state);
    if (decision.kind === 'give-up') this.deps.onEvent?.({ kind: 'gave-up', agent, attempts: decision.attempts });
    if (decision.kind !== 'restart' || this.disposed) return;
    this.cancel(agent);
    const timer = this.deps.scheduler.setTimeout(() => void this.relaunch(agent, size, decision.attempt), decision.delayMs);
    this.pendingByAgent.set(agent, { attempt: decision.attempt, dueAt: this.deps.clock.now() + decision.delayMs, timer });
    this.deps.onEvent?.({ kind: 'restart-scheduled', agent, attempt: decision.attempt, delayMs: decision.delayMs });
  }

  private async relaunch(agent: string, size: TerminalSize, attempt: number): Promise<void> {
    this.pendingByAgent.delete(agent);
    if (this.disposed) return;
    // Launched by hand meanwhile: that session is the agent now.
    if (this.deps.registry.liveForAgent(agent)) return;
    const startedAt = this.deps.clock.now();
    const launched = await this.deps.launch.execute({ slug: agent, size });
    if (launched.ok) {
      this.deps.onEvent?.({ kind: 'restarted', agent, attempt, session: launched.value });
      return;
    }
    // Could not even start (e.g. the CLI was uninstalled): a failed run of no length, backed off like any other.
    this.deps.onEvent?.({ kind: 'restart-failed', agent, attempt, error: launched.error });
    await this.decide(agent, size, { status: 'failed', startedAt, endedAt: this.deps.clock.now() });
  }
}
