import { useCallback, useEffect, useMemo, useState } from 'react';
import type { FileChangeDto, LeftOutDto, TurnSummaryDto } from '../../../../contract/contract';
import { isLive, latestSession } from '../../stores/sessions-store';
import { Dialog } from '../dialogs/Dialog';
import { useAgents, useApp, useSessions } from '../shell/StoresContext';
import { commentsMessage, type ReviewComment } from './comments';
import { DiffView, type DiffLayout, type LineSelection } from './DiffView';
import { LandPanel } from './LandPanel';
import { OverlapNotice } from './overlaps';
import { patchSides, type FileSides } from './patch-sides';
import { RemoveWorktreePanel } from './RemoveWorktreePanel';
import { UndoPanel } from './UndoPanel';
import './changes.css';

/** One file in the list: its counts, and what the view knows of whose change it is. */
interface FileEntry extends FileChangeDto {
  readonly attribution?: 'agent' | 'mixed' | 'others';
  readonly alsoBy?: readonly string[];
  readonly uncommitted?: boolean;
}

/** A diff over this many changed lines is shown only when asked: drawing it would hold the page. */
export const LARGE_DIFF_LINES = 20_000;
const PATCH_BYTES = 512 * 1024;
const WHOLE_FILE_BYTES = 2 * 1024 * 1024;

type PatchState =
  | { readonly kind: 'none' }
  | { readonly kind: 'loading' }
  | { readonly kind: 'binary' }
  | { readonly kind: 'large'; readonly lines: number }
  | { readonly kind: 'truncated'; readonly bytes: number }
  | { readonly kind: 'shown'; readonly sides: FileSides }
  | { readonly kind: 'error'; readonly message: string };

/**
 * An agent's changes. A worktree agent: its branch and worktree against the branch it started
 * from (committed, uncommitted, untracked), with landing below. An agent in the project or a run
 * folder: what each of its turns changed, each file marked with whose change it is, with undo.
 * Lines selected in a diff take comments, sent back to the agent as one message.
 */
