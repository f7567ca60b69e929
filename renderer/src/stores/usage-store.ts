import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TesseraApi } from '../../../contract/api';
import type { SessionUsageDto } from '../../../contract/usage';
import { describeRateLimits, formatRateLimits } from './rate-limits';
import { appendHistory, type UsagePoint } from './usage-history';

export interface UsageState {
  /** What each running session of the open project uses, as last pushed by sessions.usage. */
  byId: Record<string, SessionUsageDto>;
  /** Each running session's readings over the last minutes, for its chart. */
  history: Record<string, readonly UsagePoint[]>;
  clear(): void;
  dispose(): void;
}

/** The open project's figures; each push replaces them all (a session missing from it has ended). */
export function createUsageStore(api: TesseraApi, now: () => number = () => Date.now()): StoreApi<UsageState> {
  const store = createStore<UsageState>()((set) => ({
    byId: {},
    history: {},
    clear() {
      set({ byId: {}, history: {} });
    },
    dispose() {
      off();
    },
  }));
  const off = api.on('sessions.usage', ({ sessions }) =>
    store.setState((state) => ({ byId: Object.fromEntries(sessions.map((usage) => [usage.id, usage])), history: appendHistory(state.history, sessions, now()) })),
  );
  return store;
}

/** The sum over several sessions; a figure no session reports stays absent. */
export function totalUsage(list: readonly SessionUsageDto[]): Omit<SessionUsageDto, 'id'> {
  const sum = (pick: (usage: SessionUsageDto) => number | undefined): number | undefined => {
    const values = list.map(pick).filter((value): value is number => value !== undefined);
    return values.length > 0 ? values.reduce((a, b) => a + b, 0) : undefined;
  };
  const totals = {
    cpuPercent: sum((u) => u.cpuPercent),
    rssBytes: sum((u) => u.rssBytes),
    processes: sum((u) => u.processes),
    costUsd: sum((u) => u.costUsd),
    // A total that holds one estimate is an estimate.
    costEstimated: list.some((u) => u.costUsd !== undefined && u.costEstimated) ? (true as const) : undefined,
  };
  return Object.fromEntries(Object.entries(totals).filter(([, value]) => value !== undefined));
}

/** "3% · 180 MB · $0.42": CPU in percent of one core, resident memory, cost; empty where nothing was measured or reported. */
export function formatUsage(usage: Omit<SessionUsageDto, 'id'> | undefined): string {
  if (!usage) return '';
  const parts: string[] = [];
  if (usage.cpuPercent !== undefined) parts.push(formatCpu(usage.cpuPercent));
  if (usage.rssBytes !== undefined) parts.push(formatBytes(usage.rssBytes));
  if (usage.costUsd !== undefined) parts.push(formatCost(usage.costUsd, usage.costEstimated));
  return parts.join(' · ');
}

/** "$0.42", or "~$0.42" for a cost estimated from the user's prices rather than reported by the CLI. */
export function formatCost(usd: number, estimated = false): string {
  return `${estimated ? '~' : ''}$${usd < 10 ? usd.toFixed(2) : usd.toFixed(0)}`;
}

export function formatTokens(tokens: number): string {
  if (tokens < 1000) return String(Math.round(tokens));
  if (tokens < 1_000_000) return `${Math.round(tokens / 100) / 10}k`.replace('.0k', 'k');
  return `${Math.round(tokens / 100_000) / 10}M`.replace('.0M', 'M');
}

/** "Opus · 42% context · 84k in / 1.5k out · 5h 43%": the model, how full its context window is, the tokens and the account's usage limits, as its CLI reports them. */
export function formatReport(usage: Omit<SessionUsageDto, 'id'> | undefined): string {
  if (!usage) return '';
  const parts: string[] = [];
  if (usage.model !== undefined) parts.push(usage.model);
  if (usage.contextPercent !== undefined) parts.push(`${Math.round(usage.contextPercent)}% context`);
  if (usage.inputTokens !== undefined && usage.outputTokens !== undefined) parts.push(`${formatTokens(usage.inputTokens)} in / ${formatTokens(usage.outputTokens)} out`);
  const limits = formatRateLimits(usage.rateLimits);
  if (limits) parts.push(limits);
  return parts.join(' · ');
}

/** Everything the CLI reported, for a tooltip. */
export function describeReport(usage: Omit<SessionUsageDto, 'id'>): string {
  const parts: string[] = [];
  if (usage.model !== undefined) parts.push(`Model ${usage.model}`);
  if (usage.contextPercent !== undefined) {
    parts.push(`context ${Math.round(usage.contextPercent)}%${usage.contextWindow !== undefined ? ` of ${formatTokens(usage.contextWindow)} tokens` : ''}`);
  }
  if (usage.inputTokens !== undefined || usage.outputTokens !== undefined) {
    parts.push(`tokens ${usage.inputTokens !== undefined ? formatTokens(usage.inputTokens) : '?'} in, ${usage.outputTokens !== undefined ? formatTokens(usage.outputTokens) : '?'} out`);
  }
  if (usage.costUsd !== undefined) parts.push(`cost ${formatCost(usage.costUsd, usage.costEstimated)}${usage.costEstimated ? ' estimated from your prices' : ''}`);
  const limits = describeRateLimits(usage.rateLimits);
  if (limits) parts.push(`usage limits: ${limits}`);
  return parts.join(', ');
}

export function formatCpu(percent: number): string {
  return `${percent < 10 ? Math.round(percent * 10) / 10 : Math.round(percent)}%`;
}

export function formatBytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb < 1) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  if (mb < 1024) return `${Math.round(mb)} MB`;
  return `${Math.round((mb / 1024) * 10) / 10} GB`;
}
