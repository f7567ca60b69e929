import type { RestartPolicy } from './agent';

/**
 * When to start a failed agent again (`never | on-failure`, with backoff and a maximum).
 * Pure: the supervisor keeps one RestartState per agent and asks `decideRestart` at each end.
 */
export interface BackoffSettings {
  /** Delay before the first restart. */
  readonly initialDelayMs: number;
  /** Each further consecutive restart waits this many times longer... */
  readonly factor: number;
  /** ...up to this. */
  readonly maxDelayMs: number;
  /** Consecutive restarts allowed before giving up (the agent then stays `failed`). */
  readonly maxAttempts: number;
  /** A run that lasted this long was healthy: the count starts again from zero. */
  readonly healthyAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffSettings = { initialDelayMs: 1000, factor: 2, maxDelayMs: 30_000, maxAttempts: 5, healthyAfterMs: 60_000 };

export interface RestartState {
  /** Restarts made since the last healthy run. */
  readonly attempts: number;
}

export const NO_RESTARTS: RestartState = { attempts: 0 };

/** How one run ended, as the supervisor saw it. A launch that failed is a run that ended as it started. */
export interface RunEnd {
  readonly status: 'exited' | 'failed';
  readonly startedAt: number;
  readonly endedAt: number;
}

export type RestartDecision =
  | { readonly kind: 'stay-down' }
  | { readonly kind: 'restart'; readonly attempt: number; readonly delayMs: number }
  | { readonly kind: 'give-up'; readonly attempts: number };

/** 1 s, 2 s, 4 s, ... capped: the n-th consecutive restart (n from 1). */
export function backoffDelay(attempt: number, settings: BackoffSettings): number {
  const delay = settings.initialDelayMs * settings.factor ** Math.max(0, attempt - 1);
  return Math.min(settings.maxDelayMs, delay);
}

export function decideRestart(
  policy: RestartPolicy | undefined,
  state: RestartState,
  run: RunEnd,
  settings: BackoffSettings,
): { readonly decision: RestartDecision; readonly state: RestartState } {
  const healthy = run.endedAt - run.startedAt >= settings.healthyAfterMs;
  const base = healthy ? NO_RESTARTS : state;
  // A clean exit or a kill the user asked for is never restarted, whatever the policy.
  if ((policy ?? 'never') === 'never' || run.status !== 'failed') return { decision: { kind: 'stay-down' }, state: base };
  if (base.attempts >= settings.maxAttempts) return { decision: { kind: 'give-up', attempts: base.attempts }, state: base };
  const attempt = base.attempts + 1;
  return { decision: { kind: 'restart', attempt, delayMs: backoffDelay(attempt, settings) }, state: { attempts: attempt } };
}
