import type { AgentReport } from '../domain/agent-report';
import type { Clock } from '../domain/ports/clock.port';
import type { Disposable } from '../domain/ports/disposable';
import type { EventBus } from '../domain/ports/event-bus.port';
import type { UsageLog, UsageLogError, UsageRecord } from '../domain/ports/usage-log.port';
import type { SessionStatus } from '../domain/session';

export interface UsageRecorderDeps {
  readonly events: EventBus;
  readonly log: UsageLog;
  readonly clock: Clock;
  /** What a session's CLI last reported; undefined when it reports nothing. */
  readonly report: (sessionId: string) => AgentReport | undefined;
  readonly onError: (error: UsageLogError) => void;
}

/** A turn ends when a working agent stops working: it waits for the user, or it ended. */
const turnEnded = (before: SessionStatus, after: SessionStatus) => before === 'busy' && after !== 'busy' && after !== 'starting';

/**
 * Writes one usage record per finished turn of each agent whose CLI reports usage: the tokens and
 * cost of that turn (what the CLI's running totals grew by since the session's previous record), the
 * session's cost so far, and how long the turn took. An agent whose CLI reports nothing gets no line:
 * the log holds reported figures only.
 */
export class UsageRecorder {
  private readonly sessions = new Map<string, { status: SessionStatus; busySince?: number; logged?: AgentReport }>();

  constructor(private readonly deps: UsageRecorderDeps) {}

  start(): Disposable {
    return this.deps.events.subscribe((event) => {
      if (event.type !== 'sessions.changed') return;
      const { session } = event;
      const known = this.sessions.get(session.id) ?? { status: 'starting' as SessionStatus };
      const now = this.deps.clock.now();
      if (session.status === 'busy' && known.status !== 'busy') known.busySince = now;
      if (turnEnded(known.status, session.status)) this.record(session.id, session.agent, known, now);
      known.status = session.status;
      if (session.status === 'exited' || session.status === 'failed') this.sessions.delete(session.id);
      else this.sessions.set(session.id, known);
    });
  }

  private record(id: string, agent: string, known: { busySince?: number; logged?: AgentReport }, now: number): void {
    const report = this.deps.report(id);
    if (!report || (report.inputTokens === undefined && report.outputTokens === undefined && report.costUsd === undefined)) return;
    const grown = (field: 'inputTokens' | 'outputTokens' | 'costUsd') => {
      const total = report[field];
      // Dollars to the millionth: a difference of two binary fractions carries noise below that.
      return total === undefined ? undefined : Math.max(0, Math.round((total - (known.logged?.[field] ?? 0)) * 1e6) / 1e6);
    };
    const fields: Omit<UsageRecord, 'at' | 'agent' | 'session'> = {
      model: report.model,
      inputTokens: grown('inputTokens'),
      outputTokens: grown('outputTokens'),
      costUsd: grown('costUsd'),
      totalCostUsd: report.costUsd,
      durationMs: known.busySince !== undefined ? now - known.busySince : undefined,
    };
    known.logged = report;
    const record = { at: now, agent, session: id, ...Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) } as UsageRecord;
    void this.deps.log.append(record).then((appended) => {
      if (!appended.ok) this.deps.onError(appended.error);
    });
  }
}
