import './usage.css';
import type { SessionUsageDto } from '../../../../contract/usage';
import { isLive, latestSession } from '../../stores/sessions-store';
import { contextPastThreshold } from '../../stores/context-warnings';
import { describeReport, formatCost, formatCpu, formatBytes, formatReport, formatUsage, totalUsage } from '../../stores/usage-store';
import { useSessions, useUsage, useUsageSettings } from '../shell/StoresContext';

/** What the figures mean, for the tooltip: every one is the whole process tree's. */
function describeUsage(usage: Omit<SessionUsageDto, 'id'>, whose: string): string {
  const parts: string[] = [];
  if (usage.cpuPercent !== undefined) parts.push(`CPU ${formatCpu(usage.cpuPercent)} of one core`);
  if (usage.rssBytes !== undefined) parts.push(`${formatBytes(usage.rssBytes)} resident`);
  if (usage.processes !== undefined) parts.push(`${usage.processes} process${usage.processes === 1 ? '' : 'es'}`);
  if (usage.costUsd !== undefined) parts.push(`cost ${formatCost(usage.costUsd, usage.costEstimated)}${usage.costEstimated ? ' estimated from your prices' : ''}`);
  return `${whose}: ${parts.join(', ')}${usage.processes !== undefined ? ' (everything it started included)' : ''}`;
}

function UsageText({ usage, whose, className }: { usage: Omit<SessionUsageDto, 'id'> | undefined; whose: string; className?: string }) {
  const text = formatUsage(usage);
  if (!usage || !text) return null;
  const description = describeUsage(usage, whose);
  return (
    <span className={`usage-meter${className ? ` ${className}` : ''}`} title={description} aria-label={description}>
      {text}
    </span>
  );
}

/** The agent's running session's CPU and memory ("3% · 180 MB"); nothing while it does not run or before it is measured. */
export function AgentUsage({ agent, name, className }: { agent: string; name: string; className?: string }) {
  const session = useSessions((s) => latestSession(s, agent));
  const usage = useUsage((s) => (session && isLive(session) ? s.byId[session.id] : undefined));
  return <UsageText usage={usage} whose={name} {...(className ? { className } : {})} />;
}

/** The sum over the project's running agents. */
export function ProjectUsage() {
  const byId = useUsage((s) => s.byId);
  const list = Object.values(byId);
  if (list.length === 0) return null;
  return <UsageText usage={totalUsage(list)} whose={`${list.length} running agent${list.length === 1 ? '' : 's'}`} className="project-usage" />;
}

/** The model and context its CLI reports ("Opus · 42% context"), marked past the warning threshold; nothing where the CLI reports nothing. */
export function AgentReport({ agent, name }: { agent: string; name: string }) {
  const session = useSessions((s) => latestSession(s, agent));
  const usage = useUsage((s) => (session && isLive(session) ? s.byId[session.id] : undefined));
  const threshold = useUsageSettings((s) => s.settings.contextWarningPercent);
  const text = formatReport(usage);
  if (!usage || !text) return null;
  const warning = contextPastThreshold(usage.contextPercent, threshold);
  const description = `${name}: ${describeReport(usage)}${warning ? ` (past the context warning at ${threshold}%)` : ''}`;
  return (
    <span className={`usage-meter agent-report${warning ? ' context-warning' : ''}`} title={description} aria-label={description}>
      {text}
    </span>
  );
}
