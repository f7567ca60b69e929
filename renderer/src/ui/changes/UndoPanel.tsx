import { useEffect, useState } from 'react';
import type { UndoPreviewDto } from '../../../../contract/contract';
import { useApi } from '../shell/StoresContext';

const REASONS: Record<string, string> = {
  'later-edit': 'a later edit to the same lines would be lost',
  mixed: 'someone else may have changed it in this turn too',
  'not-this-agent': 'not this agent’s change',
  'not-recorded': 'not recorded in this turn',
};

/**
 * "Undo this turn": first what it would change, file by file, and why a file needs a
 * confirmation; then the undo itself, refused by the host if the files changed since the preview.
 */
export function UndoPanel({ agent, turn, onUndone }: { agent: string; turn: number; onUndone: () => void }) {
  const api = useApi();
  const [preview, setPreview] = useState<UndoPreviewDto>();
  const [note, setNote] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setPreview(undefined);
    setNote(undefined);
  }, [agent, turn]);

  const ask = async () => {
    setBusy(true);
    setNote(undefined);
    const response = await api.call('turns.previewUndo', { slug: agent, turn, confirm: false });
    setBusy(false);
    if (response.ok) setPreview(response.value);
    else setNote(response.error.message);
  };

  const undo = async (confirm: boolean) => {
    if (!preview) return;
    setBusy(true);
    const response = await api.call('turns.undo', { slug: agent, turn, confirm, basis: preview.basis });
    setBusy(false);
    if (!response.ok) {
      setNote(response.error.message);
      return;
    }
    setPreview(undefined);
    setNote(`Turn ${turn} undone: ${response.value.written.length} file(s) restored, ${response.value.removed.length} removed.`);
    onUndone();
  };

  return (
    <section className="changes-actions" aria-label="Undo this turn">
      {preview ? (
        <div className="undo-preview">
          <p>{`Undoing turn ${turn} would:`}</p>
          <ul>
            {preview.files.map((f) => (
              <li key={f.path}>
                <code>{f.path}</code> {f.effect === 'write' ? 'restored' : f.effect === 'remove' ? 'removed' : 'kept as it is'}
                {f.attribution === 'mixed' ? ' (mixed)' : ''}
              </li>
            ))}
            {preview.skipped.map((s) => (
              <li key={`skip-${s.path}`} className="muted">
                <code>{s.path}</code> left alone: {REASONS[s.reason] ?? s.reason}
              </li>
            ))}
          </ul>
          {preview.needsConfirmation.length > 0 ? (
            <div className="field-error" role="alert">
              <p>Undo refused without your confirmation:</p>
              <ul>
                {preview.needsConfirmation.map((r) => (
                  <li key={`confirm-${r.path}`}>
                    <code>{r.path}</code>: {REASONS[r.reason] ?? r.reason}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className="dialog-buttons">
            <button type="button" className="button" onClick={() => setPreview(undefined)}>
              Cancel
            </button>
            {preview.needsConfirmation.length > 0 ? (
              <button type="button" className="button danger" onClick={() => void undo(true)} disabled={busy}>
                Undo anyway
              </button>
            ) : (
              <button type="button" className="button primary" onClick={() => void undo(false)} disabled={busy}>
                Undo
              </button>
            )}
          </div>
        </div>
      ) : (
        <button type="button" className="button" onClick={() => void ask()} disabled={busy}>
          Undo this turn…
        </button>
      )}
      {note ? (
        <p role="status" className="muted">
          {note}
        </p>
      ) : null}
    </section>
  );
}
