import { useState } from 'react';
import { isLive, latestSession } from '../../stores/sessions-store';
import { useAgents, useApp, useSessions } from '../shell/StoresContext';

/**
 * What an empty pane offers: the project's agents, each to open here. A running agent's terminal
 * moves here (from another pane if one showed it); one that is not running is launched at this
 * pane's size and shows here once it started.
 */
export function AgentPicker({ paneId }: { paneId: string }) {
  const app = useApp();
  const order = useAgents((s) => s.order);
  const byId = useAgents((s) => s.byId);
  const sessions = useSessions((s) => s);
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  if (order.length === 0) return <p className="muted">No agents yet: create one from the sidebar.</p>;

  const open = async (slug: string) => {
    setError(undefined);
    if (isLive(latestSession(app.sessions.getState(), slug))) {
      app.layout.getState().showIn(paneId, slug);
      return;
    }
    setBusy(slug);
    const response = await app.launcher.launchInto(slug, paneId);
    setBusy(undefined);
    if (response.ok) app.layout.getState().showIn(paneId, slug);
    else setError(response.error.message);
  };

  return (
    <>
      <ul className="agent-picker" aria-label="Agents to open here">
        {order.map((slug) => {
          const agent = byId[slug];
          if (!agent) return null;
          const live = isLive(latestSession(sessions, slug));
          return (
            <li key={slug}>
              <button type="button" className="button" onClick={() => void open(slug)} disabled={!!busy || !!agent.error} aria-label={`Open ${agent.name} here`}>
                {agent.name}
                <span className="agent-picker-state">{agent.error ? 'cannot launch' : live ? 'running: show here' : 'launch here'}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {error ? <p className="error-text">{error}</p> : null}
    </>
  );
}
