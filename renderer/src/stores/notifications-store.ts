import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SessionDto } from '../../../contract/contract';

/**
 * Notifications: when an agent needs input, finishes or fails while the user is
 * not looking at it, they hear about it: a toast in the app, a badge on its pane and its row, and a
 * desktop notification if they allowed it. Each kind can be turned off; the choice is kept in
 * localStorage (per browser / per desktop install, like the theme).
 */
export type NotificationKind = 'needs-input' | 'finished' | 'failed';
export const NOTIFICATION_KINDS: readonly NotificationKind[] = ['needs-input', 'finished', 'failed'];

export interface NotificationSettings {
  readonly 'needs-input': boolean;
  readonly finished: boolean;
  readonly failed: boolean;
  /** Also raise a system notification (the browser's Notification API), when permission is granted. */
  readonly desktop: boolean;
}

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = { 'needs-input': true, finished: true, failed: true, desktop: true };

export interface Toast {
  readonly id: number;
  readonly agent: string;
  readonly kind: NotificationKind | 'info';
  readonly title: string;
  readonly body: string;
  /** A permission request the toast offers to answer, and its session. */
  readonly approval?: { readonly sessionId: string; readonly id: string };
}

export interface NotificationsState {
  settings: NotificationSettings;
  /** Agents whose pane asks for the user's eyes, and why (cleared once they look). */
  attention: Record<string, NotificationKind>;
  toasts: Toast[];
  setSetting(key: keyof NotificationSettings, value: boolean): void;
  markAttention(agent: string, kind: NotificationKind): void;
  clearAttention(agent: string): void;
  pushToast(toast: Omit<Toast, 'id'>): number;
  dismissToast(id: number): void;
}

export const NOTIFICATION_SETTINGS_KEY = 'tessera.notifications';

/**
 * What a status change is worth telling, if anything. Only changes count: a status seen before (or a first
 * sighting) is not news. `settledBefore` says whether this session has already been quiet at a prompt once:
 * the first settle after a launch is the CLI coming up, not work finishing, so launching ten agents does not
 * raise ten "finished" notifications.
 */
export function notificationKindOf(previous: SessionDto | undefined, next: SessionDto, settledBefore = true): NotificationKind | undefined {
  if (!previous) return undefined;
  // An agent that says when it finished a turn (its Stop hook) is believed, and only then is it finished.
  if ((next.turnsEnded ?? 0) > (previous.turnsEnded ?? 0) && next.status !== 'needs-input') return 'finished';
  if (previous.status === next.status) return next.status === 'needs-input' && next.approval && next.approval.id !== previous.approval?.id ? 'needs-input' : undefined;
  if (next.status === 'needs-input') return 'needs-input';
  if (next.status === 'failed') return 'failed';
  if (next.statusSource === 'hooks' && next.status === 'idle') return undefined;
  // The end of a turn (busy, then quiet at its prompt) is what "finished" means to someone waiting on an agent.
  if (next.status === 'idle' && previous.status === 'busy') return settledBefore ? 'finished' : undefined;
  if (next.status === 'exited' && previous.status !== 'starting') return 'finished';
  return undefined;
}

/** Quiet when the user is looking at that agent: its pane focused in a focused, visible window. */
export function shouldNotify(kind: NotificationKind, settings: NotificationSettings, looking: { paneFocused: boolean; windowFocused: boolean }): boolean {
  if (!settings[kind]) return false;
  return !(looking.paneFocused && looking.windowFocused);
}

/** Whether the attention badge still says something true about the session now. */
export function attentionStillHolds(kind: NotificationKind, session: SessionDto | undefined): boolean {
  if (!session) return false;
  switch (kind) {
    case 'needs-input':
      return session.status === 'needs-input';
    case 'failed':
      return session.status === 'failed';
    case 'finished':
      return session.status === 'idle' || session.status === 'exited';
  }
}

export function notificationText(kind: NotificationKind, agentName: string, session: SessionDto): { title: string; body: string } {
  switch (kind) {
    case 'needs-input':
      return session.approval
        ? { title: `${agentName} asks to use ${session.approval.tool}`, body: session.approval.subject + (session.approval.omitted > 0 ? ` … (${session.approval.omitted} more characters)` : '') }
        : { title: `${agentName} needs input`, body: 'It is waiting for an answer at a prompt.' };
    case 'finished':
      return {
        title: `${agentName} finished`,
        // An end by a signal has no exit code of its own (the PTY reports 0): its reason tells it.
        body: session.status !== 'exited' ? 'It is idle at its prompt.' : session.reason ? `It was ${session.reason}.` : `It exited with code ${session.exitCode ?? 0}.`,
      };
    case 'failed':
      return { title: `${agentName} failed`, body: session.reason ? `It ${session.reason}.` : 'It stopped with an error.' };
  }
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

function loadSettings(storage: Storage | undefined): NotificationSettings {
  try {
    const raw = storage?.getItem(NOTIFICATION_SETTINGS_KEY);
    if (!raw) return DEFAULT_NOTIFICATION_SETTINGS;
    const parsed = JSON.parse(raw) as Record<string, unknown>;
    const out: Record<string, boolean> = { ...DEFAULT_NOTIFICATION_SETTINGS };
    // Stored text is untrusted: only known keys with boolean values are taken.
    for (const key of Object.keys(DEFAULT_NOTIFICATION_SETTINGS)) if (typeof parsed[key] === 'boolean') out[key] = parsed[key] as boolean;
    return out as unknown as NotificationSettings;
  } catch {
    return DEFAULT_NOTIFICATION_SETTINGS;
  }
}

const MAX_TOASTS = 5;

export function createNotificationsStore(storage: Storage | undefined): StoreApi<NotificationsState> {
  let nextId = 1;
  return createStore<NotificationsState>()((set, get) => ({
    settings: loadSettings(storage),
    attention: {},
    toasts: [],
    setSetting(key, value) {
      const settings = { ...get().settings, [key]: value };
      set({ settings });
      try {
        storage?.setItem(NOTIFICATION_SETTINGS_KEY, JSON.stringify(settings));
      } catch {
        // A full or blocked storage only loses the choice for the next visit.
      }
    },
    markAttention(agent, kind) {
      set((s) => ({ attention: { ...s.attention, [agent]: kind } }));
    },
    clearAttention(agent) {
      if (!(agent in get().attention)) return;
      set((s) => {
        const attention = { ...s.attention };
        delete attention[agent];
        return { attention };
      });
    },
    pushToast(toast) {
      const id = nextId++;
      // Newest last; the oldest fall off so a burst of ten agents does not cover the screen.
      set((s) => ({ toasts: [...s.toasts, { ...toast, id }].slice(-MAX_TOASTS) }));
      return id;
    },
    dismissToast(id) {
      set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
    },
  }));
}
