import { describe, expect, it } from 'vitest';
import { RecordingEventBus } from '../adapters/events/recording-event-bus';
import { FixedClock } from '../adapters/memory/fixed-clock';
import { InMemoryUsageLog } from '../adapters/memory/in-memory-usage-log';
import type { AgentReport } from '../domain/agent-report';
import type { SessionInfo, SessionStatus } from '../domain/session';
import { UsageRecorder } from './usage-recorder';

const session = (id: string, status: SessionStatus): SessionInfo => ({
  id, agent: 'coder', agentName: 'Coder', profile: 'claude', pid: 1, cwd: '/p', status, startedAt: 0, size: { cols: 80, rows: 24 }, missingSkills: [],
});

function world() {
  const events = new RecordingEventBus();
  const log = new InMemoryUsageLog();
  const clock = new FixedClock(1000);
  const reports = new Map<string, AgentReport>();
  const errors: unknown[] = [];
  const recorder = new UsageRecorder({ events, log, clock, report: (id) => reports.get(id), onError: (e) => errors.push(e) });
  const running = recorder.start();
  const status = (id: string, value: SessionStatus) => events.publish({ type: 'sessions.changed', session: session(id, value) });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { log, clock, reports, status, settle, running, errors };
}

describe('UsageRecorder', () => {
  it("writes one line per finished turn with that turn's tokens, cost and duration", async () => {
    const { log, clock, reports, status, settle } = world();
    status('s1', 'starting');
    status('s1', 'idle');
    status('s1', 'busy');
    clock.advance(4000);
    reports.set('s1', { model: 'Opus', inputTokens: 1000, outputTokens: 100, costUsd: 0.1 });
    status('s1', 'idle');
    status('s1', 'busy');
    clock.advance(2000);
    reports.set('s1', { model: 'Opus', inputTokens: 2500, outputTokens: 150, costUsd: 0.3 });
    status('s1', 'needs-input');
    await settle();
    expect(await log.list()).toEqual([
      { at: 5000, agent: 'coder', session: 's1', model: 'Opus', inputTokens: 1000, outputTokens: 100, costUsd: 0.1, totalCostUsd: 0.1, durationMs: 4000 },
      { at: 7000, agent: 'coder', session: 's1', model: 'Opus', inputTokens: 1500, outputTokens: 50, costUsd: 0.2, totalCostUsd: 0.3, durationMs: 2000 },
    ]);
  });

  it('writes nothing for an agent whose CLI reports no usage, nor for a session that never worked', async () => {
    const { log, reports, status, settle } = world();
    status('s1', 'busy');
    status('s1', 'idle');
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
});
