import '../widgets/usage.css';
import { useCallback, useEffect, useState } from 'react';
import type { ResourceRowDto } from '../../../../contract/usage';
import { describeRateLimits, formatRateLimits } from '../../stores/rate-limits';
import { formatBytes, formatCost, formatCpu } from '../../stores/usage-store';
import { useApi } from '../shell/StoresContext';
import { UsageChart } from '../widgets/UsageChart';
import { Dialog } from './Dialog';
import { UsageHistoryView } from './UsageHistoryView';
import { UsageSettingsForm } from './UsageSettingsForm';

/** How often the open view asks for fresh figures: as often as the host reads them. */
const REFRESH_MS = 3000;

type Column = 'agent' | 'cpu' | 'memory' | 'uptime' | 'cost' | 'limits';

/** What each column sorts by; a figure nobody reported sorts last, whatever the direction. */
const SORT_KEYS: Record<Column, (row: ResourceRowDto, now: number) => number | string | undefined> = {
  agent: (row) => `${row.agentName.toLowerCase()}\u0000${row.projectName.toLowerCase()}`,
  cpu: (row) => row.cpuPercent,
  memory: (row) => row.rssBytes,
  uptime: (row, now) => now - row.startedAt,
  cost: (row) => row.costUsd,
  // The fuller window: the one that stops the agent first.
  limits: (row) => {
    const used = [row.rateLimits?.primary?.usedPercent, row.rateLimits?.secondary?.usedPercent].filter((value): value is number => value !== undefined);
    return used.length > 0 ? Math.max(...used) : undefined;
  },
};

const LABELS: Record<Column, string> = { agent: 'Agent', cpu: 'CPU', memory: 'Memory', uptime: 'Uptime', cost: 'Cost', limits: 'Limits' };

export function sortRows(rows: readonly ResourceRowDto[], column: Column, descending: boolean, now: number): ResourceRowDto[] {
  const key = SORT_KEYS[column];
  return [...rows].sort((a, b) => {
    const x = key(a, now);
    const y = key(b, now);
    if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1;
    const order = x < y ? -1 : x > y ? 1 : 0;
    return descending ? -order : order;
  });
}

