import { describe, expect, it } from 'vitest';
import { RecordingEventBus } from '../adapters/events/recording-event-bus';
import { ManualScheduler } from '../adapters/memory/manual-scheduler';
import { FixedClock } from '../adapters/memory/fixed-clock';
import { InMemoryUsageLog } from '../adapters/memory/in-memory-usage-log';
import { InMemoryAgentStore } from '../adapters/memory/in-memory-agent-store';
import type { AgentReport } from '../domain/agent-report';
import type { SessionInfo, SessionStatus } from '../domain/session';
import type { UsageSettings } from '../domain/usage-settings';
import { UsageRecorder } from './usage-recorder';

/** The user's price of a Codex model, dollars per million tokens in and out. */
const CODEX_PRICES = { 'gpt-5.1-codex': { inputPerMillionUsd: 1.25, outputPerMillionUsd: 10 } };

const session = (id: string, status: SessionStatus): SessionInfo => ({
  id, agent: 'coder', agentName: 'Coder', profile: 'claude', pid: 1, cwd: '/p', status, startedAt: 0, size: { cols: 80, rows: 24 }, missingSkills: [],
});

function world(log = new InMemoryUsageLog(), agents?: InMemoryAgentStore, prices?: UsageSettings['prices']) {
  const events = new RecordingEventBus();
  const scheduler = new ManualScheduler(new FixedClock(1000));
  const clock = scheduler;
  const reports = new Map<string, AgentReport>();
  const errors: unknown[] = [];
  const recorder = new UsageRecorder({ events, log, clock, scheduler, report: (id) => reports.get(id), onError: (e) => errors.push(e), ...(agents ? { agents } : {}), ...(prices ? { prices: async () => prices } : {}) });
  const running = recorder.start();
  const status = (id: string, value: SessionStatus) => events.publish({ type: 'sessions.changed', session: session(id, value) });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  const overBudget = () => events.published.filter((e) => e.type === 'agents.over-budget');
  return { log, clock: scheduler.clock, scheduler, reports, status, settle, running, errors, overBudget };
}

