import './messaging.css';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { AgentMessaging } from '../../../../contract/agent-messaging';
import type { AgentRequestsState } from '../../stores/agent-requests-store';
import { Dialog } from '../dialogs/Dialog';
import { useProject } from '../shell/StoresContext';

const CHOICES: Array<{ value: AgentMessaging; label: string; detail: string }> = [
  { value: 'off', label: 'Off', detail: 'Agents may list and read each other, never message or launch one.' },
  { value: 'ask', label: 'Ask me', detail: 'Each message or launch is shown here with Allow and Deny; unanswered, it is refused.' },
  { value: 'on', label: 'On', detail: 'Agents message and launch each other freely; every message is logged in .tessera/logs/messages.jsonl.' },
];

/**
 * Whether this project's agents may message and launch each other through Tessera's agent tools.
 * Kept in the user's own config, never in the project, so a cloned project cannot turn it on.
 */
export function AgentMessagingDialog({ store, onClose }: { store: StoreApi<AgentRequestsState>; onClose: () => void }) {
  const setting = useStore(store, (s) => s.setting);
  const error = useStore(store, (s) => s.error);
  const project = useProject((s) => s.project);
  return (
    <Dialog title="Agent messaging" onClose={onClose}>
      <p className="muted">{`May the agents of ${project?.name ?? 'this project'} message and launch each other? This choice is yours: it is kept in your Tessera settings, not in the project.`}</p>
      <fieldset className="messaging-choices">
        <legend className="visually-hidden">Agent messaging</legend>
        {CHOICES.map((choice) => (
          <label key={choice.value} className="messaging-choice">
            <input type="radio" name="agent-messaging" value={choice.value} checked={setting === choice.value} onChange={() => void store.getState().setSetting(choice.value)} />
            <span>
              <strong>{choice.label}</strong>
              <span className="muted">{choice.detail}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <p className="muted">This guards against an agent's mistakes and instructions slipped into what it reads, not against other programs you run.</p>
      {error ? <p className="error-text">{error}</p> : null}
      <div className="dialog-buttons">
        <button type="button" className="button primary" data-autofocus onClick={onClose}>
          Done
        </button>
      </div>
    </Dialog>
  );
}
