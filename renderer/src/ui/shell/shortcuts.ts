/**
 * The app's keyboard shortcuts. Chosen not to collide with what terminal programs use (Ctrl+letter,
 * Alt+letter, Ctrl+_ ...) nor with keys browsers keep for themselves (Ctrl+W, Ctrl+Shift+W, Ctrl+T).
 * Terminal panes let these through to the app (xterm's custom key handler).
 */
export type ShortcutId =
  | 'palette'
  | 'splitRight'
  | 'splitDown'
  | 'closePane'
  | 'focusNext'
  | 'focusPrevious'
  | 'maximize'
  | 'find'
  | 'save'
  | 'nextNeedsInput'
  | 'changes'
  | 'approve'
  | 'deny'
  | 'resources';

interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
const mod = (e: KeyLike) => (isMac ? e.metaKey : e.ctrlKey);
const MOD = isMac ? '⌘' : 'Ctrl';

export const SHORTCUTS: Record<ShortcutId, { label: string; description: string; match: (e: KeyLike) => boolean }> = {
  palette: {
    label: `${MOD}+Shift+P`,
    description: 'Command palette',
    match: (e) => (mod(e) && e.shiftKey && !e.altKey && e.code === 'KeyP') || (e.key === 'F1' && !e.ctrlKey && !e.altKey),
  },
  splitRight: {
    label: `${MOD}+Shift+\\`,
    description: 'Split right',
    match: (e) => mod(e) && e.shiftKey && !e.altKey && e.code === 'Backslash',
  },
  splitDown: {
    label: `${MOD}+Alt+\\`,
    description: 'Split down',
    match: (e) => mod(e) && e.altKey && !e.shiftKey && e.code === 'Backslash',
  },
  closePane: {
    label: 'Alt+Shift+W',
    description: 'Close pane',
    // Ctrl+Shift+W too where it reaches us (the desktop app); a browser keeps it to close its window.
    match: (e) =>
      e.shiftKey && e.code === 'KeyW' && ((e.altKey && !e.ctrlKey && !e.metaKey) || (mod(e) && !e.altKey)),
  },
  focusNext: {
    label: `${MOD}+Alt+→`,
    description: 'Focus next pane',
    match: (e) => mod(e) && e.altKey && !e.shiftKey && (e.key === 'ArrowRight' || e.key === 'ArrowDown'),
  },
  focusPrevious: {
    label: `${MOD}+Alt+←`,
    description: 'Focus previous pane',
    match: (e) => mod(e) && e.altKey && !e.shiftKey && (e.key === 'ArrowLeft' || e.key === 'ArrowUp'),
  },
  maximize: {
    label: `${MOD}+Shift+Enter`,
    description: 'Maximize or restore pane',
    match: (e) => mod(e) && e.shiftKey && !e.altKey && e.key === 'Enter',
  },
  find: {
    label: `${MOD}+F`,
    description: `Find in terminal (also ${MOD}+Shift+F)`,
    // Ctrl+F as in VS Code's terminal, though readline binds it to "forward a character":
    // the find bar is what users reach for first. Ctrl+Shift+F stays for those who want Ctrl+F in readline habits.
    match: (e) => mod(e) && !e.altKey && e.code === 'KeyF',
  },
  changes: {
    label: 'Alt+Shift+C',
    description: 'Show the changes of the focused agent',
    match: (e) => e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyC',
  },
  nextNeedsInput: {
    label: 'Alt+Shift+N',
    description: 'Go to next agent needing input',
    // Alt+Shift like Close pane: terminal programs rarely bind Meta+Shift letters, browsers never do.
    match: (e) => e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyN',
  },
  approve: {
    label: 'Alt+Shift+A',
    description: 'Approve the permission request of the focused agent',
    match: (e) => e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyA',
  },
  deny: {
    label: 'Alt+Shift+D',
    description: 'Deny the permission request of the focused agent',
    match: (e) => e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyD',
  },
  resources: {
    label: 'Alt+Shift+R',
    description: 'Resources: what each running agent uses',
    // Alt+Shift like Close pane; Shift+Esc, a browser's own task manager, never reaches a page.
    match: (e) => e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyR',
  },
  save: {
    label: `${MOD}+S`,
    description: 'Save the file in the editor',
    match: (e) => mod(e) && !e.shiftKey && !e.altKey && e.code === 'KeyS',
  },
};

/** The app-level shortcut an event means, if any (find and save belong to their pane). */
export function appShortcutOf(e: KeyLike): ShortcutId | undefined {
  for (const id of ['palette', 'splitRight', 'splitDown', 'closePane', 'focusNext', 'focusPrevious', 'maximize', 'nextNeedsInput', 'approve', 'deny', 'resources'] as const) {
    if (SHORTCUTS[id].match(e)) return id;
  }
  return undefined;
}

export const titleWith = (text: string, id: ShortcutId) => `${text} (${SHORTCUTS[id].label})`;
