import { describe, expect, it } from 'vitest';
import { backoffDelay, decideRestart, DEFAULT_BACKOFF, NO_RESTARTS, type BackoffSettings, type RestartState } from './restart-policy';

const settings: BackoffSettings = { initialDelayMs: 1000, factor: 2, maxDelayMs: 5000, maxAttempts: 3, healthyAfterMs: 60_000 };
const failedAfter = (ms: number) => ({ status: 'failed' as const, startedAt: 10_000, endedAt: 10_000 + ms });

describe('restart policy', () => {
  it('doubles the delay from one second and caps it', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, settings))).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(backoffDelay(1, DEFAULT_BACKOFF)).toBe(1000);
  });

  it('never restarts an agent whose policy is never or unset', () => {
    expect(decideRestart('never', NO_RESTARTS, failedAfter(10), settings).decision).toEqual({ kind: 'stay-down' });
    expect(decideRestart(undefined, NO_RESTARTS, failedAfter(10), settings).decision).toEqual({ kind: 'stay-down' });
  });

  it('does not restart a clean exit, even on-failure', () => {
    expect(decideRestart('on-failure', NO_RESTARTS, { ...failedAfter(10), status: 'exited' }, settings).decision).toEqual({ kind: 'stay-down' });
  });

  it('restarts failures with growing delays, then gives up after the maximum', () => {
    let state: RestartState = NO_RESTARTS;
    const decisions = [];
    for (let i = 0; i < 4; i++) {
      const next = decideRestart('on-failure', state, failedAfter(100), settings);
      decisions.push(next.decision);
      state = next.state;
    }
    expect(decisions).toEqual([
      { kind: 'restart', attempt: 1, delayMs: 1000 },
      { kind: 'restart', attempt: 2, delayMs: 2000 },
      { kind: 'restart', attempt: 3, delayMs: 4000 },
      { kind: 'give-up', attempts: 3 },
    ]);
  });

  it('starts counting again after a healthy run', () => {
    const tired: RestartState = { attempts: 3 };
    expect(decideRestart('on-failure', tired, failedAfter(100), settings).decision.kind).toBe('give-up');
    expect(decideRestart('on-failure', tired, failedAfter(60_000), settings)).toEqual({
      decision: { kind: 'restart', attempt: 1, delayMs: 1000 },
      state: { attempts: 1 },
    });
  });
});
