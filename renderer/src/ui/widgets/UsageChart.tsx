import { chartSeries, sparklinePoints } from '../../stores/usage-history';
import { formatCost, formatCpu } from '../../stores/usage-store';
import { useUsage } from '../shell/StoresContext';

const WIDTH = 80;
const HEIGHT = 18;

/** A session's cost (or CPU, where there is no cost) over the last minutes, as a small line; nothing before two readings. */
export function UsageChart({ sessionId, name }: { sessionId: string; name: string }) {
  const points = useUsage((s) => s.history[sessionId]);
  const series = points ? chartSeries(points) : undefined;
  if (!series) return null;
  const last = series.values.at(-1)!;
  const label = series.kind === 'cost' ? `${name}: cost over this session, now ${formatCost(last, series.estimated)}${series.estimated ? ', estimated from your prices' : ''}` : `${name}: CPU over the last minutes, now ${formatCpu(last)}`;
  return (
    <svg className={`usage-chart usage-chart-${series.kind}`} width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label}>
      <title>{label}</title>
      <polyline points={sparklinePoints(series.values, WIDTH, HEIGHT)} fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}
