import type { AgentReport } from '../domain/agent-report';
import type { Clock } from '../domain/ports/clock.port';
import type { Disposable } from '../domain/ports/disposable';
import type { AgentStore } from '../domain/ports/agent-store.port';
import type { EventBus } from '../domain/ports/event-bus.port';
import type { Scheduler } from '../domain/ports/scheduler.port';
import type { UsageLog, UsageLogError, UsageRecord } from '../domain/ports/usage-log.port';
import type { SessionStatus } from '../domain/session';
import { estimatedCostUsd, type UsageSettings } from '../domain/usage-settings';

export interface UsageRecorderDeps {
  readonly events: EventBus;
  readonly log: UsageLog;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  /** What a session's CLI last reported; undefined when it reports nothing. */
  readonly report: (sessionId: string) => AgentReport | undefined;
  readonly onError: (error: UsageLogError) => void;
  /** Where each agent's `budget` is read; without it no budget is watched. */
  readonly agents?: Pick<AgentStore, 'get'>;
  /** The user's prices per model, read as each turn is written; without them a turn its CLI did not cost has no cost. */
  readonly prices?: () => Promise<UsageSettings['prices']>;
}

/** Dollars to the millionth: a product or difference of binary fractions carries noise below that. */
const toMillionth = (value: number): number => Math.round(value * 1e6) / 1e6;

/** The local calendar day a time falls on: budgets are per day. */
const dayOf = (ms: number): string => new Date(ms).toDateString();

/** A turn ends when a working agent stops working: it waits for the user, or it ended. */
const turnEnded = (before: SessionStatus, after: SessionStatus) => before === 'busy' && after !== 'busy' && after !== 'starting';

/**
 * A turn has ended once the agent stayed out of work this long (a screen read as idle between two
 * requests of one turn is no end); its CLI's figures are then looked at every `RETRY_MS`, up to
 * `RETRY_FOR_MS`, since a CLI may report a turn's usage a moment after it looks done.
 */
const SETTLE_MS = 2000;
const RETRY_MS = 1000;
const RETRY_FOR_MS = 10_000;

/** Each agent's spending on `day`, those some of whose spending is estimated, and those already warned that day. */
interface DaySpending {
  day: string;
  readonly byAgent: Map<string, number>;
  readonly estimated: Set<string>;
  readonly warned: Set<string>;
}

interface Tracked {
  status: SessionStatus;
  busySince?: number;
  logged?: AgentReport;
  /** The wait for an ended turn's figures; cancelled when the agent works again. */
  pending?: Disposable;
}

/**
 * Writes one usage record per finished turn of each agent whose CLI reports usage: the tokens and
 * cost of that turn (what the CLI's running totals grew by since the session's previous record), the
 * session's cost so far, and how long the turn took. An agent whose CLI reports nothing gets no line,
 * and neither does a busy spell in which nothing grew: the log holds reported use only. Where the CLI
 * reports tokens but no cost and the user has priced its model, the line carries those tokens' cost at
 * that price, marked estimated; without a price it carries no cost.
 */
export class UsageRecorder {
  private readonly sessions = new Map<string, Tracked>();
  /** Today's spending, from the log. */
  private spending: Promise<DaySpending> | undefined;

  constructor(private readonly deps: UsageRecorderDeps) {}

  start(): Disposable {
    return this.deps.events.subscribe((event) => {
      if (event.type !== 'sessions.changed') return;
      const { session } = event;
      const known: Tracked = this.sessions.get(session.id) ?? { status: 'starting' };
      const now = this.deps.clock.now();
      if (session.status === 'busy' && known.status !== 'busy') {
        // Still the same turn if it ended a moment ago and nothing was written for it yet.
        if (known.pending) known.pending.dispose();
        else known.busySince = now;
        known.pending = undefined;
      }
      const ended = session.status === 'exited' || session.status === 'failed';
      if (turnEnded(known.status, session.status)) this.awaitFigures(session.id, session.agent, known, now, ended);
      known.status = session.status;
      if (!ended) this.sessions.set(session.id, known);
      else this.sessions.delete(session.id);
    });
  }