export function formatUptime(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/**
 * Every running agent of every open project, with what it uses (CPU and memory of its whole process
 * tree, cost where its CLI reports one or the user priced its model), sortable by each column, with
 * Stop. Refreshed while open. Its settings (the context warning, the user's prices) and each agent's
 * cost over the past days (from the usage log) open in place.
 */
export function ResourcesDialog({ onClose, now = () => Date.now() }: { onClose: () => void; now?: () => number }) {
  const api = useApi();
  const [rows, setRows] = useState<ResourceRowDto[] | undefined>();
  const [error, setError] = useState<string>();
  const [sort, setSort] = useState<{ column: Column; descending: boolean }>({ column: 'cpu', descending: true });
  const [stopping, setStopping] = useState<ReadonlySet<string>>(new Set());
  const [view, setView] = useState<'running' | 'settings' | 'history'>('running');

  const refresh = useCallback(async () => {
    const response = await api.call('resources.list', {});
    if (response.ok) {
      setRows(response.value);
      setError(undefined);
    } else setError(response.error.message);
  }, [api]);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  const stop = async (row: ResourceRowDto) => {
    setStopping((s) => new Set(s).add(row.id));
    const response = await api.call('resources.stop', { id: row.id });
    if (!response.ok) setError(`Could not stop ${row.agentName}: ${response.error.message}`);
    await refresh();
    setStopping((s) => {
      const next = new Set(s);
      next.delete(row.id);
      return next;
    });
  };

  const at = now();
  const showCost = rows?.some((row) => row.costUsd !== undefined) ?? false;
  const showLimits = rows?.some((row) => row.rateLimits !== undefined) ?? false;
  const columns: Column[] = ['agent', 'cpu', 'memory', 'uptime', ...(showCost ? (['cost'] as const) : []), ...(showLimits ? (['limits'] as const) : [])];
  const sorted = rows ? sortRows(rows, sort.column, sort.descending, at) : [];
  const projects = new Set(rows?.map((row) => row.projectRoot));
  const onHeader = (column: Column) =>
    setSort((s) => (s.column === column ? { column, descending: !s.descending } : { column, descending: column !== 'agent' }));

  if (view === 'settings') {
    return (
      <Dialog title="Context warning and prices" onClose={() => setView('running')} className="dialog-wide resources-dialog">
        <UsageSettingsForm onDone={() => setView('running')} />
      </Dialog>
    );
  }
  if (view === 'history') {
    return (
      <Dialog title="Cost by agent over time" onClose={() => setView('running')} className="dialog-wide resources-dialog">
        <UsageHistoryView now={now} />
        <div className="dialog-buttons">
          <button type="button" className="button" data-autofocus onClick={() => setView('running')}>
            Back to running agents
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title="Resources" onClose={onClose} className="dialog-wide resources-dialog">
      {rows === undefined && !error ? <p className="muted">Reading…</p> : null}
      {rows && rows.length === 0 ? <p className="muted">No agent is running.</p> : null}
      {rows && rows.length > 0 ? (
        <table className="resources-table" aria-label="Running agents">
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column} scope="col" aria-sort={sort.column === column ? (sort.descending ? 'descending' : 'ascending') : 'none'} className={`col-${column}`}>
                  <button type="button" className="sort-button" onClick={() => onHeader(column)}>
                    {LABELS[column]}
                    <span aria-hidden="true" className="sort-mark">
                      {sort.column === column ? (sort.descending ? ' ▾' : ' ▴') : ''}
                    </span>
                  </button>
                </th>
              ))}
              <th scope="col" className="col-chart">
                <span className="visually-hidden">Trend</span>
              </th>
              <th scope="col" className="col-actions">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((row) => (
              <tr key={row.id}>
                <th scope="row" className="col-agent">
                  <span className="resource-agent">{row.agentName}</span>
                  {projects.size > 1 ? <span className="muted resource-project" title={row.projectRoot}> · {row.projectName}</span> : null}
                  <span className="muted resource-meta">
                    {' '}
                    {row.profile} · pid {row.pid} · {row.status}
                  </span>
                </th>
                <td className="col-cpu">{row.cpuPercent !== undefined ? formatCpu(row.cpuPercent) : ''}</td>
                <td className="col-memory" title={row.processes !== undefined ? `${row.processes} process${row.processes === 1 ? '' : 'es'}` : undefined}>
                  {row.rssBytes !== undefined ? formatBytes(row.rssBytes) : ''}
                </td>
                <td className="col-uptime">{formatUptime(at - row.startedAt)}</td>
                {showCost ? (
                  <td className={`col-cost${row.costEstimated ? ' cost-estimated' : ''}`} title={row.costEstimated ? 'Estimated from your prices: its CLI reports tokens but no cost' : undefined}>
                    {row.costUsd !== undefined ? formatCost(row.costUsd, row.costEstimated) : ''}
                  </td>
                ) : null}
                {showLimits ? (
                  <td className="col-limits" title={describeRateLimits(row.rateLimits) || undefined}>
                    {formatRateLimits(row.rateLimits)}
                  </td>
                ) : null}
                <td className="col-chart">
                  <UsageChart sessionId={row.id} name={row.agentName} />
                </td>
                <td className="col-actions">
                  <button type="button" className="button danger small" aria-label={`Stop ${row.agentName}`} onClick={() => void stop(row)} disabled={stopping.has(row.id)}>
                    Stop
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {error ? <p className="field-error">{error}</p> : null}
      <div className="dialog-buttons">
        <button type="button" className="button" onClick={() => setView('history')}>
          Cost over time…
        </button>
        <button type="button" className="button" onClick={() => setView('settings')}>
          Context warning and prices…
        </button>
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