export function ChangesDialog({ agent, onClose }: { agent: string; onClose: () => void }) {
  const app = useApp();
  const api = app.api;
  const dto = useAgents((s) => s.byId[agent]);
  const session = useSessions((s) => latestSession(s, agent));
  const name = dto?.name ?? session?.agentName ?? agent;
  const worktree = dto?.workspace === 'worktree';

  const [turns, setTurns] = useState<TurnSummaryDto[]>([]);
  const [turn, setTurn] = useState<number>();
  const [files, setFiles] = useState<FileEntry[]>([]);
  const [leftOut, setLeftOut] = useState<LeftOutDto>();
  const [heading, setHeading] = useState('');
  const [loadError, setLoadError] = useState<string>();
  const [loaded, setLoaded] = useState(false);
  const [selected, setSelected] = useState<string>();
  const [layout, setLayout] = useState<DiffLayout>('side-by-side');
  const [wholeFile, setWholeFile] = useState(false);
  const [showLarge, setShowLarge] = useState(false);
  const [patch, setPatch] = useState<PatchState>({ kind: 'none' });
  const [selection, setSelection] = useState<LineSelection>();
  const [draft, setDraft] = useState('');
  const [comments, setComments] = useState<ReviewComment[]>([]);
  const [sendNote, setSendNote] = useState<string>();
  const [generation, setGeneration] = useState(0);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  // The list: the branch's files, or the chosen turn's (the newest by default).
  useEffect(() => {
    let live = true;
    void (async () => {
      if (worktree) {
        const response = await api.call('branch.changes', { slug: agent });
        if (!live) return;
        if (!response.ok) {
          setLoadError(response.error.message);
          setFiles([]);
        } else {
          const uncommitted = new Set(response.value.uncommitted);
          setLoadError(undefined);
          setHeading(`${response.value.branch} against ${response.value.baseBranch}`);
          setFiles(response.value.files.map((f) => ({ ...f, uncommitted: uncommitted.has(f.path) })));
          setLeftOut(response.value.leftOut);
        }
        setLoaded(true);
        return;
      }
      const listed = await api.call('turns.list', { slug: agent });
      if (!live) return;
      if (!listed.ok) {
        setLoadError(listed.error.message);
        setLoaded(true);
        return;
      }
      setTurns(listed.value);
      const chosen = turn ?? listed.value[listed.value.length - 1]?.number;
      if (chosen === undefined) {
        setLoadError(undefined);
        setFiles([]);
        setHeading('No turns recorded yet');
        setLoaded(true);
        return;
      }
      if (turn === undefined) setTurn(chosen);
      const changes = await api.call('turns.changes', { slug: agent, turn: chosen });
      if (!live) return;
      if (!changes.ok) setLoadError(changes.error.message);
      else {
        setLoadError(undefined);
        setHeading(`Turn ${chosen}${changes.value.turn.prompt ? `: ${changes.value.turn.prompt}` : ''}${changes.value.turn.endedAt === undefined ? ' (running)' : ''}`);
        setFiles(changes.value.files);
        setLeftOut(changes.value.leftOut);
      }
      setLoaded(true);
    })();
    return () => {
      live = false;
    };
  }, [api, agent, worktree, turn, generation]);

  // A recorded turn boundary of this agent changes what there is to show.
  useEffect(() => api.on('turns.recorded', (event) => event.agent === agent && reload()), [api, agent, reload]);

  // A turn's files are the agent's own and mixed ones; files only others changed meanwhile are set apart.
  const own = useMemo(() => files.filter((f) => f.attribution !== 'others'), [files]);
  const byOthers = useMemo(() => files.filter((f) => f.attribution === 'others'), [files]);

  useEffect(() => {
    if (!selected || !files.some((f) => f.path === selected)) setSelected(own[0]?.path);
  }, [files, own, selected]);

  const file = files.find((f) => f.path === selected);

  // The selected file's diff, fetched on its own so a large one never comes with the list.
  useEffect(() => {
    setSelection(undefined);
    if (!file) {
      setPatch({ kind: 'none' });
      return;
    }
    if (file.binary) {
      setPatch({ kind: 'binary' });
      return;
    }
    if (file.added + file.removed > LARGE_DIFF_LINES && !showLarge) {
      setPatch({ kind: 'large', lines: file.added + file.removed });
      return;
    }
    let live = true;
    setPatch({ kind: 'loading' });
    const maxBytes = wholeFile ? WHOLE_FILE_BYTES : PATCH_BYTES;
    const request =
      worktree || turn === undefined
        ? api.call('branch.patch', { slug: agent, path: file.path, maxBytes, wholeFile })
        : api.call('turns.patch', { slug: agent, turn, path: file.path, maxBytes, wholeFile });
    void request.then((response) => {
      if (!live) return;
      if (!response.ok) setPatch({ kind: 'error', message: response.error.message });
      else if (response.value.truncated) setPatch({ kind: 'truncated', bytes: maxBytes });
      else {
        const sides = patchSides(response.value.text);
        setPatch(sides.binary ? { kind: 'binary' } : { kind: 'shown', sides });
      }
    });
    return () => {
      live = false;
    };
  }, [api, agent, worktree, turn, file, wholeFile, showLarge, generation]);

  const addComment = () => {
    if (!file || !selection || draft.trim() === '') return;
    setComments((all) => [...all, { path: file.path, from: selection.from, to: selection.to, quoted: selection.quoted, text: draft.trim() }]);
    setDraft('');
  };

  const sendComments = async () => {
    setSendNote(undefined);
    if (!session || !isLive(session)) {
      setSendNote(`${name} is not running: launch it, then send the comments.`);
      return;
    }
    const response = await app.sessions.getState().send(commentsMessage(comments), [session.id]);
    if (!response.ok) {
      setSendNote(response.error.message);
      return;
    }
    const outcome = response.value[0];
    if (outcome?.outcome === 'sent') {
      setSendNote(`Sent ${comments.length === 1 ? 'the comment' : `${comments.length} comments`} to ${name}.`);
      setComments([]);
    } else if (outcome?.outcome === 'queued') {
      setSendNote(`${name} is ${outcome.status ?? 'busy'}: the comments go once it is back at its prompt.`);
      setComments([]);
    } else setSendNote(`Not sent: ${outcome?.reason ?? 'the agent is not running'}.`);
  };

  const totals = useMemo(() => own.reduce((t, f) => ({ added: t.added + f.added, removed: t.removed + f.removed }), { added: 0, removed: 0 }), [own]);

  return (
    <Dialog title={`Changes: ${name}`} onClose={onClose} className="dialog-changes">
      <div className="changes-toolbar">
        {worktree ? null : (
          <label className="changes-turn">
            Turn{' '}
            <select aria-label="Turn to show" value={turn ?? ''} onChange={(e) => setTurn(Number(e.target.value))} disabled={turns.length === 0}>
              {turns.map((t) => (
                <option key={t.number} value={t.number}>
                  {`Turn ${t.number}${t.prompt ? `: ${t.prompt.slice(0, 60)}` : ''}${t.endedAt === undefined ? ' (running)' : ''}${t.undone > 0 ? ' (undone)' : ''}`}
                </option>
              ))}
            </select>
          </label>
        )}
        <span className="changes-heading" title={heading}>
          {heading}
        </span>
        <span className="changes-totals" aria-label="Totals">
          <span className="added">+{totals.added}</span> <span className="removed">−{totals.removed}</span>
        </span>
        <span className="pane-spacer" />
        <div role="group" aria-label="Diff layout" className="segmented">
          <button type="button" className="button" aria-pressed={layout === 'side-by-side'} onClick={() => setLayout('side-by-side')}>
            Side by side
          </button>
          <button type="button" className="button" aria-pressed={layout === 'unified'} onClick={() => setLayout('unified')}>
            Unified
          </button>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={wholeFile} onChange={(e) => setWholeFile(e.target.checked)} />
          Whole file
        </label>
        <button type="button" className="button" onClick={reload}>
          Refresh
        </button>
      </div>
      <OverlapNotice agent={agent} />
      {loadError ? <p className="field-error">{loadError}</p> : null}
      <div className="changes-body">
        <div className="changes-file-lists">
          <ul className="changes-files" aria-label="Changed files">
            {loaded && own.length === 0 && !loadError ? <li className="muted">{byOthers.length > 0 ? `No changes by ${name} in this turn.` : 'No changes.'}</li> : null}
            {own.map((f) => (
              <FileRow key={f.path} file={f} selected={f.path === selected} onSelect={() => setSelected(f.path)} />
            ))}
            {leftOut?.tooLarge.map((t) => (
              <li key={`large-${t.path}`} className="changes-file left-out" title="Files over the size limit are left out of checkpoints and diffs">
                <span className="changes-path">{t.path}</span>
                <span className="muted">{`too large (${formatBytes(t.bytes)}), left out`}</span>
              </li>
            ))}
            {leftOut?.truncated ? <li className="muted">More files changed than are listed.</li> : null}
          </ul>
          {byOthers.length > 0 ? (
            <details className="changes-others">
              <summary title={`${name}'s own events do not name these files: someone else changed them during the turn`}>{`Changed by others meanwhile (${byOthers.length})`}</summary>
              <ul className="changes-files" aria-label="Changed by others">
                {byOthers.map((f) => (
                  <FileRow key={f.path} file={f} selected={f.path === selected} onSelect={() => setSelected(f.path)} />
                ))}
              </ul>
            </details>
          ) : null}
        </div>
        <div className="changes-diff" aria-label="Diff">
          {file ? <DiffBody path={file.path} patch={patch} layout={layout} onSelect={setSelection} onShowLarge={() => setShowLarge(true)} /> : <p className="muted">Select a file.</p>}
        </div>
      </div>
      <div className="changes-comments">
        <div className="changes-comment-form">
          <textarea
            aria-label="Comment"
            placeholder={selection && file ? `Comment on ${file.path}:${selection.from === selection.to ? selection.from : `${selection.from}-${selection.to}`}` : 'Select lines in the new side of the diff to comment on them'}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            disabled={!selection}
            rows={2}
          />
          <button type="button" className="button" onClick={addComment} disabled={!selection || draft.trim() === ''}>
            Add comment
          </button>
        </div>
        {comments.length > 0 ? (
          <ul className="changes-comment-list" aria-label="Comments">
            {comments.map((c, i) => (
              <li key={i}>
                <code>{c.from === c.to ? `${c.path}:${c.from}` : `${c.path}:${c.from}-${c.to}`}</code> {c.text}
                <button type="button" className="button link" onClick={() => setComments((all) => all.filter((_, j) => j !== i))} aria-label={`Remove comment ${i + 1}`}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <button type="button" className="button primary" onClick={() => void sendComments()} disabled={comments.length === 0}>
          {`Send comments${comments.length > 0 ? ` (${comments.length})` : ''}`}
        </button>
        {sendNote ? (
          <span role="status" className="muted">
            {sendNote}
          </span>
        ) : null}
      </div>
      {worktree ? <LandPanel agent={agent} name={name} busy={session?.status === 'busy'} onLanded={reload} /> : turn !== undefined ? <UndoPanel agent={agent} turn={turn} onUndone={reload} /> : null}
      {worktree ? <RemoveWorktreePanel agent={agent} name={name} running={session !== undefined && isLive(session)} onRemoved={reload} /> : null}
    </Dialog>
  );
}

function FileRow({ file: f, selected, onSelect }: { file: FileEntry; selected: boolean; onSelect: () => void }) {
  return (
    <li>
      <button type="button" className={`changes-file${selected ? ' selected' : ''}`} aria-current={selected} onClick={onSelect}>
        <span className="changes-path" title={f.path}>
          {f.path}
        </span>
        <span className="changes-counts">
          {f.binary ? (
            <span className="muted">binary</span>
          ) : (
            <>
              <span className="added">+{f.added}</span> <span className="removed">−{f.removed}</span>
            </>
          )}
        </span>
        <span className="changes-tags">
          {f.status !== 'modified' ? <span className="tag">{f.status}</span> : null}
          {f.uncommitted ? <span className="tag">uncommitted</span> : null}
          {f.attribution === 'mixed' ? (
            <span className="tag tag-warn" title={f.alsoBy && f.alsoBy.length > 0 ? `Also changed by ${f.alsoBy.join(', ')}` : 'Others may have changed it in this turn too'}>
              {f.alsoBy && f.alsoBy.length > 0 ? `mixed: also ${f.alsoBy.join(', ')}` : 'mixed'}
            </span>
          ) : null}
          {f.attribution === 'others' ? <span className="tag">by others</span> : null}
        </span>
      </button>
    </li>
  );
}

function DiffBody(props: { path: string; patch: PatchState; layout: DiffLayout; onSelect: (s: LineSelection | undefined) => void; onShowLarge: () => void }) {
  const { patch } = props;
  switch (patch.kind) {
    case 'none':
      return null;
    case 'loading':
      return <p className="muted">Loading the diff…</p>;
    case 'binary':
      return <p className="muted">Binary file: its contents are not shown.</p>;
    case 'large':
      return (
        <p className="muted">
          {`A large diff (${patch.lines.toLocaleString()} changed lines).`}{' '}
          <button type="button" className="button" onClick={props.onShowLarge}>
            Show it anyway
          </button>
        </p>
      );
    case 'truncated':
      return <p className="muted">{`The diff of this file is over ${formatBytes(patch.bytes)}: too large to show here.`}</p>;
    case 'error':
      return <p className="field-error">{patch.message}</p>;
    case 'shown':
      return <DiffView path={props.path} sides={patch.sides} layout={props.layout} onSelect={props.onSelect} />;
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}
