import { useCallback, useEffect, useRef, useState, type CSSProperties } from 'react';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import type { Response } from '../../../electron/contract/contract';
import type { EditorTarget } from '../layout/layout-tree';
import { editorExtensions, replaceDoc } from './editor-setup';
import { Icons } from './icons';
import { IconButton } from './IconButton';
import { PaneFrame } from './PaneFrame';
import { titleWith } from './shortcuts';
import { useAgents, useApi, useApp } from './StoresContext';

type DiskFile = { source: string; revision: string };

export const editorFileName = (file: EditorTarget) => (file.kind === 'agent' ? `${file.slug}.md` : `${file.name}/SKILL.md`);

/**
 * A markdown editor on a persona or skill file (the whole file, frontmatter included). Saves with
 * the revision it loaded so an edit made on disk meanwhile is never overwritten silently; picks up
 * external edits live when it has no unsaved changes, and asks when it has.
 */
export function EditorPane({ paneId, file, style, hidden }: { paneId: string; file: EditorTarget; style: CSSProperties; hidden: boolean }) {
  const api = useApi();
  const { layout } = useApp();
  const agentName = useAgents((s) => (file.kind === 'agent' ? s.byId[file.slug]?.name : undefined));
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const saved = useRef<string>('');
  const revision = useRef<string | undefined>(undefined);
  const dirtyRef = useRef(false);
  const [state, setState] = useState<'loading' | 'ready' | 'error'>('loading');
  const [loadError, setLoadError] = useState<string>();
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string>();
  const [conflict, setConflict] = useState<DiskFile>();
  const [deleted, setDeleted] = useState(false);
  const fileName = editorFileName(file);
  const fileKey = JSON.stringify(file);

  const fetchDisk = useCallback(async (): Promise<Response<DiskFile>> => {
    const response = file.kind === 'agent' ? await api.call('agents.get', { slug: file.slug }) : await api.call('skills.get', { name: file.name, scope: file.scope });
    return response.ok ? { ok: true, value: { source: response.value.source, revision: response.value.revision } } : response;
    // fileKey stands for `file`, whose object identity changes with every layout change.
  }, [api, fileKey]);

  const markDirty = useCallback(
    (doc: string) => {
      const isDirty = doc !== saved.current;
      dirtyRef.current = isDirty;
      setDirty(isDirty);
      layout.getState().setDirty(paneId, isDirty);
    },
    [layout, paneId],
  );

  const adopt = useCallback(
    (disk: DiskFile) => {
      saved.current = disk.source;
      revision.current = disk.revision;
      const view = viewRef.current;
      if (view) replaceDoc(view, disk.source);
      markDirty(view ? view.state.doc.toString() : disk.source);
      setConflict(undefined);
      setDeleted(false);
    },
    [markDirty],
  );

  const save = useCallback(async () => {
    const view = viewRef.current;
    if (!view) return;
    const source = view.state.doc.toString();
    setSaving(true);
    setSaveError(undefined);
    const response =
      file.kind === 'agent'
        ? await api.call('agents.update', { slug: file.slug, source, revision: revision.current })
        : await api.call('skills.update', { name: file.name, scope: file.scope, source, revision: revision.current });
    setSaving(false);
    if (response.ok) {
      saved.current = source;
      revision.current = response.value.revision;
      setConflict(undefined);
      setDeleted(false);
      markDirty(view.state.doc.toString());
      return;
    }
    if (/conflict|changed|stale/.test(response.error.kind)) {
      const disk = await fetchDisk();
      if (disk.ok) {
        setConflict(disk.value);
        return;
      }
    }
    setSaveError(response.error.message);
  }, [api, fetchDisk, fileKey, markDirty]);

  const saveRef = useRef(save);
  saveRef.current = save;

  // The CodeMirror view lives as long as the pane; its text never goes through React state.
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const view = new EditorView({
      parent: host,
      state: EditorState.create({
        doc: '',
        extensions: editorExtensions({ onSave: () => void saveRef.current(), onChange: (doc) => markDirty(doc), label: `${fileName} source` }),
      }),
    });
    viewRef.current = view;
    let cancelled = false;
    void fetchDisk().then((disk) => {
      if (cancelled) return;
      if (!disk.ok) {
        setState('error');
        setLoadError(disk.error.message);
        return;
      }
      saved.current = disk.value.source;
      revision.current = disk.value.revision;
      // A fresh state: the loaded text is the start of the undo history, not an edit.
      view.setState(
        EditorState.create({
          doc: disk.value.source,
          extensions: editorExtensions({ onSave: () => void saveRef.current(), onChange: (doc) => markDirty(doc), label: `${fileName} source` }),
        }),
      );
      markDirty(disk.value.source);
      setState('ready');
    });
    return () => {
      cancelled = true;
      view.destroy();
      viewRef.current = null;
      layout.getState().setDirty(paneId, false);
    };
  }, [fetchDisk, fileName, layout, markDirty, paneId]);

  // External edits (another editor, git checkout, an agent writing its own persona).
  useEffect(() => {
    const onChanged = async () => {
      if (!viewRef.current) return;
      const disk = await fetchDisk();
      const view = viewRef.current;
      if (!view) return;
      if (!disk.ok) {
        if (/not-found|missing/.test(disk.error.kind)) setDeleted(true);
        return;
      }
      setDeleted(false);
      if (disk.value.revision === revision.current) return;
      const current = view.state.doc.toString();
      if (!dirtyRef.current || current === disk.value.source) adopt(disk.value);
      else setConflict(disk.value);
    };
    return file.kind === 'agent' ? api.on('agents.changed', () => void onChanged()) : api.on('skills.changed', () => void onChanged());
  }, [api, adopt, fetchDisk, fileKey]);

  const hint = file.kind === 'agent' ? `.tessera/agents/${fileName}${agentName ? ` (${agentName})` : ''}` : `${file.scope} skill: ${fileName}`;

  return (
    <PaneFrame
      paneId={paneId}
      label={`Editor: ${fileName}`}
      icon={<Icons.file />}
      title={
        <>
          {fileName}
          {dirty ? (
            <span className="dirty-dot" title="Unsaved changes" aria-label="Unsaved changes">
              ●
            </span>
          ) : null}
        </>
      }
      titleHint={hint}
      style={style}
      hidden={hidden}
      onFocusRequest={() => viewRef.current?.focus()}
      actions={
        <IconButton label="Save" title={titleWith('Save', 'save')} onClick={() => void save()} disabled={!dirty || saving || state !== 'ready'}>
          <SaveIcon />
        </IconButton>
      }
    >
      <div className="editor-body">
        {conflict ? (
          <div className="notice-bar warning" role="alert">
            <span>The file changed on disk.</span>
            <button type="button" className="button small" onClick={() => adopt(conflict)}>
              Reload
            </button>
            <button
              type="button"
              className="button small"
              onClick={() => {
                revision.current = conflict.revision;
                setConflict(undefined);
                void save();
              }}
            >
              Overwrite
            </button>
          </div>
        ) : null}
        {deleted ? <div className="notice-bar warning">The file was deleted on disk. Saving writes it again.</div> : null}
        {saveError ? (
          <div className="notice-bar error" role="alert">
            <span>Not saved: {saveError}</span>
          </div>
        ) : null}
        {state === 'error' ? (
          <div className="placeholder">
            <p className="error-text">Could not open {fileName}: {loadError}</p>
          </div>
        ) : null}
        <div className="editor-host" ref={hostRef} hidden={state === 'error'} />
      </div>
    </PaneFrame>
  );
}

function SaveIcon() {
  return (
    <svg className="icon" width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.3" aria-hidden="true">
      <path d="M3 2.5h8l2.5 2.5v8.5H3z" />
      <path d="M5.5 2.5v3h5v-3M5 13.5v-4h6v4" />
    </svg>
  );
}
