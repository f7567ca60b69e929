import './messaging.css';
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { AgentRequestDto } from '../../../../contract/agent-messaging';
import type { AgentRequestsState } from '../../stores/agent-requests-store';
import { useAgents } from '../shell/StoresContext';

/**
 * The agents' requests to message or launch another agent, waiting for the user (the project's
 * setting is 'ask'): who asks, for whom, the whole message, Allow and Deny, and how long until it is
 * refused unanswered. Not modal: the user may look at the agents before answering.
 */
export function AgentRequests({ store, onSettings }: { store: StoreApi<AgentRequestsState>; onSettings: () => void }) {
  const pending = useStore(store, (s) => s.pending);
  const error = useStore(store, (s) => s.error);
  if (pending.length === 0) return null;
  return (
    <div className="agent-requests" role="region" aria-label="Agent requests">
      {pending.map((request) => (
        <AgentRequestCard key={request.id} request={request} answer={(allow) => void store.getState().answer(request.id, allow)} onSettings={onSettings} />
      ))}
      {error ? <p className="error-text">{error}</p> : null}
    </div>
  );
}

function AgentRequestCard({ request, answer, onSettings }: { request: AgentRequestDto; answer: (allow: boolean) => void; onSettings: () => void }) {
  const from = useAgents((s) => s.byId[request.from]?.name ?? request.from);
  const to = useAgents((s) => s.byId[request.to]?.name ?? request.to);
  const title = request.kind === 'send' ? `${from} asks to message ${to}` : `${from} asks to launch ${to}`;
  const left = useSecondsLeft(request.expiresAt);
  return (
    <section className="agent-request" role="alertdialog" aria-label={title}>
      <strong>{title}</strong>
      {request.text !== undefined ? (
        <pre className="approval-subject" aria-label="Message">
          {request.text}
        </pre>
      ) : null}
      <div className="agent-request-actions">
        <button type="button" className="button primary" onClick={() => answer(true)}>
          Allow
        </button>
        <button type="button" className="button" onClick={() => answer(false)}>
          Deny
        </button>
        <button type="button" className="button small" onClick={onSettings}>
          Settings…
        </button>
        <span className="muted agent-request-left">{left > 0 ? `Refused in ${left} s unless you answer` : 'Refusing…'}</span>
      </div>
    </section>
  );
}

/** Whole seconds until `deadline`, ticking once a second. */
function useSecondsLeft(deadline: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}
