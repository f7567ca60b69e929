import { useEffect, useState } from 'react';
import type { WorktreeRemovalDto } from '../../../../contract/contract';
import { useApi } from '../shell/StoresContext';

/**
 * "Remove worktree": first what would go (the worktree folder and the agent's branch) and, when
 * any, the work that stops it (uncommitted files, commits no other branch holds), named; the
 * removal itself only once nothing would be lost and the user confirmed. The host checks again.
 */
export function RemoveWorktreePanel({ agent, name, running, onRemoved }: { agent: string; name: string; running: boolean; onRemoved: () => void }) {
  const api = useApi();
  const [removal, setRemoval] = useState<WorktreeRemovalDto>();
  const [note, setNote] = useState<{ text: string; error: boolean }>();
  const [working, setWorking] = useState(false);

  useEffect(() => {
    setRemoval(undefined);
    setNote(undefined);
  }, [agent]);

  const ask = async () => {
    setWorking(true);
    setNote(undefined);
    const response = await api.call('branch.previewRemoveWorktree', { slug: agent });
    setWorking(false);
    if (!response.ok) setNote({ text: response.error.message, error: true });
    else setRemoval(response.value);
  };

  const remove = async () => {
    setWorking(true);
    const response = await api.call('branch.removeWorktree', { slug: agent });
    setWorking(false);
    setRemoval(undefined);
    if (!response.ok) {
      setNote({ text: response.error.message, error: true });
      return;
    }
    const branch = response.value.deletedBranch ? ` and the branch ${response.value.deletedBranch}` : '';
    setNote({ text: `Removed the worktree at ${response.value.removed}${branch}.`, error: false });
    onRemoved();
  };

  const holds = removal ? removal.uncommitted.length > 0 || removal.commits.length > 0 : false;
  return (
    <section className="changes-actions" aria-label="Remove worktree">
      {!removal ? (
        <button type="button" className="button danger" onClick={() => void ask()} disabled={working}>
          Remove worktree…
        </button>
      ) : holds ? (
        <div className="field-error" role="alert">
          <p>{`${name}'s worktree and branch ${removal.branch} hold work that is not merged anywhere else, so they stay. Land, commit, push or discard it first.`}</p>
          {removal.uncommitted.length > 0 ? <WorkList label="Uncommitted files" items={removal.uncommitted} /> : null}
          {removal.commits.length > 0 ? <WorkList label="Commits no other branch has" items={removal.commits.map((c) => `${c.id.slice(0, 7)} ${c.subject}`)} /> : null}
          <div className="dialog-buttons">
            <button type="button" className="button" onClick={() => setRemoval(undefined)}>
              Close
            </button>
          </div>
        </div>
      ) : (
        <div role="group" aria-label="Confirm removal">
          <p>{`Remove the worktree at ${removal.path}${removal.tip ? ` and the branch ${removal.branch} (${removal.tip.slice(0, 7)}, merged elsewhere)` : ''}? Nothing in them is uncommitted or only there.`}</p>
          {running ? <p className="field-error">{`${name} is running in this worktree: stop it first.`}</p> : null}
          <div className="dialog-buttons">
            <button type="button" className="button" onClick={() => setRemoval(undefined)}>
              Keep it
            </button>
            <button type="button" className="button danger" onClick={() => void remove()} disabled={working || running}>
              Remove worktree and branch
            </button>
          </div>
        </div>
      )}
      {note ? (
        <p role="status" className={note.error ? 'field-error' : 'muted'}>
          {note.text}
        </p>
      ) : null}
    </section>
  );
}

function WorkList({ label, items }: { label: string; items: readonly string[] }) {
  return (
    <>
      <p>{`${label}:`}</p>
      <ul aria-label={label}>
        {items.map((item) => (
          <li key={item}>
            <code>{item}</code>
          </li>
        ))}
      </ul>
    </>
  );
}
