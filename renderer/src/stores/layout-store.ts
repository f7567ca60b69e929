import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TesseraApi } from '../../../contract/api';
import type { LayoutChangedEvent, LayoutDto } from '../../../contract/contract';
import {
  closePane,
  findPane,
  findPaneWith,
  gridOf,
  idsOf,
  neighbourPane,
  panesOf,
  parentOf,
  sameEditorTarget,
  setContent,
  setRatio,
  splitPane,
  type Direction,
  type EditorTarget,
  type LayoutNode,
  type PaneContent,
} from '../layout/layout-tree';
import { NEW_PANE_PLACEMENTS, placeContent, type NewPanePlacement } from '../layout/pane-placement';
import { editorDisplayName, listed } from '../layout/editor-names';
import { keepPanes } from '../layout/keep-panes';

const PLACEMENT_KEY = 'tessera.newPanes';

export interface LayoutState {
  root: LayoutNode | null;
  /** Where new panes go; kept per browser or desktop install, like the theme. */
  newPanes: NewPanePlacement;
  setNewPanes(placement: NewPanePlacement): void;
  /** Re-tiles every pane into an even grid, in reading order. */
  evenOut(): void;
  /** Shows the agent's terminal in pane `paneId` (an empty pane picking an agent); a pane that showed it elsewhere closes. */
  showIn(paneId: string, agent: string): void;
  focused?: string;
  maximized?: string;
  loaded: boolean;
  /** Bumped when focus moves by command, so the pane moves DOM focus into its terminal or editor. */
  focusRequest: number;
  saveError?: string;
  /** What loading layout.json had to do, for the user: repaired, or not loaded at all (and where the copy is). */
  loadNote?: { readonly kind: 'repaired' | 'not-loaded'; readonly text: string };
  dismissLoadNote(): void;
  /** Editor panes with unsaved changes (view state, never saved to layout.json). */
  dirty: Record<string, true>;
  setDirty(paneId: string, dirty: boolean): void;
  load(): Promise<void>;
  /** Forgets the layout (project closed or switching). */
  reset(): void;
  focus(paneId: string, options?: { moveDomFocus?: boolean }): void;
  focusNext(): void;
  focusPrevious(): void;
  /** Splits a pane (the focused one by default); returns the new pane's id. */
  split(direction: Direction, paneId?: string, content?: PaneContent): string | undefined;
  close(paneId?: string): void;
  setRatio(splitId: string, ratio: number): void;
  toggleMaximize(paneId?: string): void;
  /** Focuses the agent's terminal pane, or puts it in the focused empty pane, or opens one where `newPanes` says. */
  openTerminal(agent: string): string;
  /** The layout `openTerminal(agent)` would make, without making it: where the agent's terminal will show. */
  previewTerminal(agent: string): PanePlacement;
  openEditor(file: EditorTarget): string;
  /** Saves now if a save is pending (page unload). */
  flush(): Promise<void>;
  /** Saves now whether or not anything changed (after a reconnect, the server may have missed a save); refused as stale, it shows the newer layout. */
  saveNow(): Promise<void>;
  dispose(): void;
}

/** A layout with one pane picked out: where a terminal shows (or will), for measuring it before it is drawn. */
export interface PanePlacement {
  readonly root: LayoutNode | null;
  readonly maximized?: string;
  readonly paneId: string;
}

/**
 * A change this window made to the tree. `redo` makes it again over another tree (a newer layout
 * taken up from elsewhere); over a tree that already holds it, it changes nothing.
 */
interface Edit {
  readonly seq: number;
  /** What the change sets (one divider's ratio): a later change of the same key replaces it. */
  readonly key?: string;
  readonly redo: (state: LayoutState) => Partial<LayoutState> | undefined;
}

/** More unsaved edits than a user makes between two saves; past it, the oldest are no longer made again. */
const MAX_EDITS = 200;

