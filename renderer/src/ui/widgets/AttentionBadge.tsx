import type { NotificationKind } from '../../stores/notifications-store';
import { AgentIcons } from './agent-icons';

const ATTENTION_LABELS: Record<NotificationKind, string> = { 'needs-input': 'Needs input', finished: 'Finished', failed: 'Failed' };

/** The mark a notification leaves on an agent's pane and row until the user looks at it. */
export function AttentionBadge({ kind, compact = false }: { kind: NotificationKind; compact?: boolean }) {
  return (
    <span
      className={`attention attention-${kind}${compact ? ' attention-compact' : ''}`}
      role="status"
      aria-label={`Attention: ${ATTENTION_LABELS[kind].toLowerCase()}`}
      title={ATTENTION_LABELS[kind]}
    >
      {compact ? <AgentIcons.bell /> : ATTENTION_LABELS[kind]}
    </span>
  );
}
