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
  /** What confirming would do: asked only when the plain undo needs a confirmation. */
  const [confirmed, setConfirmed] = useState<UndoPreviewDto>();
  const [note, setNote] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setPreview(undefined);
    setConfirmed(undefined);
    setNote(undefined);
  }, [agent, turn]);

  const ask = async () => {
    setBusy(true);
    setNote(undefined);
    const response = await api.call('turns.previewUndo', { slug: agent, turn, confirm: false });
    const anyway = response.ok && response.value.needsConfirmation.length > 0 ? await api.call('turns.previewUndo', { slug: agent, turn, confirm: true }) : undefined;
    setBusy(false);
    if (!response.ok) {
      setNote(response.error.message);
      return;
    }
    setPreview(response.value);
    setConfirmed(anyway?.ok ? anyway.value : undefined);
  };

  const undo = async (confirm: boolean) => {
    const shown = confirm ? (confirmed ?? preview) : preview;
    if (!shown) return;
    setBusy(true);
    const response = await api.call('turns.undo', { slug: agent, turn, confirm, basis: shown.basis });
    setBusy(false);
    if (!response.ok) {
      setNote(response.error.message);
      return;
    }
    setPreview(undefined);
    setConfirmed(undefined);
    setNote(`Turn ${turn} undone: ${response.value.written.length} file(s) restored, ${response.value.removed.length} removed.`);
    onUndone();
  };

  return (
    <section className="changes-actions" aria-label="Undo this turn">
      {preview ? (
        <UndoPreview preview={preview} confirmed={confirmed} busy={busy} onCancel={() => setPreview(undefined)} onUndo={(confirm) => void undo(confirm)} />
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

/** What the undo would do file by file, and why it waits for a confirmation. */
function UndoPreview(props: { preview: UndoPreviewDto; confirmed: UndoPreviewDto | undefined; busy: boolean; onCancel: () => void; onUndo: (confirm: boolean) => void }) {
  const { preview, confirmed, busy } = props;
  const turn = preview.turn;
  // Confirming also restores the files that wait for it: list what it would do to them.
  const files = confirmed ? confirmed.files : preview.files;
  const laterEdit = new Set(files.filter((f) => f.outcome === 'conflict').map((f) => f.path));
  const reasons = new Map<string, string[]>();
  for (const r of preview.needsConfirmation) reasons.set(r.path, [...(reasons.get(r.path) ?? []), REASONS[r.reason] ?? r.reason]);
  for (const path of laterEdit) if (reasons.has(path) && !reasons.get(path)!.includes(REASONS['later-edit']!)) reasons.get(path)!.push(REASONS['later-edit']!);
  return (
    <div className="undo-preview">
      <p>{`Undoing turn ${turn}${reasons.size > 0 ? ', once you confirm,' : ''} would:`}</p>
      <ul>
        {files.map((f) => (
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
      {reasons.size > 0 ? (
        <div className="field-error" role="alert">
          <p>Undo refused without your confirmation:</p>
          <ul>
            {[...reasons].map(([path, why]) => (
              <li key={`confirm-${path}`}>
                <code>{path}</code>: {why.join('; ')}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="dialog-buttons">
        <button type="button" className="button" onClick={props.onCancel}>
          Cancel
        </button>
        {reasons.size > 0 ? (
          <button type="button" className="button danger" onClick={() => props.onUndo(true)} disabled={busy}>
            Undo anyway
          </button>
        ) : (
          <button type="button" className="button primary" onClick={() => props.onUndo(false)} disabled={busy}>
            Undo
          </button>
        )}
      </div>
    </div>
  );
}
