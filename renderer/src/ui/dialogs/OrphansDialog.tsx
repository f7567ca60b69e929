import { useState } from 'react';
import type { OrphanDto } from '../../../../contract/contract';
import { Dialog } from './Dialog';
import { useApi } from '../shell/StoresContext';

/**
 * No orphans: agents a previous Tessera started and never ended (it crashed) are still
 * running. They are listed at start; they are killed only if the user agrees.
 */
export function OrphansDialog({ orphans, onClose }: { orphans: OrphanDto[]; onClose: () => void }) {
  const api = useApi();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const killAll = async () => {
    setBusy(true);
    const response = await api.call('orphans.kill', { pids: orphans.map((o) => o.pid) });
    setBusy(false);
    if (response.ok) onClose();
    else setError(response.error.message);
  };
  return (
    <Dialog title="Agents left running" onClose={onClose} className="dialog-wide">
      <p>
        A previous Tessera session ended without stopping {orphans.length === 1 ? 'this agent' : `these ${orphans.length} agents`}. {orphans.length === 1 ? 'It is' : 'They are'} still running
        outside Tessera.
      </p>
      <ul className="orphans" aria-label="Leftover agents">
        {orphans.map((orphan) => (
          <li key={orphan.pid}>
            <strong>{orphan.agent}</strong>
            <span className="muted">pid {orphan.pid}</span>
            <span className="muted orphan-project" title={orphan.project}>
              {orphan.project}
            </span>
            <span className="muted">started {new Date(orphan.startedAt).toLocaleString()}</span>
          </li>
        ))}
      </ul>
      {error ? <p className="field-error">{error}</p> : null}
      <div className="dialog-buttons">
        <button type="button" className="button" onClick={onClose}>
          Leave running
        </button>
        <button type="button" className="button danger" data-autofocus onClick={() => void killAll()} aria-disabled={busy}>
          {orphans.length === 1 ? 'Stop it' : 'Stop them all'}
        </button>
      </div>
    </Dialog>
  );
}