/** Saves refused as stale in a row (another window saved in between each time) before this window stops trying. */
const MAX_REFUSED_SAVES = 5;

/** Ids of the panes a preview adds; never saved, never shown. */
const PREVIEW_ID = 'preview';

export interface LayoutStoreOptions {
  newId?: () => string;
  saveDelayMs?: number;
  /** Keeps the new-pane placement (localStorage in the page). */
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
  /** This window's id in its saves (random by default), so it knows its own layout.changed. */
  origin?: string;
  /** Tells the user, in this window, that it kept panes with unsaved changes another window's layout had no place for. */
  onKept?: (text: string) => void;
}

let counter = 0;
const randomId = (prefix: string, length: number) =>
  typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function'
    ? `${prefix}-${crypto.randomUUID().slice(0, length)}`
    : `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 2 + length)}`;
const defaultId = () => randomId('p', 8);

/**
 * The tiled layout of the open project: loaded with layout.get, changed by the tree operations,
 * saved with layout.save. A pane opened, closed or given other content is saved at once: a page
 * that goes without its unload (a crash, a killed tab, a host stopped from elsewhere) must not take
 * a launched agent's pane with it. Divider drags, focus and maximize are saved debounced (a drag of
 * a divider is one save, not fifty). One save is in flight at a time, and each sends the layout as
 * it is when it goes, so a slow save never lands over a newer one.
 *
 * Every window of the project shows one layout. Each save names the revision this window's layout
 * was made from (`revision`), and the host writes it only if that is still the newest (SaveLayout),
 * so a window never writes over a layout it has not seen. A newer layout, from another window's
 * layout.changed or read after this window's save was refused as stale, is taken up, and the tree
 * changes this window made that no answered save holds yet (`edits`) are made again over it and
 * saved: neither window's change is lost. A window ignores the layout.changed of its own saves
 * (`origin`), and holds those of others while its own save is on its way, so at every take-up it
 * knows which of its changes the host has. Focus and maximize stay this window's own while their
 * panes remain. An editor with unsaved text in this window is never taken away by a layout from
 * elsewhere: it is put back (keepPanes), the result saved, and the user told (`onKept`).
 */
