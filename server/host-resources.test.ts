import { describe, expect, it } from 'vitest';
import { InMemoryProcessMeter } from '../adapters/memory/in-memory-process-meter';
import { ManualScheduler } from '../adapters/memory/manual-scheduler';
import { ok } from '../domain/result';
import type { SessionInfo } from '../domain/session';
import { HostResources, type HostResourcesDeps, type RunningSession } from './host-resources';
import type { SessionUsageDto } from '../contract/usage';

const session = (id: string, pid: number, extra: Partial<SessionInfo> = {}): SessionInfo => ({
  id, agent: `agent-${id}`, agentName: `Agent ${id}`, profile: 'claude', pid, cwd: '/p', status: 'idle', startedAt: 1000, size: { cols: 80, rows: 24 }, missingSkills: [], ...extra,
});

function world(running: RunningSession[], report?: HostResourcesDeps['report'], prices?: HostResourcesDeps['prices']) {
  const meter = new InMemoryProcessMeter();
  const scheduler = new ManualScheduler();
  const published: Array<{ root: string; sessions: readonly SessionUsageDto[] }> = [];
  const stopped: string[] = [];
  const resources = new HostResources({
    meter, clock: scheduler, scheduler, intervalMs: 1000,
    ...(report ? { report } : {}),
    ...(prices ? { prices } : {}),
    sessions: () => running,
    publish: (root, sessions) => published.push({ root, sessions }),
    stop: async (id) => {
      stopped.push(id);
      return ok(undefined);
    },
  });
  return { meter, scheduler, published, stopped, resources };
}

const alpha = { root: '/alpha', name: 'alpha' };
const beta = { root: '/beta', name: 'beta' };

describe('HostResources', () => {
  it("publishes each project's figures to that project alone, and once more, empty, when its last agent ended", async () => {
    const running: RunningSession[] = [{ project: alpha, session: session('a', 10) }, { project: beta, session: session('b', 20) }];
    const { meter, scheduler, published, resources } = world(running);
    meter.run({ pid: 10, parentPid: 1, rssBytes: 100 }).run({ pid: 20, parentPid: 1, rssBytes: 200 });
    await scheduler.advanceAsync(1000);
    expect(published.slice(-2)).toEqual([
      { root: '/alpha', sessions: [{ id: 'a', rssBytes: 100, processes: 1 }] },
      { root: '/beta', sessions: [{ id: 'b', rssBytes: 200, processes: 1 }] },
    ]);
    running.splice(1, 1, { project: beta, session: session('b', 20, { status: 'exited' }) });
    meter.end(20);
    published.length = 0;
    await scheduler.advanceAsync(1000);
    expect(published.map((p) => p.root)).toEqual(['/beta', '/alpha']);
    expect(published[0]).toEqual({ root: '/beta', sessions: [] });
    published.length = 0;
    await scheduler.advanceAsync(1000);
    expect(published.map((p) => p.root)).toEqual(['/alpha']);
    resources.dispose();
  });

  it('lists every running agent of every project with its figures, and none that ended', async () => {
    const running: RunningSession[] = [
      { project: alpha, session: session('a', 10) },
      { project: beta, session: session('b', 20, { status: 'busy' }) },
      { project: beta, session: session('c', 30, { status: 'failed' }) },
    ];
    const { meter, scheduler, resources } = world(running);
    meter.run({ pid: 10, parentPid: 1, rssBytes: 100 });
    await scheduler.advanceAsync(1000);
    expect(resources.list()).toEqual([
      { id: 'a', rssBytes: 100, processes: 1, projectRoot: '/alpha', projectName: 'alpha', agent: 'agent-a', agentName: 'Agent a', profile: 'claude', pid: 10, status: 'idle', startedAt: 1000 },
      { id: 'b', projectRoot: '/beta', projectName: 'beta', agent: 'agent-b', agentName: 'Agent b', profile: 'claude', pid: 20, status: 'busy', startedAt: 1000 },
    ]);
    resources.dispose();
  });

  it('stops a running agent of any project, and refuses one that is not running', async () => {
    const running: RunningSession[] = [{ project: beta, session: session('b', 20) }, { project: beta, session: session('c', 30, { status: 'exited' }) }];
    const { stopped, resources } = world(running);
    expect(await resources.stop('b')).toEqual({ ok: true, value: undefined });
    expect(await resources.stop('c')).toEqual({ ok: false, error: { kind: 'session-not-found', id: 'c' } });
    expect(stopped).toEqual(['b']);
    resources.dispose();
  });

  it("adds what each agent's CLI reports to its figures, and nothing for an agent whose CLI reports nothing", async () => {
    const running: RunningSession[] = [{ project: alpha, session: session('a', 10) }, { project: alpha, session: session('b', 20) }];
    const { meter, scheduler, published, resources } = world(running, (id) => (id === 'b' ? { model: 'Opus', contextPercent: 81, contextWindow: 200_000, costUsd: 0.42, rateLimits: { primary: { usedPercent: 12, windowMinutes: 300 } } } : undefined));
    meter.run({ pid: 10, parentPid: 1, rssBytes: 100 });
    await scheduler.advanceAsync(1000);
    expect(published.at(-1)).toEqual({
      root: '/alpha',
      sessions: [
        { id: 'a', rssBytes: 100, processes: 1 },
        { id: 'b', model: 'Opus', contextPercent: 81, contextWindow: 200_000, costUsd: 0.42, rateLimits: { primary: { usedPercent: 12, windowMinutes: 300 } } },
      ],
    });
    expect(resources.list().map((row) => row.costUsd)).toEqual([undefined, 0.42]);
    resources.dispose();
  });

  it("costs a session whose CLI reports tokens but no cost at the user's price for its model, marked estimated, and no other", async () => {
    const running: RunningSession[] = [
      { project: alpha, session: session('priced', 10) },
      { project: alpha, session: session('unpriced', 20) },
      { project: alpha, session: session('reported', 30) },
    ];
    const reports: Record<string, { model: string; inputTokens: number; outputTokens: number; costUsd?: number }> = {
      priced: { model: 'GPT-5.1-Codex', inputTokens: 2_000_000, outputTokens: 100_000 },
      unpriced: { model: 'gemini-2.5-pro', inputTokens: 5000, outputTokens: 50 },
      reported: { model: 'gpt-5.1-codex', inputTokens: 10, outputTokens: 10, costUsd: 0.5 },
    };
    let prices: Record<string, { inputPerMillionUsd: number; outputPerMillionUsd: number }> = {};
    const { scheduler, published } = world(running, (id) => reports[id], () => prices);
    await scheduler.advanceAsync(1000);
    expect(published.at(-1)?.sessions.map((s) => [s.id, s.costUsd, s.costEstimated])).toEqual([
      ['priced', undefined, undefined],
      ['unpriced', undefined, undefined],
      ['reported', 0.5, undefined],
    ]);
    prices = { 'gpt-5.1-codex': { inputPerMillionUsd: 1.25, outputPerMillionUsd: 10 } };
    await scheduler.advanceAsync(1000);
    expect(published.at(-1)?.sessions.map((s) => [s.id, s.costUsd, s.costEstimated])).toEqual([
      ['priced', 3.5, true],
      ['unpriced', undefined, undefined],
      ['reported', 0.5, undefined],
    ]);
  });
});
