import { useEffect, useState } from 'react';
import type { SessionSpendingDto } from '../../../../contract/usage';
import { spendingByDay, type AgentSpending } from '../../stores/spending-by-day';
import { formatCost, formatTokens } from '../../stores/usage-store';
import { useAgents, useApi } from '../shell/StoresContext';

const PERIODS = [7, 30, 90] as const;
const BAR_WIDTH = 6;
const BAR_GAP = 2;
const CHART_HEIGHT = 28;

/** One bar per day on a scale shared by every agent of the same measure, so their heights compare; a day with nothing has no bar. */
function DayBars({ spending, max, label }: { spending: AgentSpending; max: number; label: string }) {
  const width = spending.perDay.length * (BAR_WIDTH + BAR_GAP);
  return (
    <svg className={`spending-bars spending-bars-${spending.measure}`} width={width} height={CHART_HEIGHT} viewBox={`0 0 ${width} ${CHART_HEIGHT}`} role="img" aria-label={label}>
      <title>{label}</title>
      <line x1={0} x2={width} y1={CHART_HEIGHT - 0.5} y2={CHART_HEIGHT - 0.5} className="spending-axis" />
      {spending.perDay.map((value, day) => {
        if (value <= 0 || max <= 0) return null;
        const height = Math.max(1, (value / max) * (CHART_HEIGHT - 2));
        return <rect key={day} x={day * (BAR_WIDTH + BAR_GAP)} y={CHART_HEIGHT - 1 - height} width={BAR_WIDTH} height={height} rx={1} />;
      })}
    </svg>
  );
}

/**
 * Each agent's use of the project over the last days, from the usage log kept across sessions: its
 * cost (reported, or from the user's prices and then marked ~) per day as bars, and its totals, the
 * most expensive agent first. An agent with no cost at all shows its tokens per day instead.
 */
export function UsageHistoryView({ now = () => Date.now() }: { now?: () => number }) {
  const api = useApi();
  const names = useAgents((s) => s.byId);
  const [days, setDays] = useState<(typeof PERIODS)[number]>(30);
  const [sessions, setSessions] = useState<SessionSpendingDto[]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let current = true;
    void api.call('usage.history', { days }).then((response) => {
      if (!current) return;
      if (response.ok) {
        setSessions(response.value);
        setError(undefined);
      } else setError(response.error.message);
    });
    return () => {
      current = false;
    };
  }, [api, days]);

  const agents = sessions ? spendingByDay(sessions, days, now()) : [];
  const scale = (measure: AgentSpending['measure']) => Math.max(0, ...agents.filter((a) => a.measure === measure).flatMap((a) => a.perDay));
  return (
    <section className="usage-history" aria-label="Cost by agent over time">
      <div className="usage-history-period" role="group" aria-label="Period">
        {PERIODS.map((period) => (
          <button key={period} type="button" className={`button small${period === days ? ' active' : ''}`} aria-pressed={period === days} onClick={() => setDays(period)}>
            {period} days
          </button>
        ))}
      </div>
      {sessions === undefined && !error ? <p className="muted">Reading the usage log…</p> : null}
      {sessions && agents.length === 0 ? <p className="muted">No agent of this project has reported any use in the last {days} days.</p> : null}
      {agents.length > 0 ? (
        <table className="resources-table usage-history-table" aria-label={`Use per agent, last ${days} days`}>
          <thead>
            <tr>
              <th scope="col" className="col-agent">
                Agent
              </th>
              <th scope="col">Cost</th>
              <th scope="col">Tokens</th>
              <th scope="col">Sessions</th>
              <th scope="col" className="col-days">
                Per day, oldest first
              </th>
            </tr>
          </thead>
          <tbody>
            {agents.map((spending) => {
              const name = names[spending.agent]?.name ?? spending.agent;
              const cost = spending.costUsd !== undefined ? formatCost(spending.costUsd, spending.estimated) : '';
              const label =
                spending.measure === 'cost'
                  ? `${name}: cost per day over the last ${days} days, ${cost} in all${spending.estimated ? ', partly estimated from your prices' : ''}`
                  : `${name}: tokens per day over the last ${days} days (no cost reported and no price set), ${formatTokens(spending.tokens)} in all`;
              return (
                <tr key={spending.agent}>
                  <th scope="row" className="col-agent">
                    <span className="resource-agent">{name}</span>
                  </th>
                  <td className={spending.estimated ? 'cost-estimated' : undefined} title={spending.estimated ? 'Partly estimated from your prices' : undefined}>
                    {cost}
                  </td>
                  <td>{formatTokens(spending.tokens)}</td>
                  <td>{spending.sessions}</td>
                  <td className="col-days">
                    <DayBars spending={spending} max={scale(spending.measure)} label={label} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {error ? <p className="field-error">{error}</p> : null}
    </section>
  );
}
