import type { RateLimitWindowDto, SessionUsageDto } from '../../../contract/usage';

/** "5h", "week", "day", "90m": a window by its length, as the user thinks of it. */
export function windowName(minutes: number | undefined, fallback: string): string {
  if (minutes === undefined) return fallback;
  if (minutes === 10_080) return 'week';
  if (minutes === 1440) return 'day';
  if (minutes < 60) return `${minutes}m`;
  if (minutes < 1440) return `${Math.round(minutes / 6) / 10}h`.replace('.0h', 'h');
  return `${Math.round(minutes / 1440)}d`;
}

const windows = (limits: NonNullable<SessionUsageDto['rateLimits']>): Array<[RateLimitWindowDto, string]> => [
  ...(limits.primary ? [[limits.primary, 'short'] as [RateLimitWindowDto, string]] : []),
  ...(limits.secondary ? [[limits.secondary, 'long'] as [RateLimitWindowDto, string]] : []),
];

/** "5h 43% · week 7%": how much of each usage-limit window the account has used; empty when none was reported. */
export function formatRateLimits(limits: SessionUsageDto['rateLimits']): string {
  if (!limits) return '';
  return windows(limits)
    .map(([window, fallback]) => `${windowName(window.windowMinutes, fallback)} ${Math.round(window.usedPercent)}%`)
    .join(' · ');
}

/** "5h limit 43% used, resets at 14:05; week limit 7% used, resets Thu 10 Dec": for a tooltip. */
export function describeRateLimits(limits: SessionUsageDto['rateLimits'], locale?: string): string {
  if (!limits) return '';
  return windows(limits)
    .map(([window, fallback]) => {
      const resets =
        window.resetsAt === undefined
          ? ''
          : (window.windowMinutes ?? 0) < 1440
            ? `, resets at ${new Date(window.resetsAt).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' })}`
            : `, resets ${new Date(window.resetsAt).toLocaleDateString(locale, { weekday: 'short', day: 'numeric', month: 'short' })}`;
      return `${windowName(window.windowMinutes, fallback)} limit ${Math.round(window.usedPercent)}% used${resets}`;
    })
    .join('; ');
}