export function createLayoutStore(api: TesseraApi, options: LayoutStoreOptions = {}): StoreApi<LayoutState> {
  const saveDelayMs = options.saveDelayMs ?? 300;
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  let saving: Promise<void> | undefined;
  let saveAgain = false;
  let loadSeq = 0;
  const origin = options.origin ?? randomId('w', 12);
  /** The revision the shown layout was made from: what the next save names. */
  let revision = 0;
  /** True while a layout from elsewhere is applied: the change is not this window's to save. */
  let adopting = false;
  /** The newest layout.changed heard while loading or saving, taken up after that if newer. */
  let held: LayoutChangedEvent | undefined;
  /** This window's tree changes, oldest first, until a save that holds them is answered. */
  let edits: Edit[] = [];
  let editSeq = 0;
  /**
   * Panes whose id this window took back from other content to keep its unsaved editor. Asked a
   * second time (another window keeps unsaved work of its own under that id), it gives way, so two
   * windows never take one id from each other forever.
   */
  const tookBack = new Set<string>();

  const freshIdIn = (root: LayoutNode | null): string => {
    const taken = idsOf(root);
    const make = options.newId ?? defaultId;
    let id = make();
    while (taken.has(id)) id = make();
    return id;
  };

  const store = createStore<LayoutState>()((set, get) => {
    const freshId = (): string => freshIdIn(get().root);

    /**
     * Makes a change to the tree and keeps it as an Edit. Made again, it is given the same new ids
     * where they are still free. `key` names what a run of changes sets (one divider), so a drag
     * is kept as its last position.
     */
    const change = (make: (state: LayoutState, newId: () => string) => Partial<LayoutState> | undefined, key?: string): boolean => {
      const used: string[] = [];
      const patch = make(get(), () => {
        const id = freshId();
        used.push(id);
        return id;
      });
      if (!patch) return false;
      remember({
        seq: ++editSeq,
        key,
        redo: (state) => {
          let next = 0;
          return make(state, () => {
            const taken = idsOf(state.root);
            while (next < used.length) {
              const id = used[next++]!;
              if (!taken.has(id)) return id;
            }
            return freshIdIn(state.root);
          });
        },
      });
      set(patch);
      return true;
    };

    const place = (content: PaneContent, matches: (c: PaneContent) => boolean): string => {
      let paneId = '';
      change((state, newId) => {
        const placed = placeContent(state, content, matches, newId);
        paneId = placed.paneId;
        return placed.next;
      });
      return paneId;
    };

    const terminalOf = (agent: string) => (c: PaneContent) => c.kind === 'terminal' && c.agent === agent;

    return {
      root: null,
      newPanes: storedPlacement(options.storage),
      focused: undefined,
      maximized: undefined,
      loaded: false,
      focusRequest: 0,
      saveError: undefined,
      loadNote: undefined,
      dirty: {},

      setNewPanes(placement) {
        set({ newPanes: placement });
        try {
          options.storage?.setItem(PLACEMENT_KEY, placement);
        } catch {
          // Storage full or refused: the choice holds for this page.
        }
      },

      evenOut() {
        change(({ root }, newId) => (!root || root.type === 'pane' ? undefined : { root: gridOf(panesOf(root), newId), maximized: undefined }));
      },

      showIn(paneId, agent) {
        change(({ root, focusRequest }) => {
          if (!root || !findPane(root, paneId)) return undefined;
          const elsewhere = findPaneWith(root, terminalOf(agent));
          const rest = elsewhere && elsewhere.id !== paneId ? closePane(root, elsewhere.id) : root;
          if (!rest) return undefined;
          return { root: setContent(rest, paneId, { kind: 'terminal', agent }), focused: paneId, maximized: undefined, focusRequest: focusRequest + 1 };
        });
      },

      dismissLoadNote() {
        set({ loadNote: undefined });
      },

      setDirty(paneId, dirty) {
        const current = get().dirty;
        if (!!current[paneId] === dirty) return;
        const next = { ...current };
        if (dirty) next[paneId] = true;
        else delete next[paneId];
        set({ dirty: next });
      },

      async load() {
        const seq = ++loadSeq;
        const response = await api.call('layout.get', {});
        if (seq !== loadSeq) return;
        if (!response.ok) {
          set({ root: null, focused: undefined, maximized: undefined, loaded: true, loadNote: { kind: 'not-loaded', text: `Layout could not be loaded: ${response.error.message}` } });
          return;
        }
        apply(response.value);
        revision = response.value.revision;
        edits = [];
        takeUpHeld();
        const { repaired, notLoaded } = response.value;
        if (notLoaded) {
          const copy = notLoaded.backup ? `; a copy was kept as ${notLoaded.backup}` : '';
          set({ loadNote: { kind: 'not-loaded', text: `Layout could not be loaded: ${notLoaded.reason}${copy}` } });
        } else if (repaired && repaired.length > 0) {
          set({ loadNote: { kind: 'repaired', text: `Layout repaired on load: ${repaired.join('; ')}` } });
        }
      },

      reset() {
        loadSeq++;
        cancelSave();
        revision = 0;
        held = undefined;
        edits = [];
        tookBack.clear();
        set({ root: null, focused: undefined, maximized: undefined, loaded: false, saveError: undefined, loadNote: undefined, dirty: {} });
      },

      focus(paneId, focusOptions) {
        if (!findPane(get().root, paneId)) return;
        if (get().focused === paneId && !focusOptions?.moveDomFocus) return;
        set({ focused: paneId, focusRequest: get().focusRequest + (focusOptions?.moveDomFocus ? 1 : 0) });
      },

      focusNext() {
        moveFocus(1);
      },

      focusPrevious() {
        moveFocus(-1);
      },

      split(direction, paneId, content = { kind: 'empty' }) {
        const { root, focused } = get();
        const targetId = root ? (paneId ?? focused ?? panesOf(root)[0]?.id) : undefined;
        if (root && (!targetId || !findPane(root, targetId))) return undefined;
        const id = freshId();
        const splitId = freshId();
        // Made again over a tree that already has the new pane (a save whose answer was lost did land), it changes nothing.
        change((state) => {
          if (findPane(state.root, id)) return undefined;
          if (!state.root) return { root: { type: 'pane', id, content }, focused: id, focusRequest: state.focusRequest + 1 };
          const target = targetId ?? panesOf(state.root)[0]?.id;
          if (!target || !findPane(state.root, target)) return undefined;
          return {
            root: splitPane(state.root, target, direction, { type: 'pane', id, content }, idsOf(state.root).has(splitId) ? freshIdIn(state.root) : splitId),
            focused: id,
            maximized: undefined,
            focusRequest: state.focusRequest + 1,
          };
        });
        return id;
      },

      close(paneId) {
        const id = paneId ?? get().focused;
        if (!id) return;
        change(({ root, focused, maximized, dirty, focusRequest }) => {
          if (!findPane(root, id)) return undefined;
          const next = closePane(root, id);
          let nextFocused = focused;
          if (focused === id || !nextFocused || !findPane(next, nextFocused)) {
            // The sibling that took the space gets the focus, as in a tiling window manager.
            const parent = parentOf(root, id);
            const sibling = parent ? (parent.first.id === id ? parent.second : parent.first) : undefined;
            nextFocused = sibling ? panesOf(sibling)[0]?.id : panesOf(next)[0]?.id;
          }
          const left = { ...dirty };
          delete left[id];
          return { root: next, dirty: left, focused: nextFocused, maximized: maximized === id ? undefined : maximized, focusRequest: focusRequest + 1 };
        });
      },

      setRatio(splitId, ratio) {
        change(({ root }) => {
          const next = root ? setRatio(root, splitId, ratio) : root;
          return next === root ? undefined : { root: next };
        }, `ratio ${splitId}`);
      },

      toggleMaximize(paneId) {
        const { root, focused, maximized } = get();
        const id = paneId ?? focused;
        if (maximized && (!paneId || maximized === paneId)) {
          set({ maximized: undefined });
          return;
        }
        if (!id || !findPane(root, id)) return;
        // One pane alone is already as big as it gets.
        if (panesOf(root).length < 2) return;
        set({ maximized: id, focused: id, focusRequest: get().focusRequest + 1 });
      },

      openTerminal(agent) {
        return place({ kind: 'terminal', agent }, terminalOf(agent));
      },

      previewTerminal(agent) {
        let n = 0;
        const { paneId, next } = placeContent(get(), { kind: 'terminal', agent }, terminalOf(agent), () => `${PREVIEW_ID}-${n++}`);
        return { root: next.root, maximized: next.maximized, paneId };
      },

      openEditor(file) {
        return place({ kind: 'editor', file }, (c) => c.kind === 'editor' && sameEditorTarget(c.file, file));
      },

      async flush() {
        if (saveTimer) {
          clearTimeout(saveTimer);
          saveTimer = undefined;
          await save();
        } else if (saving) {
          await saving;
        }
      },

      async saveNow() {
        cancelSave();
        await save();
      },

      dispose() {
        cancelSave();
        unsubscribe();
        stopHearing();
      },
    };

    function moveFocus(step: 1 | -1) {
      const { root, focused, maximized } = get();
      const id = neighbourPane(root, focused, step);
      if (!id) return;
      set({ focused: id, maximized: maximized ? id : undefined, focusRequest: get().focusRequest + 1 });
    }
  });

  function apply(layout: LayoutDto) {
    const root = layout.root;
    const focused = layout.focused && findPane(root, layout.focused) ? layout.focused : panesOf(root)[0]?.id;
    const maximized = layout.maximized && findPane(root, layout.maximized) ? layout.maximized : undefined;
    // A focus request, so the focused pane takes the keyboard as soon as it is drawn (a reload, an opened project).
    store.setState((s) => ({ root, focused, maximized, loaded: true, saveError: undefined, loadNote: undefined, focusRequest: s.focusRequest + 1 }));
  }

  function snapshot(state: LayoutState): LayoutDto {
    return {
      version: 1,
      root: state.root,
      ...(state.focused ? { focused: state.focused } : {}),
      ...(state.maximized ? { maximized: state.maximized } : {}),
    };
  }

  /** Saves the layout as it is now; asked while a save is in flight, it saves once more after it. */
  function save(): Promise<void> {
    if (saving) {
      saveAgain = true;
      return saving;
    }
    const run = async () => {
      let refused = 0;
      try {
        do {
          saveAgain = false;
          // A layout being switched away from (reset, not loaded yet) is never written over the new project's.
          if (!store.getState().loaded) break;
          const seq = loadSeq;
          const sent = editSeq;
          const response = await api.call('layout.save', { layout: snapshot(store.getState()), basedOn: revision, origin });
          // Closed or switched meanwhile: nothing in this answer is about the layout shown now.
          if (seq !== loadSeq) break;
          if (response.ok) {
            revision = response.value.revision;
            edits = edits.filter((edit) => edit.seq > sent);
            store.setState({ saveError: undefined });
            takeUpHeld();
          } else if (response.error.kind === 'layout-stale') {
            // Each refusal means another window saved in between; a window that never gets a turn says so rather than trying forever.
            if (++refused > MAX_REFUSED_SAVES) {
              store.setState({ saveError: 'The layout keeps changing in another window; this window\'s last change is not saved.' });
              break;
            }
            await takeUpNewest();
          } else {
            store.setState({ saveError: response.error.message });
          }
        } while (saveAgain);
      } finally {
        // Cleared in the same turn as the last answer is read: a change after it starts a new save.
        saving = undefined;
        takeUpHeld();
      }
    };
    // Started after `saving` is set, so `run` always clears what it set.
    saving = Promise.resolve().then(run);
    return saving;
  }

  function remember(edit: Edit) {
    const last = edits.at(-1);
    if (edit.key !== undefined && last?.key === edit.key) edits[edits.length - 1] = edit;
    else edits.push(edit);
    if (edits.length > MAX_EDITS) edits.splice(0, edits.length - MAX_EDITS);
  }

  /**
   * Shows the layout saved as `newRevision` (by another window, or the newest after a stale save),
   * with this window's unsaved edits made again over it, and saves the result if they changed it.
   * Focus and maximize stay this window's while their panes remain; focus moves (with the keyboard)
   * only when its pane went. A save waiting to go is dropped: the result is saved now instead.
   */
  function adopt(layout: LayoutDto, newRevision: number) {
    cancelSave();
    revision = newRevision;
    const state = store.getState();
    let mine: LayoutState = { ...state, root: layout.root };
    for (const edit of edits) {
      const patch = edit.redo(mine);
      if (patch && 'root' in patch) mine = { ...mine, root: patch.root ?? null };
    }
    const root = keepUnsaved(state, mine.root);
    const keepFocus = state.focused !== undefined && findPane(root, state.focused) !== undefined;
    const focused = keepFocus ? state.focused : layout.focused && findPane(root, layout.focused) ? layout.focused : panesOf(root)[0]?.id;
    const maximized = state.maximized && findPane(root, state.maximized) ? state.maximized : undefined;
    const dirty = Object.fromEntries(Object.entries(state.dirty).filter(([id]) => findPane(root, id))) as Record<string, true>;
    adopting = true;
    try {
      store.setState({ root, focused, maximized, dirty, saveError: undefined, focusRequest: state.focusRequest + (keepFocus ? 0 : 1) });
    } finally {
      adopting = false;
    }
    if (JSON.stringify(root) !== JSON.stringify(layout.root)) void save();
  }

  /**
   * `next` with this window's editors that hold unsaved text put back where another window's layout
   * took them away (closed, or given other content), and the user told which.
   */
  function keepUnsaved(state: LayoutState, next: LayoutNode | null): LayoutNode | null {
    const keep = panesOf(state.root).filter((pane) => {
      if (!state.dirty[pane.id]) return false;
      const there = findPane(next, pane.id);
      return !(there && !sameContent(there.content, pane.content) && tookBack.has(pane.id));
    });
    if (keep.length === 0) return next;
    const { root, kept } = keepPanes({ previous: state.root, next, keep, focused: state.focused, newPanes: state.newPanes, newId: freshIdIn });
    for (const pane of kept) if (findPane(next, pane.id)) tookBack.add(pane.id);
    const names = kept.flatMap((pane) => (pane.content.kind === 'editor' ? [editorDisplayName(pane.content.file)] : []));
    if (names.length > 0) options.onKept?.(`Kept ${listed(names)} open here: ${names.length === 1 ? 'it has' : 'they have'} unsaved changes.`);
    return root;
  }

  /** Takes up the newest layout.changed held while loading or saving, if it is newer than what is shown. */
  function takeUpHeld() {
    if (!store.getState().loaded) return;
    const event = held;
    held = undefined;
    if (event && event.revision > revision) adopt(event.layout, event.revision);
  }

  /** After a save refused as stale: reads the newest layout (or takes a newer one heard meanwhile) and takes it up. */
  async function takeUpNewest() {
    const seq = loadSeq;
    const response = await api.call('layout.get', {});
    if (seq !== loadSeq || !store.getState().loaded) return;
    if (!response.ok) {
      store.setState({ saveError: response.error.message });
      return;
    }
    const event = held;
    held = undefined;
    if (event && event.revision > response.value.revision) adopt(event.layout, event.revision);
    else adopt(response.value, response.value.revision);
  }

  const stopHearing = api.on('layout.changed', (event) => {
    if (event.origin === origin) return;
    if (!store.getState().loaded || saving) {
      if (!held || event.revision > held.revision) held = event;
      return;
    }
    if (event.revision > revision) adopt(event.layout, event.revision);
  });

  function cancelSave() {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = undefined;
  }

  const unsubscribe = store.subscribe((state, previous) => {
    if (adopting || !state.loaded || !previous.loaded) return;
    if (
      state.root === previous.root &&
      state.focused === previous.focused &&
      state.maximized === previous.maximized
    ) {
      return;
    }
    cancelSave();
    if (!samePanes(state.root, previous.root)) {
      void save();
      return;
    }
    saveTimer = setTimeout(() => {
      saveTimer = undefined;
      void save();
    }, saveDelayMs);
  });

  return store;
}

/** The two trees hold the same panes with the same contents (they may differ in ratios and shape). */
function samePanes(a: LayoutNode | null, b: LayoutNode | null): boolean {
  const left = panesOf(a);
  const right = panesOf(b);
  if (left.length !== right.length) return false;
  const contentOf = new Map(right.map((pane) => [pane.id, pane.content]));
  return left.every((pane) => contentOf.has(pane.id) && sameContent(pane.content, contentOf.get(pane.id)));
}

function sameContent(a: PaneContent, b: PaneContent | undefined): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function storedPlacement(storage: LayoutStoreOptions['storage']): NewPanePlacement {
  try {
    const stored = storage?.getItem(PLACEMENT_KEY);
    return NEW_PANE_PLACEMENTS.find((placement) => placement === stored) ?? 'grid';
  } catch {
    return 'grid';
  }
}
