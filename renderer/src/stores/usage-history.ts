import type { SessionUsageDto } from '../../../contract/usage';

/** How many readings a session's chart keeps: at one every 3 s, the last 10 minutes. */
export const HISTORY_POINTS = 200;

/** One reading of one session, as its chart draws it. */
export interface UsagePoint {
  readonly at: number;
  readonly cpuPercent?: number;
  readonly costUsd?: number;
  /** `costUsd` is the session's tokens at the user's prices, its CLI having reported no cost. */
  readonly costEstimated?: true;
}

/** The readings of each session, newest last, at most HISTORY_POINTS each; sessions no longer pushed are dropped. */
export function appendHistory(history: Readonly<Record<string, readonly UsagePoint[]>>, sessions: readonly SessionUsageDto[], at: number): Record<string, readonly UsagePoint[]> {
  const out: Record<string, readonly UsagePoint[]> = {};
  for (const usage of sessions) {
    const point: UsagePoint = { at, ...(usage.cpuPercent !== undefined ? { cpuPercent: usage.cpuPercent } : {}), ...(usage.costUsd !== undefined ? { costUsd: usage.costUsd, ...(usage.costEstimated ? { costEstimated: true as const } : {}) } : {}) };
    out[usage.id] = [...(history[usage.id] ?? []), point].slice(-HISTORY_POINTS);
  }
  return out;
}

/**
 * What a session's chart shows: its cost where its CLI reports one or the user's prices make one (what
 * makes a persona expensive; `estimated` when any reading came from the prices), else its CPU.
 */
export function chartSeries(points: readonly UsagePoint[]): { readonly kind: 'cost' | 'cpu'; readonly values: readonly number[]; readonly estimated?: true } | undefined {
  const costs = points.map((p) => p.costUsd).filter((v): v is number => v !== undefined);
  if (costs.length >= 2) return { kind: 'cost', values: costs, ...(points.some((p) => p.costEstimated) ? { estimated: true as const } : {}) };
  const cpu = points.map((p) => p.cpuPercent).filter((v): v is number => v !== undefined);
  return cpu.length >= 2 ? { kind: 'cpu', values: cpu } : undefined;
}

/** SVG polyline points for `values` in a `width` x `height` box (0 at the bottom). */
export function sparklinePoints(values: readonly number[], width: number, height: number): string {
  const max = Math.max(...values, 0);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values.map((value, i) => `${Math.round(i * step * 10) / 10},${Math.round((height - (max > 0 ? (value / max) * (height - 1) : 0)) * 10) / 10}`).join(' ');
}
