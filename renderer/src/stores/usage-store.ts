import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TesseraApi } from '../../../contract/api';
import type { SessionUsageDto } from '../../../contract/usage';

export interface UsageState {
  /** What each running session of the open project uses, as last pushed by sessions.usage. */
  byId: Record<string, SessionUsageDto>;
  clear(): void;
  dispose(): void;
}

/** The open project's figures; each push replaces them all (a session missing from it has ended). */
export function createUsageStore(api: TesseraApi): StoreApi<UsageState> {
  const store = createStore<UsageState>()((set) => ({
    byId: {},
    clear() {
      set({ byId: {} });
    },
    dispose() {
      off();
    },
  }));
  const off = api.on('sessions.usage', ({ sessions }) => store.setState({ byId: Object.fromEntries(sessions.map((usage) => [usage.id, usage])) }));
  return store;
}

/** The sum over several sessions; a figure no session reports stays absent. */
export function totalUsage(list: readonly SessionUsageDto[]): Omit<SessionUsageDto, 'id'> {
  const sum = (pick: (usage: SessionUsageDto) => number | undefined): number | undefined => {
    const values = list.map(pick).filter((value): value is number => value !== undefined);
    return values.length > 0 ? values.reduce((a, b) => a + b, 0) : undefined;
  };
  const cpuPercent = sum((u) => u.cpuPercent);
  const rssBytes = sum((u) => u.rssBytes);
  const processes = sum((u) => u.processes);
  return { ...(cpuPercent !== undefined ? { cpuPercent } : {}), ...(rssBytes !== undefined ? { rssBytes } : {}), ...(processes !== undefined ? { processes } : {}) };
}

/** "3% · 180 MB": CPU in percent of one core, resident memory; empty where nothing was measured. */
export function formatUsage(usage: Omit<SessionUsageDto, 'id'> | undefined): string {
  if (!usage) return '';
  const parts: string[] = [];
  if (usage.cpuPercent !== undefined) parts.push(formatCpu(usage.cpuPercent));
  if (usage.rssBytes !== undefined) parts.push(formatBytes(usage.rssBytes));
  return parts.join(' · ');
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
