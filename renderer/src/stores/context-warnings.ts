import type { StoreApi } from 'zustand/vanilla';
import type { AgentsState } from './agents-store';
import type { LayoutState } from './layout-store';
import type { NotificationsState } from './notifications-store';
import { goToAgent, type NotifierEnvironment } from './notifier';
import type { SessionsState } from './sessions-store';
import type { UsageState } from './usage-store';

/** Past this share of its context window an agent is badged and, once, announced. */
export const DEFAULT_CONTEXT_WARNING_PERCENT = 80;

export interface ContextWarningDeps {
  readonly usage: StoreApi<UsageState>;
  readonly sessions: StoreApi<SessionsState>;
  readonly agents: StoreApi<AgentsState>;
  readonly layout: StoreApi<LayoutState>;
  readonly notifications: StoreApi<NotificationsState>;
  readonly env: Pick<NotifierEnvironment, 'desktop'>;
  readonly thresholdPercent?: number;
}

/** True when a session's CLI reports a context past the threshold. */
export function contextPastThreshold(contextPercent: number | undefined, thresholdPercent = DEFAULT_CONTEXT_WARNING_PERCENT): boolean {
  return contextPercent !== undefined && contextPercent >= thresholdPercent;
}

/**
 * Once per session, when its CLI reports a context past the threshold: a toast and (when the user
 * allowed them) a desktop notification, so the user can compact or hand over before the CLI does it
 * on its own. Returns the unsubscribe.
 */
export function startContextWarnings(deps: ContextWarningDeps): () => void {
  const threshold = deps.thresholdPercent ?? DEFAULT_CONTEXT_WARNING_PERCENT;
  const warned = new Set<string>();
  return deps.usage.subscribe((state) => {
    for (const usage of Object.values(state.byId)) {
      if (warned.has(usage.id) || !contextPastThreshold(usage.contextPercent, threshold)) continue;
      const session = deps.sessions.getState().byId[usage.id];
      if (!session) continue;
      warned.add(usage.id);
      const name = deps.agents.getState().byId[session.agent]?.name ?? session.agentName;
      const text = {
        title: `${name} has used ${Math.round(usage.contextPercent!)}% of its context`,
        body: 'Compact or hand over now, before its CLI compacts on its own.',
      };
      const notifications = deps.notifications.getState();
      notifications.pushToast({ agent: session.agent, kind: 'info', ...text });
      if (notifications.settings.desktop) deps.env.desktop({ ...text, tag: `tessera-context-${session.agent}`, onClick: () => goToAgent(deps.layout, session.agent) });
    }
  });
}
