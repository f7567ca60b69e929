import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TesseraApi } from '../../../contract/api';
import type { Response } from '../../../contract/contract';
import type { EditorTarget } from '../layout/layout-tree';

/** The text being edited, as the session sees it (CodeMirror in the app, a string in tests). */
export interface EditorDoc {
  text(): string;
  /** Starts over with `text`: a load, not an edit (no undo step). */
  reset(text: string): void;
  /** Replaces the text as an edit that keeps the cursor where it was. */
  replace(text: string): void;
}

export type DiskFile = { source: string; revision: string };

export interface EditorSessionState {
  status: 'loading' | 'ready' | 'error';
  loadError?: string;
  dirty: boolean;
  saving: boolean;
  saveError?: string;
  /** The disk version that differs from unsaved changes: the user picks Reload or Overwrite. */
  conflict?: DiskFile;
  deleted: boolean;
  load(): Promise<void>;
  /** The doc changed (a keystroke): recompute dirty. */
  edited(): void;
  save(): Promise<void>;
  reload(): void;
  overwrite(): Promise<void>;
  dispose(): void;
}

/**
 * One open persona or skill file. Saves send the revision that was loaded so an edit
 * made on disk meanwhile is never overwritten silently; external edits are taken in place when
 * there are no unsaved changes, and turned into a Reload / Overwrite choice when there are.
 */
export function createEditorSession(api: TesseraApi, file: EditorTarget, doc: EditorDoc): StoreApi<EditorSessionState> {
  let saved = '';
  let revision: string | undefined;
  let disposed = false;

  const fetchDisk = async (): Promise<Response<DiskFile>> => {
    const response =
      file.kind === 'agent' ? await api.call('agents.get', { slug: file.slug }) : await api.call('skills.get', { name: file.name, scope: file.scope });
    return response.ok ? { ok: true, value: { source: response.value.source, revision: response.value.revision } } : response;
  };

  const store = createStore<EditorSessionState>()((set, get) => {
    // A file deleted on disk counts as unsaved: its only copy is the editor's, and Save writes it back.
    const recompute = () => set({ dirty: get().deleted || doc.text() !== saved });

    return {
      status: 'loading',
      loadError: undefined,
      dirty: false,
      saving: false,
      saveError: undefined,
      conflict: undefined,
      deleted: false,

      async load() {
        const disk = await fetchDisk();
        if (disposed) return;
        if (!disk.ok) {
          set({ status: 'error', loadError: disk.error.message });
          return;
        }
        saved = disk.value.source;
        revision = disk.value.revision;
        doc.reset(disk.value.source);
        set({ status: 'ready', loadError: undefined, dirty: false });
      },

      edited() {
        if (get().status === 'ready') recompute();
      },

      async save() {
        if (get().status !== 'ready' || get().saving) return;
        const source = doc.text();
        set({ saving: true, saveError: undefined });
        const response =
          file.kind === 'agent'
            ? await api.call('agents.update', { slug: file.slug, source, revision })
            : await api.call('skills.update', { name: file.name, scope: file.scope, source, revision });
        if (disposed) return;
        set({ saving: false });
        if (response.ok) {
          saved = source;
          revision = response.value.revision;
          set({ conflict: undefined, deleted: false, saveError: undefined });
          recompute();
          return;
        }
        if (/conflict|stale/.test(response.error.kind)) {
          const disk = await fetchDisk();
          if (disk.ok && !disposed) {
            set({ conflict: disk.value });
            return;
          }
        }
        set({ saveError: response.error.message });
      },

      reload() {
        const conflict = get().conflict;
        if (conflict) adoptDisk(conflict);
      },

      async overwrite() {
        const conflict = get().conflict;
        if (!conflict) return;
        revision = conflict.revision;
        set({ conflict: undefined });
        await get().save();
      },

      dispose() {
        disposed = true;
        off();
      },
    };
  });

  const onDiskChanged = async () => {
    const { status, deleted } = store.getState();
    if (status !== 'ready') return;
    const disk = await fetchDisk();
    if (disposed) return;
    if (!disk.ok) {
      if (/not-found|missing/.test(disk.error.kind)) store.setState({ deleted: true, dirty: true });
      return;
    }
    if (deleted) store.setState({ deleted: false, dirty: doc.text() !== saved });
    if (disk.value.revision === revision) return;
    // Dirtiness is read again: the user may have typed while the file was being fetched.
    if (!store.getState().dirty || doc.text() === disk.value.source) adoptDisk(disk.value);
    else store.setState({ conflict: disk.value });
  };

  const adoptDisk = (disk: DiskFile) => {
    saved = disk.source;
    revision = disk.revision;
    doc.replace(disk.source);
    store.setState({ conflict: undefined, deleted: false, saveError: undefined, dirty: doc.text() !== saved });
  };

  const off = file.kind === 'agent' ? api.on('agents.changed', () => void onDiskChanged()) : api.on('skills.changed', () => void onDiskChanged());

  return store;
}
