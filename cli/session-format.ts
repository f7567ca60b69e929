/** How the session commands write an uptime and a screen. */

/** `2h05m`, `4m09s`, `12s`. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m${String(s).padStart(2, '0')}s`;
  return `${s}s`;
}

/** The screen without its blank tail; the last `n` lines of it when asked. */
export function lastLines(text: string, n: number | undefined): string {
  const lines = text.replace(/\s+$/, '').split('\n');
  const kept = n === undefined ? lines : lines.slice(-n);
  return kept.join('\n') + '\n';
}
