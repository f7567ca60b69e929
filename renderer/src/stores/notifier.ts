import type { StoreApi } from 'zustand/vanilla';
import { findPane } from '../layout/layout-tree';
import type { AgentsState } from './agents-store';
import type { LayoutState } from './layout-store';
import {
  attentionStillHolds,
  notificationKindOf,
  notificationText,
  shouldNotify,
  type NotificationsState,
} from './notifications-store';
import { latestSession, type SessionsState } from './sessions-store';

/** The parts of the browser the notifier needs, so tests can say whether the window has focus. */
export interface NotifierEnvironment {
  /** The window is focused and visible (document.hasFocus() and not hidden). */
  windowFocused(): boolean;
  /** Calls back when the window gains focus. Returns the unsubscribe. */
  onWindowFocus(listener: () => void): () => void;
  /** A system notification; `onClick` brings the user to the agent. False if it could not be shown (no permission). */
  desktop(notification: { title: string; body: string; tag: string; onClick: () => void }): boolean;
}

export interface NotifierDeps {
  readonly sessions: StoreApi<SessionsState>;
  readonly layout: StoreApi<LayoutState>;
  readonly agents: StoreApi<AgentsState>;
  readonly notifications: StoreApi<NotificationsState>;
  readonly env: NotifierEnvironment;
}

/** The agent whose terminal is in the focused pane, if any. */
export function focusedAgent(layout: Pick<LayoutState, 'root' | 'focused'>): string | undefined {
  if (!layout.focused) return undefined;
  const content = findPane(layout.root, layout.focused)?.content;
  return content?.kind === 'terminal' ? content.agent : undefined;
}

/**
 * "Go to next agent needing input": the next agent, after `current` in the agent list and wrapping
 * around, whose newest session is at a needs-input prompt. undefined when none is.
 */
export function nextAgentNeedingInput(sessions: Pick<SessionsState, 'byId' | 'order'>, agentOrder: readonly string[], current: string | undefined): string | undefined {
  const known = new Set(agentOrder);
  // Sessions of agents the list does not (yet) show still count, after the listed ones.
  const extra = sessions.order.map((id) => sessions.byId[id]?.agent).filter((a): a is string => !!a && !known.has(a));
  const order = [...agentOrder, ...new Set(extra)];
  const waiting = order.filter((agent) => latestSession(sessions, agent)?.status === 'needs-input');
  if (waiting.length === 0) return undefined;
  const at = current === undefined ? -1 : order.indexOf(current);
  return waiting.find((agent) => order.indexOf(agent) > at) ?? waiting[0];
}

/** Brings the user to an agent: its terminal pane focused (opened if closed). */
export function goToAgent(layout: StoreApi<LayoutState>, agent: string): void {
  layout.getState().openTerminal(agent);
}

/**
 * Watches session statuses and raises notifications (toast, attention badge, desktop) for the
 * changes worth telling, unless the user is looking at that agent. Attention badges clear when the
 * user focuses the agent's pane or when what they said is no longer true. Returns the stop function.
 */
export function startNotifier(deps: NotifierDeps): () => void {
  const { sessions, layout, agents, notifications, env } = deps;

  const clearLookedAt = () => {
    if (!env.windowFocused()) return;
    const agent = focusedAgent(layout.getState());
    if (agent) notifications.getState().clearAttention(agent);
  };

  /** Sessions that have been quiet at a prompt at least once (their next busy -> idle is a finished turn). */
  const settled = new Set<string>();

  const offSessions = sessions.subscribe((state, previous) => {
    const looking = focusedAgent(layout.getState());
    const windowFocused = env.windowFocused();
    for (const id of state.order) {
      const session = state.byId[id];
      if (!session || session === previous.byId[id]) continue;
      // An older session of an agent that was relaunched is history, not news.
      if (latestSession(state, session.agent)?.id !== id) continue;
      const settledBefore = settled.has(id);
      if (session.status === 'idle' || session.status === 'needs-input') settled.add(id);
      const kind = notificationKindOf(previous.byId[id], session, settledBefore);
      if (!kind) continue;
      const store = notifications.getState();
      if (!shouldNotify(kind, store.settings, { paneFocused: looking === session.agent, windowFocused })) continue;
      const name = agents.getState().byId[session.agent]?.name ?? session.agentName;
      const text = notificationText(kind, name, session);
      store.markAttention(session.agent, kind);
      store.pushToast({ agent: session.agent, kind, ...text, ...(kind === 'needs-input' && session.approval ? { approval: { sessionId: session.id, id: session.approval.id } } : {}) });
      if (store.settings.desktop) {
        env.desktop({ ...text, tag: `tessera-${session.agent}`, onClick: () => goToAgent(layout, session.agent) });
      }
    }
    for (const [agent, kind] of Object.entries(notifications.getState().attention)) {
      if (!attentionStillHolds(kind, latestSession(state, agent))) notifications.getState().clearAttention(agent);
    }
  });

  const offLayout = layout.subscribe((state, previous) => {
    if (state.focused !== previous.focused || state.root !== previous.root) clearLookedAt();
  });
  const offFocus = env.onWindowFocus(clearLookedAt);

  return () => {
    offSessions();
    offLayout();
    offFocus();
  };
}

/** The real browser: document focus and visibility, and the Notification API when permission was given. */
export function browserNotifierEnvironment(): NotifierEnvironment {
  return {
    windowFocused: () => document.hasFocus() && document.visibilityState !== 'hidden',
    onWindowFocus: (listener) => {
      window.addEventListener('focus', listener);
      return () => window.removeEventListener('focus', listener);
    },
    desktop: ({ title, body, tag, onClick }) => {
      if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return false;
      try {
        const notification = new Notification(title, { body, tag });
        notification.onclick = () => {
          window.focus();
          onClick();
          notification.close();
        };
        return true;
      } catch {
        // Some browsers only allow notifications from a service worker; the toast still tells the user.
        return false;
      }
    },
  };
}

/** Asks for permission to show system notifications; must run inside a user gesture (a click). */
export async function requestDesktopPermission(): Promise<NotificationPermission | 'unsupported'> {
  if (typeof Notification === 'undefined') return 'unsupported';
  if (Notification.permission !== 'default') return Notification.permission;
  return Notification.requestPermission();
}

export function desktopPermission(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}
