import type { AgentReport } from '../domain/agent-report';
import type { Clock } from '../domain/ports/clock.port';
import type { Disposable } from '../domain/ports/disposable';
import type { ProcessMeter } from '../domain/ports/process-meter.port';
import type { Scheduler } from '../domain/ports/scheduler.port';
import { err, type DomainError, type Result } from '../domain/result';
import { isLive, type SessionInfo } from '../domain/session';
import { ResourceMonitor, type SessionUsage } from '../application/resource-monitor';
import type { Project } from '../application/open-project';
import { estimatedCostUsd, type UsageSettings } from '../domain/usage-settings';
import type { ResourceRowDto, SessionUsageDto } from '../contract/usage';

/** One running session and the project it runs in. */
export interface RunningSession {
  readonly project: Project;
  readonly session: SessionInfo;
}

export interface HostResourcesDeps {
  readonly meter: ProcessMeter;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  /** Every session of every open project. */
  readonly sessions: () => readonly RunningSession[];
  /** Sends one project's figures to the views that have it open. */
  readonly publish: (projectRoot: string, sessions: readonly SessionUsageDto[]) => void;
  /** Stops a session of any open project, as the user's Stop in its own project would. */
  readonly stop: (sessionId: string) => Promise<Result<void, DomainError>>;
  /** What a session's CLI last reported of its model, context, tokens and cost; undefined when nothing. */
  readonly report?: (sessionId: string) => AgentReport | undefined;
  /** The user's prices per model, which cost a session whose CLI reports tokens but no cost. */
  readonly prices?: () => UsageSettings['prices'];
  readonly intervalMs?: number;
}

/** What the Resources view asks of the host: every running agent with its figures, and Stop. */
export interface ResourcesService {
  list(): ResourceRowDto[];
  stop(sessionId: string): Promise<Result<void, DomainError>>;
}

/**
 * The host's meters: one monitor over every open project's running agents (one read of the process
 * table serves them all), its figures published per project, and the cross-project list.
 */
export class HostResources implements ResourcesService, Disposable {
  private readonly monitor: ResourceMonitor;
  private readonly running: Disposable;
  /** Projects that had figures at the last reading: they hear once more when their last agent ends. */
  private published = new Set<string>();

  constructor(private readonly deps: HostResourcesDeps) {
    this.monitor = new ResourceMonitor({
      meter: deps.meter,
      clock: deps.clock,
      scheduler: deps.scheduler,
      sessions: () => this.live().map(({ session }) => ({ id: session.id, pid: session.pid })),
      onReading: (usage) => this.publish(usage),
      ...(deps.intervalMs !== undefined ? { intervalMs: deps.intervalMs } : {}),
    });
    this.running = this.monitor.start();
  }

  list(): ResourceRowDto[] {
    const usage = this.monitor.usage();
    return this.live().map(({ project, session }) => ({
      ...this.usageDto(usage.get(session.id) ?? { id: session.id }),
      projectRoot: project.root,
      projectName: project.name,
      agent: session.agent,
      agentName: session.agentName,
      profile: session.profile,
      pid: session.pid,
      status: session.status,
      startedAt: session.startedAt,
    }));
  }

  stop(sessionId: string): Promise<Result<void, DomainError>> {
    if (!this.live().some(({ session }) => session.id === sessionId)) return Promise.resolve(err({ kind: 'session-not-found', id: sessionId } as DomainError));
    return this.deps.stop(sessionId);
  }

  dispose(): void {
    this.running.dispose();
  }

  private live(): RunningSession[] {
    return this.deps.sessions().filter(({ session }) => isLive(session.status));
  }

  private publish(usage: ReadonlyMap<string, SessionUsage>): void {
    const byProject = new Map<string, SessionUsageDto[]>();
    for (const { project, session } of this.live()) {
      const dto = this.usageDto(usage.get(session.id) ?? { id: session.id });
      if (Object.keys(dto).length === 1) continue;
      const list = byProject.get(project.root) ?? [];
      list.push(dto);
      byProject.set(project.root, list);
    }
    for (const root of this.published) if (!byProject.has(root)) this.deps.publish(root, []);
    for (const [root, sessions] of byProject) this.deps.publish(root, sessions);
    this.published = new Set(byProject.keys());
  }

  /**
   * The process figures and the CLI's own report, each only where measured or reported; a cost the
   * CLI does not report is its tokens at the user's price for its model, marked estimated, or nothing.
   */
  private usageDto(usage: Partial<SessionUsage> & { readonly id: string }): SessionUsageDto {
    const report = this.deps.report?.(usage.id) ?? {};
    const estimate = report.costUsd === undefined && this.deps.prices ? estimatedCostUsd(report, this.deps.prices()) : undefined;
    const fields = {
      cpuPercent: usage.cpuPercent,
      rssBytes: usage.rssBytes,
      processes: usage.processes,
      model: report.model,
      contextPercent: report.contextPercent,
      contextWindow: report.contextWindow,
      inputTokens: report.inputTokens,
      outputTokens: report.outputTokens,
      costUsd: report.costUsd ?? estimate,
      costEstimated: estimate !== undefined ? (true as const) : undefined,
      rateLimits: report.rateLimits,
    };
    return { id: usage.id, ...Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) };
  }
}
