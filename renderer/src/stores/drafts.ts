import { sameEditorTarget, type EditorTarget } from '../layout/layout-tree';

const DRAFTS_KEY = 'tessera.drafts';

/** More drafts than a user leaves behind; past it the oldest go. */
export const MAX_DRAFTS = 20;

/** The longest text kept as a draft, in characters (a persona or skill file is a few kilobytes). */
export const MAX_DRAFT_CHARS = 200_000;

interface Draft {
  readonly root: string;
  readonly file: EditorTarget;
  readonly text: string;
}

/** Reads the text an open editor holds, while it is open. */
type TextReader = () => string;

export interface Drafts {
  /** Lets the drafts read the unsaved text of the editor in pane `paneId`; returns the undo. */
  track(paneId: string, read: TextReader): () => void;
  /** The text the editor in pane `paneId` holds now, if it is open. */
  textOf(paneId: string): string | undefined;
  /** Keeps `text` as the draft of `file` in the project at `root`; false when it is too large or storage refuses it. */
  keep(root: string, file: EditorTarget, text: string): boolean;
  /** The draft kept for `file` in the project at `root`. */
  find(root: string, file: EditorTarget): string | undefined;
  /** Forgets the draft of `file` in the project at `root` (restored or discarded). */
  drop(root: string, file: EditorTarget): void;
}

/**
 * Unsaved editor text kept across a project switch, in the browser's storage (it survives a reload).
 * A draft holds only what the user typed into an editor, under the project root and file it was typed
 * for; it is written only when the project changes under an editor with unsaved text, and removed when
 * the user restores or discards it, or when it is the oldest past MAX_DRAFTS. A draft is never written
 * to disk: restoring puts it back into the editor as unsaved text, and the user saves it or not.
 */
export function createDrafts(storage: Pick<Storage, 'getItem' | 'setItem'> | undefined): Drafts {
  const readers = new Map<string, TextReader>();
  const sameFile = (draft: Draft, root: string, file: EditorTarget) => draft.root === root && sameEditorTarget(draft.file, file);

  const read = (): Draft[] => {
    try {
      const parsed: unknown = JSON.parse(storage?.getItem(DRAFTS_KEY) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter(isDraft) : [];
    } catch {
      return [];
    }
  };

  const write = (drafts: readonly Draft[]): boolean => {
    if (!storage) return false;
    try {
      storage.setItem(DRAFTS_KEY, JSON.stringify(drafts));
      return true;
    } catch {
      // Storage full or refused.
      return false;
    }
  };

  return {
    track(paneId, reader) {
      readers.set(paneId, reader);
      return () => {
        if (readers.get(paneId) === reader) readers.delete(paneId);
      };
    },
    textOf(paneId) {
      return readers.get(paneId)?.();
    },
    keep(root, file, text) {
      if (text.length > MAX_DRAFT_CHARS) return false;
      const others = read().filter((draft) => !sameFile(draft, root, file));
      return write([...others, { root, file, text }].slice(-MAX_DRAFTS));
    },
    find(root, file) {
      return read().find((draft) => sameFile(draft, root, file))?.text;
    },
    drop(root, file) {
      const drafts = read();
      const left = drafts.filter((draft) => !sameFile(draft, root, file));
      if (left.length !== drafts.length) write(left);
    },
  };
}

/** Storage is shared with whatever else ran on this origin: only well-formed drafts are read. */
function isDraft(value: unknown): value is Draft {
  if (typeof value !== 'object' || value === null) return false;
  const draft = value as Record<string, unknown>;
  const file = draft['file'] as Record<string, unknown> | null | undefined;
  return (
    typeof draft['root'] === 'string' &&
    typeof draft['text'] === 'string' &&
    typeof file === 'object' &&
    file !== null &&
    ((file['kind'] === 'agent' && typeof file['slug'] === 'string') ||
      (file['kind'] === 'skill' && typeof file['name'] === 'string' && (file['scope'] === 'project' || file['scope'] === 'global')))
  );
}