  /** Writes the turn's line once it is settled and its figures grew; an ended session's last turn at once. */
  private awaitFigures(id: string, agent: string, known: Tracked, endedAt: number, sessionEnded: boolean): void {
    if (sessionEnded) {
      this.record(id, agent, known, endedAt);
      return;
    }
    const attempt = (waited: number) => {
      known.pending = undefined;
      if (this.record(id, agent, known, endedAt) || waited >= RETRY_FOR_MS) return;
      known.pending = this.deps.scheduler.setTimeout(() => attempt(waited + RETRY_MS), RETRY_MS);
    };
    known.pending = this.deps.scheduler.setTimeout(() => attempt(SETTLE_MS), SETTLE_MS);
  }

  /** True when it wrote a line. */
  private record(id: string, agent: string, known: Tracked, now: number): boolean {
    const report = this.deps.report(id);
    if (!report || (report.inputTokens === undefined && report.outputTokens === undefined && report.costUsd === undefined)) return false;
    const grown = (field: 'inputTokens' | 'outputTokens' | 'costUsd') => {
      const total = report[field];
      return total === undefined ? undefined : Math.max(0, toMillionth(total - (known.logged?.[field] ?? 0)));
    };
    // A status that flickers (busy for a redraw, idle again) ends no turn: nothing was used since the last line.
    if (!(['inputTokens', 'outputTokens', 'costUsd'] as const).some((field) => (grown(field) ?? 0) > 0)) return false;
    const fields: Omit<UsageRecord, 'at' | 'agent' | 'session'> = {
      model: report.model,
      inputTokens: grown('inputTokens'),
      outputTokens: grown('outputTokens'),
      costUsd: grown('costUsd'),
      totalCostUsd: report.costUsd,
      durationMs: known.busySince !== undefined ? now - known.busySince : undefined,
    };
    known.logged = report;
    const reported = { at: now, agent, session: id, ...Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) } as UsageRecord;
    // Spending is totalled from the log before this line lands in it, so the line counts once.
    const totals = this.spendingToday(now);
    void totals.then(async () => {
      const record = reported.costUsd === undefined && this.deps.prices ? estimated(reported, report, await this.deps.prices()) : reported;
      const appended = await this.deps.log.append(record);
      if (!appended.ok) this.deps.onError(appended.error);
      if (record.costUsd) await this.spent(agent, record.costUsd, record.costEstimated === true, now);
    });
    known.busySince = undefined;
    return true;
  }

  /** Today's spending per agent, read from the log once a day. */
  private spendingToday(now: number): Promise<DaySpending> {
    const day = dayOf(now);
    const current = this.spending;
    const fresh = async () => {
      const byAgent = new Map<string, number>();
      const estimated = new Set<string>();
      for (const record of await this.deps.log.list()) {
        if (!record.costUsd || dayOf(record.at) !== day) continue;
        byAgent.set(record.agent, (byAgent.get(record.agent) ?? 0) + record.costUsd);
        if (record.costEstimated) estimated.add(record.agent);
      }
      return { day, byAgent, estimated, warned: new Set<string>() };
    };
    this.spending = current ? current.then((totals) => (totals.day === day ? totals : fresh())) : fresh();
    return this.spending;
  }

  /** Adds a turn's cost; announces, once a day, an agent whose spending crossed its budget. */
  private async spent(agent: string, costUsd: number, estimated: boolean, now: number): Promise<void> {
    const totals = await this.spendingToday(now);
    const before = totals.byAgent.get(agent) ?? 0;
    const after = before + costUsd;
    totals.byAgent.set(agent, after);
    if (estimated) totals.estimated.add(agent);
    if (!this.deps.agents || totals.warned.has(agent)) return;
    const listing = await this.deps.agents.get(agent);
    const budget = listing?.ok ? listing.agent.budget : undefined;
    if (budget === undefined || after < budget) return;
    totals.warned.add(agent);
    this.deps.events.publish({
      type: 'agents.over-budget',
      agent,
      budgetUsd: budget,
      spentUsd: Math.round(after * 100) / 100,
      ...(totals.estimated.has(agent) ? { estimated: true as const } : {}),
    });
  }
}

/** The turn costed at the user's price of its model, marked so; the turn as it is where the model has no price. */
function estimated(turn: UsageRecord, session: AgentReport, prices: UsageSettings['prices']): UsageRecord {
  const costUsd = estimatedCostUsd(turn, prices);
  if (costUsd === undefined) return turn;
  const totalCostUsd = estimatedCostUsd(session, prices);
  return { ...turn, costUsd: toMillionth(costUsd), ...(totalCostUsd !== undefined ? { totalCostUsd: toMillionth(totalCostUsd) } : {}), costEstimated: true };
}
