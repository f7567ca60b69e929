import type { AgentStatus } from '../../stores/sessions-store';

const LABELS: Record<AgentStatus, string> = {
  starting: 'starting',
  busy: 'busy',
  idle: 'idle',
  'needs-input': 'needs input',
  exited: 'exited',
  failed: 'failed',
  stopped: 'stopped',
};

/** A status the user can trust at a glance: a coloured dot plus the word, never colour alone. */
export function StatusBadge({ status, compact = false, detail }: { status: AgentStatus; compact?: boolean; detail?: string }) {
  return (
    <span className={`status status-${status}${compact ? ' status-compact' : ''}`} title={`Status: ${LABELS[status]}${detail ? ` — ${detail}` : ''}`}>
      <span className="status-dot" aria-hidden="true" />
      <span className="status-label">{LABELS[status]}</span>
      {detail ? <span className="visually-hidden">{` (${detail})`}</span> : null}
    </span>
  );
}
