import { useEffect, useRef, useState, type CSSProperties, type RefObject } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import type { EditorTarget } from '../../layout/layout-tree';
import { createEditorSession, type EditorSessionState } from '../../stores/editor-session';
import { editorExtensions, replaceDoc } from './editor-setup';
import { editorDisplayName, editorFileName } from '../../layout/editor-names';
import { Icons } from '../widgets/icons';
import { IconButton } from '../widgets/IconButton';
import { PaneFrame } from './PaneFrame';
import { titleWith } from '../shell/shortcuts';
import { useAgents, useApi, useApp, useProject } from '../shell/StoresContext';

/**
 * A markdown editor on a persona or skill file, the whole file with its frontmatter. The text lives
 * in CodeMirror only; the editor session (stores/editor-session.ts) owns load, save and conflicts.
 */
export function EditorPane({ paneId, file, style, hidden }: { paneId: string; file: EditorTarget; style: CSSProperties; hidden: boolean }) {
  const api = useApi();
  const { layout, drafts } = useApp();
  const projectRoot = useProject((s) => s.project?.root);
  const agentName = useAgents((s) => (file.kind === 'agent' ? s.byId[file.slug]?.name : undefined));
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const [session, setSession] = useState<StoreApi<EditorSessionState> | null>(null);
  const fileName = editorFileName(file);
  const displayName = editorDisplayName(file);
  // `file` is a new object after every layout change; its content is what identifies the editor.
  const fileKey = JSON.stringify(file);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const target = JSON.parse(fileKey) as EditorTarget;
    const holder: { session?: StoreApi<EditorSessionState> } = {};
    const extensions = editorExtensions({
      onSave: () => void holder.session?.getState().save(),
      onChange: () => holder.session?.getState().edited(),
      label: `${editorDisplayName(target)} source`,
    });
    const view = new EditorView({ parent: host, state: EditorState.create({ doc: '', extensions }) });
    viewRef.current = view;
    const created = createEditorSession(api, target, {
      text: () => view.state.doc.toString(),
      reset: (text) => view.setState(EditorState.create({ doc: text, extensions })),
      replace: (text) => replaceDoc(view, text),
    });
    holder.session = created;
    const untrack = drafts.track(paneId, () => view.state.doc.toString());
    const unsubscribe = created.subscribe((s, prev) => {
      if (s.dirty !== prev.dirty) layout.getState().setDirty(paneId, s.dirty);
    });
    setSession(created);
    void created.getState().load();
    return () => {
      unsubscribe();
      untrack();
      created.getState().dispose();
      view.destroy();
      viewRef.current = null;
      layout.getState().setDirty(paneId, false);
    };
  }, [api, drafts, fileKey, layout, paneId]);

  const hint = file.kind === 'agent' ? `.tessera/agents/${fileName}${agentName ? ` (${agentName})` : ''}` : `${file.scope} skill: ${fileName}`;

  return (
    <PaneFrame
      paneId={paneId}
      label={`Editor: ${displayName}`}
      icon={<Icons.file />}
      title={
        <>
          {fileName}
          {file.kind === 'skill' && file.scope === 'global' ? <span className="scope-tag">global</span> : null}
          {session ? <DirtyDot session={session} /> : null}
        </>
      }
      titleHint={hint}
      style={style}
      hidden={hidden}
      onFocusRequest={() => viewRef.current?.focus()}
      actions={session ? <SaveButton session={session} /> : null}
    >
      <div className="editor-body">
        {session && projectRoot ? <DraftOffer session={session} root={projectRoot} file={file} view={viewRef} /> : null}
        {session ? <Notices session={session} fileName={displayName} /> : null}
        <div className="editor-host" ref={hostRef} />
      </div>
    </PaneFrame>
  );
}

/**
 * Offers the draft kept for this file when the project changed under an editor with unsaved text:
 * Restore puts it into the editor as unsaved text (the file on disk stays as it is until the user
 * saves), Discard forgets it. A draft equal to the text loaded is forgotten without a word.
 */
function DraftOffer({ session, root, file, view }: { session: StoreApi<EditorSessionState>; root: string; file: EditorTarget; view: RefObject<EditorView | null> }) {
  const { drafts } = useApp();
  const ready = useStore(session, (s) => s.status === 'ready');
  const [draft, setDraft] = useState<string>();
  const fileKey = JSON.stringify(file);

  useEffect(() => {
    if (!ready) return;
    const target = JSON.parse(fileKey) as EditorTarget;
    const text = drafts.find(root, target);
    if (text !== undefined && text === view.current?.state.doc.toString()) drafts.drop(root, target);
    else setDraft(text);
  }, [drafts, fileKey, ready, root, view]);

  if (draft === undefined) return null;
  const restore = () => {
    const editor = view.current;
    if (editor) {
      replaceDoc(editor, draft);
      session.getState().edited();
    }
    drafts.drop(root, file);
    setDraft(undefined);
  };
  const discard = () => {
    drafts.drop(root, file);
    setDraft(undefined);
  };
  return (
    <div className="notice-bar" role="status">
      <span>Unsaved changes to this file were kept as a draft when the project changed.</span>
      <button type="button" className="button small" onClick={restore}>
        Restore draft
      </button>
      <button type="button" className="button small" onClick={discard}>
        Discard draft
      </button>
    </div>
  );
}

function DirtyDot({ session }: { session: StoreApi<EditorSessionState> }) {
  const dirty = useStore(session, (s) => s.dirty);
  if (!dirty) return null;
  return (
    <span className="dirty-dot" title="Unsaved changes" aria-label="Unsaved changes">
      ●
    </span>
  );
}

function SaveButton({ session }: { session: StoreApi<EditorSessionState> }) {
  const disabled = useStore(session, (s) => !s.dirty || s.saving || s.status !== 'ready');
  return (
    <IconButton label="Save" title={titleWith('Save', 'save')} onClick={() => void session.getState().save()} disabled={disabled}>
      <svg className="icon" width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.3" aria-hidden="true">
        <path d="M3 2.5h8l2.5 2.5v8.5H3z" />
        <path d="M5.5 2.5v3h5v-3M5 13.5v-4h6v4" />
      </svg>
    </IconButton>
  );
}

function Notices({ session, fileName }: { session: StoreApi<EditorSessionState>; fileName: string }) {
  const conflict = useStore(session, (s) => !!s.conflict);
  const deleted = useStore(session, (s) => s.deleted);
  const saveError = useStore(session, (s) => s.saveError);
  const loadError = useStore(session, (s) => (s.status === 'error' ? s.loadError : undefined));
  return (
    <>
      {conflict ? (
        <div className="notice-bar warning" role="alert">
          <span>The file changed on disk.</span>
          <button type="button" className="button small" onClick={() => session.getState().reload()}>
            Reload
          </button>
          <button type="button" className="button small" onClick={() => void session.getState().overwrite()}>
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
      {loadError ? (
        <div className="notice-bar error" role="alert">
          <span>
            Could not open {fileName}: {loadError}
          </span>
        </div>
      ) : null}
    </>
  );
}
