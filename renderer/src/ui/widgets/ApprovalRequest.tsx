import { useState } from 'react';
import type { SessionDto } from '../../../../contract/contract';
import { SHORTCUTS } from '../shell/shortcuts';
import type { AppStores } from '../../stores/app-stores';
import { useApp } from '../shell/StoresContext';

/**
 * What an agent asks permission for, outside its terminal: the tool and the whole command or file
 * (controls already written out as escapes by the host; a cut says how much is left out), with
 * Approve and Deny when Tessera can answer through the agent's hook, or "Answer in the terminal".
 */
export function ApprovalRequest({ session, name, compact = false, onAnswered }: { session: SessionDto; name: string; compact?: boolean; onAnswered?: () => void }) {
  const app = useApp();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const approval = session.approval;
  if (!approval) return null;
  const answer = async (decision: 'approve' | 'deny') => {
    setBusy(true);
    setError(undefined);
    const response = await answerApproval(app, session, decision);
    setBusy(false);
    if (response) setError(response);
    else onAnswered?.();
  };
  return (
    <div className={`approval${compact ? ' approval-compact' : ''}`} role="group" aria-label={`Permission request of ${name}`}>
      <div className="approval-head">
        <strong>{`${name} asks to use ${approval.tool}`}</strong>
        {approval.description ? <span className="muted">{approval.description}</span> : null}
      </div>
      <pre className="approval-subject" aria-label="Requested command">
        {approval.subject}
      </pre>
      {approval.omitted > 0 ? <p className="approval-cut">{`… ${approval.omitted} more characters not shown: the whole request is in the terminal.`}</p> : null}
      <div className="approval-actions">
        {approval.answer !== 'terminal' ? (
          <>
            <button type="button" className="button primary" disabled={busy} onClick={() => void answer('approve')} title={`Approve (${SHORTCUTS.approve.label})`}>
              Approve
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => void answer('deny')} title={`Deny (${SHORTCUTS.deny.label})`}>
              Deny
            </button>
          </>
        ) : (
          <button type="button" className="button" onClick={() => app.layout.getState().openTerminal(session.agent)}>
            Answer in the terminal
          </button>
        )}
      </div>
      {error ? <p className="error-text">{error}</p> : null}
    </div>
  );
}

/** Answers a session's pending request; a failure comes back as a sentence (and the terminal is focused so the user can answer there). */
export async function answerApproval(app: AppStores, session: SessionDto, decision: 'approve' | 'deny'): Promise<string | undefined> {
  const approval = session.approval;
  if (!approval) return 'Nothing is waiting for an answer.';
  if (approval.answer === 'terminal') {
    app.layout.getState().openTerminal(session.agent);
    return 'Answer this one in the terminal.';
  }
  const response = await app.sessions.getState().answerApproval(session.id, approval.id, decision);
  if (response.ok) return undefined;
  if (response.error.kind === 'approval-gone' || response.error.kind === 'approval-in-terminal') app.layout.getState().openTerminal(session.agent);
  return response.error.message;
}
