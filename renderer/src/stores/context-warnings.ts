import type { StoreApi } from 'zustand/vanilla';
import type { AgentsState } from './agents-store';
import type { LayoutState } from './layout-store';
import type { NotificationsState } from './notifications-store';
import { goToAgent, type NotifierEnvironment } from './notifier';
import type { SessionsState } from './sessions-store';
import type { UsageState } from './usage-store';
import type { UsageSettingsState } from './usage-settings-store';

export interface ContextWarningDeps {
  readonly usage: StoreApi<UsageState>;
  readonly sessions: StoreApi<SessionsState>;
  readonly agents: StoreApi<AgentsState>;
  readonly layout: StoreApi<LayoutState>;
  readonly notifications: StoreApi<NotificationsState>;
  readonly env: Pick<NotifierEnvironment, 'desktop'>;
  /** The user's threshold, followed as it changes. */
  readonly settings: StoreApi<UsageSettingsState>;
}

/** True when a session's CLI reports a context past the user's threshold. */
export function contextPastThreshold(contextPercent: number | undefined, thresholdPercent: number): boolean {
  return contextPercent !== undefined && contextPercent >= thresholdPercent;
}

/**
 * Once per session, when its CLI reports a context past the user's threshold: a toast and (when the
 * user allowed them) a desktop notification, so the user can compact or hand over before the CLI does
 * it on its own. A threshold lowered past a session's context announces it then. Returns the unsubscribe.
 */
export function startContextWarnings(deps: ContextWarningDeps): () => void {
  const warned = new Set<string>();
  const check = () => {
    const threshold = deps.settings.getState().settings.contextWarningPercent;
    for (const usage of Object.values(deps.usage.getState().byId)) {
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
  };
  const offUsage = deps.usage.subscribe(check);
  const offSettings = deps.settings.subscribe((state, previous) => {
    if (state.settings.contextWarningPercent !== previous.settings.contextWarningPercent) check();
  });
  return () => {
    offUsage();
    offSettings();
  };
}