describe('UsageRecorder', () => {
  it("writes one line per finished turn with that turn's tokens, cost and duration, once it has settled", async () => {
    const { log, clock, scheduler, reports, status, settle } = world();
    status('s1', 'starting');
    status('s1', 'idle');
    status('s1', 'busy');
    clock.advance(4000);
    reports.set('s1', { model: 'Opus', inputTokens: 1000, outputTokens: 100, costUsd: 0.1 });
    status('s1', 'idle');
    scheduler.advance(2000);
    status('s1', 'busy');
    clock.advance(2000);
    reports.set('s1', { model: 'Opus', inputTokens: 2500, outputTokens: 150, costUsd: 0.3 });
    status('s1', 'needs-input');
    scheduler.advance(2000);
    await settle();
    expect(await log.list()).toEqual([
      { at: 5000, agent: 'coder', session: 's1', model: 'Opus', inputTokens: 1000, outputTokens: 100, costUsd: 0.1, totalCostUsd: 0.1, durationMs: 4000 },
      { at: 9000, agent: 'coder', session: 's1', model: 'Opus', inputTokens: 1500, outputTokens: 50, costUsd: 0.2, totalCostUsd: 0.3, durationMs: 2000 },
    ]);
  });

  it('counts a screen that looked idle for a moment within one turn as that turn, and waits for figures reported late', async () => {
    const { log, scheduler, reports, status, settle } = world();
    status('s1', 'busy');
    scheduler.advance(1000);
    status('s1', 'idle');
    scheduler.advance(500);
    status('s1', 'busy');
    scheduler.advance(3000);
    status('s1', 'idle');
    scheduler.advance(3000);
    reports.set('s1', { costUsd: 0.25 });
    scheduler.advance(1000);
    await settle();
    expect(await log.list()).toEqual([{ at: 5500, agent: 'coder', session: 's1', costUsd: 0.25, totalCostUsd: 0.25, durationMs: 4500 }]);
  });

  it('writes nothing for an agent whose CLI reports no usage, nor for a session that never worked', async () => {
    const { log, reports, status, settle, scheduler } = world();
    status('s1', 'busy');
    status('s1', 'idle');
    scheduler.advance(20_000);
    reports.set('s2', { costUsd: 1 });
    status('s2', 'starting');
    status('s2', 'exited');
    await settle();
    expect(await log.list()).toEqual([]);
  });

  it('counts the last turn of a session that ended while it worked', async () => {
    const { log, reports, status, settle } = world();
    status('s1', 'busy');
    reports.set('s1', { outputTokens: 42 });
    status('s1', 'failed');
    await settle();
    expect(await log.list()).toMatchObject([{ session: 's1', outputTokens: 42 }]);
  });

  it('writes no line for a busy spell in which the reported totals did not grow', async () => {
    const { log, reports, status, settle, scheduler } = world();
    reports.set('s1', { model: 'Opus', costUsd: 0 });
    status('s1', 'busy');
    status('s1', 'idle');
    scheduler.advance(20_000);
    reports.set('s1', { model: 'Opus', costUsd: 0.5, outputTokens: 10 });
    status('s1', 'busy');
    status('s1', 'idle');
    scheduler.advance(20_000);
    status('s1', 'busy');
    status('s1', 'idle');
    scheduler.advance(20_000);
    await settle();
    expect((await log.list()).map((r) => r.costUsd)).toEqual([0.5]);
  });

  it("warns once a day when an agent's reported spending today crosses its budget, counting what the log already holds", async () => {
    const log = new InMemoryUsageLog();
    await log.append({ at: 900, agent: 'coder', session: 'earlier', costUsd: 3 });
    await log.append({ at: 900, agent: 'other', session: 'x', costUsd: 50 });
    const agents = new InMemoryAgentStore();
    await agents.save({ slug: 'coder', name: 'Coder', profile: 'claude', skills: [], workspace: 'project', args: [], env: {}, persona: '', budget: 5 });
    const { reports, status, settle, scheduler, overBudget } = world(log, agents);
    const turn = async (totalCost: number) => {
      status('s1', 'busy');
      reports.set('s1', { costUsd: totalCost });
      status('s1', 'idle');
      scheduler.advance(2000);
      await settle();
    };
    await turn(1);
    expect(overBudget()).toEqual([]);
    await turn(2.5);
    expect(overBudget()).toEqual([{ type: 'agents.over-budget', agent: 'coder', budgetUsd: 5, spentUsd: 5.5 }]);
    await turn(4);
    expect(overBudget()).toHaveLength(1);
  });

  it("writes a turn its CLI reported tokens but no cost for at the user's price of its model, marked estimated", async () => {
    const { log, reports, status, settle, scheduler } = world(undefined, undefined, CODEX_PRICES);
    status('s1', 'busy');
    reports.set('s1', { model: 'GPT-5.1-Codex', inputTokens: 1_000_000, outputTokens: 100_000 });
    status('s1', 'idle');
    scheduler.advance(2000);
    await settle();
    status('s1', 'busy');
    reports.set('s1', { model: 'GPT-5.1-Codex', inputTokens: 1_200_000, outputTokens: 110_000 });
    status('s1', 'idle');
    scheduler.advance(2000);
    await settle();
    expect(await log.list()).toEqual([
      { at: 1000, agent: 'coder', session: 's1', model: 'GPT-5.1-Codex', inputTokens: 1_000_000, outputTokens: 100_000, costUsd: 2.25, totalCostUsd: 2.25, costEstimated: true, durationMs: 0 },
      { at: 3000, agent: 'coder', session: 's1', model: 'GPT-5.1-Codex', inputTokens: 200_000, outputTokens: 10_000, costUsd: 0.35, totalCostUsd: 2.6, costEstimated: true, durationMs: 0 },
    ]);
  });

  it('writes no cost for a turn whose model the user has not priced, nor marks it estimated', async () => {
    const { log, reports, status, settle, scheduler } = world(undefined, undefined, CODEX_PRICES);
    status('s1', 'busy');
    reports.set('s1', { model: 'gemini-2.5-pro', inputTokens: 5000, outputTokens: 300 });
    status('s1', 'idle');
    scheduler.advance(2000);
    await settle();
    expect(await log.list()).toEqual([{ at: 1000, agent: 'coder', session: 's1', model: 'gemini-2.5-pro', inputTokens: 5000, outputTokens: 300, durationMs: 0 }]);
  });

  it("keeps the CLI's own cost where it reports one, whatever the user's price of its model", async () => {
    const { log, reports, status, settle } = world(undefined, undefined, CODEX_PRICES);
    status('s1', 'busy');
    reports.set('s1', { model: 'gpt-5.1-codex', inputTokens: 1_000_000, outputTokens: 0, costUsd: 0.4 });
    status('s1', 'exited');
    await settle();
    expect(await log.list()).toMatchObject([{ costUsd: 0.4, totalCostUsd: 0.4 }]);
    expect((await log.list())[0]).not.toHaveProperty('costEstimated');
  });

  it("warns when an agent's spending today, estimated at the user's prices, crosses its budget", async () => {
    const log = new InMemoryUsageLog();
    await log.append({ at: 900, agent: 'coder', session: 'earlier', model: 'gpt-5.1-codex', inputTokens: 1_000_000, outputTokens: 0, costUsd: 1.25, costEstimated: true });
    const agents = new InMemoryAgentStore();
    await agents.save({ slug: 'coder', name: 'Coder', profile: 'codex', skills: [], workspace: 'project', args: [], env: {}, persona: '', budget: 3 });
    const { reports, status, settle, scheduler, overBudget } = world(log, agents, CODEX_PRICES);
    status('s1', 'busy');
    reports.set('s1', { model: 'gpt-5.1-codex', inputTokens: 1_000_000, outputTokens: 100_000 });
    status('s1', 'idle');
    scheduler.advance(2000);
    await settle();
    expect(overBudget()).toEqual([{ type: 'agents.over-budget', agent: 'coder', budgetUsd: 3, spentUsd: 3.5, estimated: true }]);
  });
});
