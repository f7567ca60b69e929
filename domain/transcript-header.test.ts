import { describe, expect, it } from 'vitest';
import { sessionHeader } from './transcript-header';

describe('sessionHeader', () => {
  it('names the agent, the session, its start in UTC, profile, pid and terminal size on a line of its own', () => {
    const line = sessionHeader({ id: 's7', agentName: 'Reviewer', profile: 'claude', pid: 4242, startedAt: Date.UTC(2026, 10, 21, 9, 5, 3, 120), size: { cols: 132, rows: 43 } });
    expect(line).toBe('\r\n──── Reviewer: session s7 started 2026-11-21 09:05:03 UTC (profile claude, pid 4242, 132x43) ────\r\n');
  });
});
