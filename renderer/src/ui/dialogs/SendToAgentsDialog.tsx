import { useMemo, useState, type FormEvent } from 'react';
import type { SendOutcomeDto } from '../../../../contract/contract';
import { isLive } from '../../stores/sessions-store';
import { Dialog, Field } from './Dialog';
import { StatusBadge } from '../widgets/StatusBadge';
import { useApp, useSessions } from '../shell/StoresContext';

/**
 * Send to agents: one message, typed once, to one, several or all running agents. The
 * host submits it to agents that are idle and queues it for busy ones until they are; an agent
 * asking a question gets nothing. The dialog then says what happened for each.
 */
export function SendToAgentsDialog({ onClose, preselect }: { onClose: () => void; preselect?: string[] }) {
  const app = useApp();
  const order = useSessions((s) => s.order);
  const byId = useSessions((s) => s.byId);
  const running = useMemo(() => order.map((id) => byId[id]).filter((s) => s && isLive(s)).map((s) => s!), [order, byId]);
  const [message, setMessage] = useState('');
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(preselect?.length ? preselect : running.map((s) => s.id)));
  const [error, setError] = useState<string>();
  const [outcomes, setOutcomes] = useState<SendOutcomeDto[]>();
  const [busy, setBusy] = useState(false);
  const allChosen = running.length > 0 && running.every((s) => chosen.has(s.id));

  const toggle = (id: string, on: boolean) =>
    setChosen((previous) => {
      const next = new Set(previous);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (busy) return;
    if (!message.trim()) return setError('Type a message to send.');
    const targets = running.filter((s) => chosen.has(s.id)).map((s) => s.id);
    if (targets.length === 0) return setError('Choose at least one agent.');
    setError(undefined);
    setBusy(true);
    const response = await app.sessions.getState().send(message, targets);
    setBusy(false);
    if (!response.ok) return setError(response.error.message);
    setOutcomes(response.value);
    setMessage('');
  };

  const nameOf = (outcome: SendOutcomeDto) => byId[outcome.id]?.agentName ?? outcome.agent ?? outcome.id;

  return (
    <Dialog title="Send to agents" onClose={onClose} className="dialog-wide send-dialog">
      <form onSubmit={(e) => void submit(e)} onKeyDown={(e) => e.key === 'Enter' && (e.ctrlKey || e.metaKey) && void submit(e)}>
        <Field label="Message" error={error} hint="Submitted to idle agents; busy ones get it as soon as they are idle. An agent asking a question (a menu, a permission, yes/no) gets nothing until you answer it. Ctrl+Enter sends.">
          {({ id, describedBy, invalid }) => (
            <textarea id={id} data-autofocus rows={4} value={message} aria-invalid={invalid} aria-describedby={describedBy} onChange={(e) => setMessage(e.target.value)} />
          )}
        </Field>
        <fieldset className="send-targets">
          <legend>Agents</legend>
          {running.length === 0 ? <p className="muted">No agent is running.</p> : null}
          {running.length > 1 ? (
            <label className="checkbox send-all">
              <input type="checkbox" checked={allChosen} onChange={(e) => setChosen(new Set(e.target.checked ? running.map((s) => s.id) : []))} />
              All running agents
            </label>
          ) : null}
          {running.map((session) => (
            <label key={session.id} className="checkbox send-target">
              <input type="checkbox" checked={chosen.has(session.id)} onChange={(e) => toggle(session.id, e.target.checked)} />
              <span className="send-target-name">{session.agentName}</span>
              <StatusBadge status={session.status} />
            </label>
          ))}
        </fieldset>
        {outcomes ? (
          <ul className="send-outcomes" aria-label="Delivery">
            {outcomes.map((outcome) => (
              <li key={outcome.id} className={`send-outcome send-${outcome.outcome}`}>
                <span className="send-target-name">{nameOf(outcome)}</span>
                <span>{describeOutcome(outcome)}</span>
              </li>
            ))}
          </ul>
        ) : null}
        <div className="dialog-buttons">
          <button type="button" className="button" onClick={onClose}>
            {outcomes ? 'Close' : 'Cancel'}
          </button>
          <button type="submit" className="button primary" aria-disabled={busy || running.length === 0}>
            Send
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function describeOutcome(outcome: SendOutcomeDto): string {
  switch (outcome.outcome) {
    case 'sent':
      return 'sent';
    case 'queued':
      return `queued until it is idle (now ${outcome.status ?? 'busy'})`;
    case 'skipped':
      if (outcome.reason === 'asking-a-question') return 'not sent: it is asking a question in its terminal (a menu, a permission or yes/no); answer it there first';
      return outcome.reason === 'session-not-live' ? 'not sent: it has stopped' : 'not sent: no such session';
  }
}
