import { describe, expect, it } from 'vitest';
import { sessionHeader } from './transcript-header';

describe('sessionHeader', () => {
  it('names the agent, the session, its start in UTC, profile and pid on a line of its own', () => {
    const line = sessionHeader({ id: 's7', agentName: 'Reviewer', profile: 'claude', pid: 4242, startedAt: Date.UTC(2026, 10, 21, 9, 5, 3, 120) });
    expect(line).toBe('\r\n──── Reviewer: session s7 started 2026-11-21 09:05:03 UTC (profile claude, pid 4242) ────\r\n');
  });
});
