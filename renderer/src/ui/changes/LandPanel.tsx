import { useEffect, useState } from 'react';
import type { DiscardPreviewDto, LandingCheckDto } from '../../../../contract/contract';
import { useApi } from '../shell/StoresContext';

type Strategy = 'fast-forward' | 'merge' | 'rebase';

const STRATEGIES: { value: Strategy; label: string }[] = [
  { value: 'merge', label: 'Merge commit' },
  { value: 'fast-forward', label: 'Fast-forward' },
  { value: 'rebase', label: 'Rebase onto the base' },
];

/**
 * Landing a worktree agent's branch: its uncommitted work committed with a message drafted from
 * its turns' prompts (editable), then merged (fast-forward or a merge commit) or rebased onto the
 * branch it started from; a conflict names its files and leaves the user's checkout as it was.
 * Then push, a pull request (or the command to open one), or a discard shown before it is asked.
 */
export function LandPanel({ agent, name, busy: agentBusy, onLanded }: { agent: string; name: string; busy: boolean; onLanded: () => void }) {
  const api = useApi();
  const [strategy, setStrategy] = useState<Strategy>('merge');
  const [message, setMessage] = useState('');
  const [check, setCheck] = useState<LandingCheckDto>();
  const [note, setNote] = useState<{ text: string; error: boolean }>();
  const [working, setWorking] = useState(false);
  const [remote, setRemote] = useState('origin');
  const [title, setTitle] = useState('');
  const [discard, setDiscard] = useState<DiscardPreviewDto>();
  /** Landing was asked while the agent is mid-turn: its work may still change, so the user confirms. */
  const [askBusy, setAskBusy] = useState(false);

  useEffect(() => {
    void api.call('branch.draftMessage', { slug: agent }).then((r) => {
      if (r.ok) {
        setMessage((m) => m || r.value.message);
        setTitle((t) => t || (r.value.message.split('\n')[0] ?? ''));
      }
    });
  }, [api, agent]);

  useEffect(() => {
    let live = true;
    void api.call('branch.checkLanding', { slug: agent, strategy }).then((r) => {
      if (live) setCheck(r.ok ? r.value : undefined);
    });
    return () => {
      live = false;
    };
  }, [api, agent, strategy]);

  const run = async (what: () => Promise<string>) => {
    setWorking(true);
    setNote(undefined);
    try {
      setNote({ text: await what(), error: false });
    } catch (error) {
      setNote({ text: (error as Error).message, error: true });
    } finally {
      setWorking(false);
    }
  };
  const fail = (message: string): never => {
    throw new Error(message);
  };

  const land = () =>
    run(async () => {
      const r = await api.call('branch.land', { slug: agent, strategy, ...(message.trim() ? { message } : {}) });
      if (!r.ok) return fail(r.error.message);
      onLanded();
      const checked = await api.call('branch.checkLanding', { slug: agent, strategy });
      setCheck(checked.ok ? checked.value : undefined);
      return `Landed on ${r.value.baseBranch} (${r.value.strategy}): ${r.value.from.slice(0, 7)} → ${r.value.to.slice(0, 7)}.`;
    });
  const commit = () =>
    run(async () => {
      const r = await api.call('branch.commit', { slug: agent, message });
      if (!r.ok) return fail(r.error.message);
      onLanded();
      return `Committed ${r.value.files.length} file(s) on the agent's branch: ${r.value.commit.slice(0, 7)}.`;
    });
  const push = (which: 'agent' | 'base') =>
    run(async () => {
      const r = await api.call('branch.push', { slug: agent, which, remote });
      if (!r.ok) return fail(r.error.message);
      return `Pushed ${r.value.branch} to ${r.value.remote}.`;
    });
  const pullRequest = () =>
    run(async () => {
      const r = await api.call('branch.pullRequest', { slug: agent, title: title || `${name}'s changes`, remote });
      if (!r.ok) return fail(r.error.message);
      if (r.value.kind === 'opened') return `Pull request opened: ${r.value.url}`;
      const why = r.value.reason === 'gh-missing' ? 'gh is not installed' : 'gh is not signed in';
      return `${why}; open it with: ${r.value.command.map(shellQuote).join(' ')}`;
    });
  const previewDiscard = () =>
    run(async () => {
      const r = await api.call('branch.previewDiscard', { slug: agent });
      if (!r.ok) return fail(r.error.message);
      setDiscard(r.value);
      return '';
    });
  const confirmDiscard = () =>
    run(async () => {
      if (!discard) return '';
      const r = await api.call('branch.discard', { slug: agent, confirm: true, token: discard.token });
      setDiscard(undefined);
      if (!r.ok) return fail(r.error.message);
      onLanded();
      return `Discarded; ${r.value.discardedTo ? `a copy is kept at ${r.value.discardedTo}` : 'nothing was uncommitted'}.`;
    });

  const uncommitted = (check?.toCommit.length ?? 0) > 0;
  return (
    <section className="changes-actions land-panel" aria-label="Land">
      <div className="land-row">
        <label>
          Land by{' '}
          <select aria-label="Landing strategy" value={strategy} onChange={(e) => setStrategy(e.target.value as Strategy)}>
            {STRATEGIES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        {check ? (
          <span className="muted">
            {`${check.branch} → ${check.baseBranch}`}
            {check.fastForward ? ' · can fast-forward' : ''}
          </span>
        ) : null}
        <span className="pane-spacer" />
        {uncommitted ? (
          <button type="button" className="button" onClick={() => void commit()} disabled={working || !message.trim()}>
            Commit
          </button>
        ) : null}
        <button type="button" className="button primary" onClick={() => (agentBusy ? setAskBusy(true) : void land())} disabled={working}>
          Land
        </button>
      </div>
      {askBusy ? (
        <div className="field-error" role="alert">
          <p>{`${name} is mid-turn: its work may still change. Wait for its turn to end, or land what is there now?`}</p>
          <div className="dialog-buttons">
            <button type="button" className="button" onClick={() => setAskBusy(false)}>
              Wait
            </button>
            <button
              type="button"
              className="button primary"
              onClick={() => {
                setAskBusy(false);
                void land();
              }}
            >
              Land now
            </button>
          </div>
        </div>
      ) : null}
      {uncommitted ? (
        <textarea aria-label="Commit message" value={message} onChange={(e) => setMessage(e.target.value)} rows={3} />
      ) : null}
      {check && check.conflicts.length > 0 ? (
        <p className="field-error" role="alert">
          {`Conflicts with ${check.baseBranch} in: ${check.conflicts.join(', ')}. Landing leaves your checkout as it is.`}
        </p>
      ) : null}
      {check?.blockedBy ? (
        <p className="field-error" role="alert">
          {`${check.blockedBy.checkout} has uncommitted changes in ${check.blockedBy.files.join(', ')}: commit or stash them first.`}
        </p>
      ) : null}
      <div className="land-row">
        <label>
          Remote <input aria-label="Remote" value={remote} onChange={(e) => setRemote(e.target.value)} size={10} />
        </label>
        <button type="button" className="button" onClick={() => void push('agent')} disabled={working}>
          Push branch
        </button>
        <button type="button" className="button" onClick={() => void push('base')} disabled={working}>
          Push base
        </button>
        <input aria-label="Pull request title" value={title} onChange={(e) => setTitle(e.target.value)} placeholder="Pull request title" />
        <button type="button" className="button" onClick={() => void pullRequest()} disabled={working}>
          Open pull request
        </button>
        <span className="pane-spacer" />
        <button type="button" className="button danger" onClick={() => void previewDiscard()} disabled={working}>
          Discard…
        </button>
      </div>
      {discard ? (
        <div className="field-error" role="alert">
          <p>{`Discard ${name}'s uncommitted changes on ${discard.branch}? A copy is kept under a private ref.`}</p>
          <ul>
            {discard.files.map((f) => (
              <li key={f.path}>
                <code>{f.path}</code> +{f.added} −{f.removed}
              </li>
            ))}
          </ul>
          <div className="dialog-buttons">
            <button type="button" className="button" onClick={() => setDiscard(undefined)}>
              Keep them
            </button>
            <button type="button" className="button danger" onClick={() => void confirmDiscard()} disabled={working}>
              Discard these changes
            </button>
          </div>
        </div>
      ) : null}
      {note && note.text ? (
        <p role="status" className={note.error ? 'field-error' : 'muted'}>
          {note.text}
        </p>
      ) : null}
    </section>
  );
}

function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
