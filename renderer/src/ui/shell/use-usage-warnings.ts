import { useEffect } from 'react';
import { startContextWarnings } from '../../stores/context-warnings';
import { browserNotifierEnvironment } from '../../stores/notifier';
import { formatCost } from '../../stores/usage-store';
import { useApp } from './StoresContext';

/**
 * An agent past the context warning is announced once (stores/context-warnings.ts); one past its
 * daily budget too, as the host says (a warning: the agent keeps running).
 */
export function useUsageWarnings(): void {
  const app = useApp();
  useEffect(
    () => startContextWarnings({ usage: app.usage, sessions: app.sessions, agents: app.agents, layout: app.layout, notifications: app.notifications, settings: app.usageSettings, env: browserNotifierEnvironment() }),
    [app],
  );
  useEffect(
    () =>
      app.api.on('agents.overBudget', ({ agent, budgetUsd, spentUsd, estimated }) => {
        const name = app.agents.getState().byId[agent]?.name ?? agent;
        app.notifications.getState().pushToast({
          agent,
          kind: 'info',
          title: `${name} is over its budget`,
          body: `${formatCost(spentUsd, estimated)} today${estimated ? ' (partly estimated from your prices)' : ''} against a budget of ${formatCost(budgetUsd)} a day. It keeps running; stop it if you want.`,
        });
      }),
    [app],
  );
}
