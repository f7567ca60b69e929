import { useEffect } from 'react';
import { startContextWarnings } from '../../stores/context-warnings';
import { browserNotifierEnvironment } from '../../stores/notifier';
import { useApp } from './StoresContext';

/** An agent past the context warning is announced once (stores/context-warnings.ts). */
export function useContextWarnings(): void {
  const app = useApp();
  useEffect(
    () => startContextWarnings({ usage: app.usage, sessions: app.sessions, agents: app.agents, layout: app.layout, notifications: app.notifications, env: browserNotifierEnvironment() }),
    [app],
  );
}
