import { describe, expect, it } from 'vitest';
import type { SessionDto } from '../../../contract/contract';
import { FakeApi } from '../testing/fake-api';
import { createAgentsStore } from './agents-store';
import { createLayoutStore } from './layout-store';
import {
  createNotificationsStore,
  DEFAULT_NOTIFICATION_SETTINGS,
  NOTIFICATION_SETTINGS_KEY,
  notificationKindOf,
  notificationText,
  shouldNotify,
} from './notifications-store';
import { nextAgentNeedingInput, startNotifier, type NotifierEnvironment } from './notifier';
import { createSessionsStore, ungated } from './sessions-store';

const session = (id: string, agent: string, status: SessionDto['status'], extra: Partial<SessionDto> = {}): SessionDto => ({
  id, agent, agentName: agent[0]!.toUpperCase() + agent.slice(1), profile: 'fake', pid: 10, cwd: '/p', status, startedAt: 1,
  cols: 80, rows: 24, missingSkills: [], ...extra,
});

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

describe('which status changes are worth a notification', () => {
  it('tells needs-input, failed, the end of a busy turn and an exit, and nothing else', () => {
    expect(notificationKindOf(session('s', 'a', 'busy'), session('s', 'a', 'needs-input'))).toBe('needs-input');
    expect(notificationKindOf(session('s', 'a', 'needs-input'), session('s', 'a', 'failed'))).toBe('failed');
    expect(notificationKindOf(session('s', 'a', 'busy'), session('s', 'a', 'idle'))).toBe('finished');
    expect(notificationKindOf(session('s', 'a', 'idle'), session('s', 'a', 'exited'))).toBe('finished');
    expect(notificationKindOf(session('s', 'a', 'starting'), session('s', 'a', 'idle'))).toBeUndefined();
    // The first settle after a launch is the CLI coming up at its prompt, not a finished turn.
    expect(notificationKindOf(session('s', 'a', 'busy'), session('s', 'a', 'idle'), false)).toBeUndefined();
    expect(notificationKindOf(session('s', 'a', 'busy'), session('s', 'a', 'needs-input'), false)).toBe('needs-input');
    expect(notificationKindOf(session('s', 'a', 'starting'), session('s', 'a', 'busy'))).toBeUndefined();
    expect(notificationKindOf(session('s', 'a', 'needs-input'), session('s', 'a', 'needs-input'))).toBeUndefined();
    // A session first seen already waiting (a reload) is not news.
    expect(notificationKindOf(undefined, session('s', 'a', 'needs-input'))).toBeUndefined();
  });

  it("takes 'finished' from the agent's own Stop when its hooks report, never from a quiet screen", () => {
    const hooks = { statusSource: 'hooks' as const, profile: 'claude' };
    expect(notificationKindOf(session('s', 'a', 'busy', { ...hooks, turnsEnded: 0 }), session('s', 'a', 'idle', { ...hooks, turnsEnded: 1 }))).toBe('finished');
    // The Stop may land while the status stays idle (the pane never looked busy): still a finished turn.
    expect(notificationKindOf(session('s', 'a', 'idle', { ...hooks, turnsEnded: 1 }), session('s', 'a', 'idle', { ...hooks, turnsEnded: 2 }))).toBe('finished');
    expect(notificationKindOf(session('s', 'a', 'busy', hooks), session('s', 'a', 'idle', hooks))).toBeUndefined();
  });

  it('tells each new permission request, even while the agent already waits on another', () => {
    const asking = (id: string) => session('s', 'a', 'needs-input', { approval: { id, tool: 'Bash', subject: 'ls', omitted: 0, answer: 'hook' } });
    expect(notificationKindOf(asking('r1'), asking('r2'))).toBe('needs-input');
    expect(notificationKindOf(asking('r1'), asking('r1'))).toBeUndefined();
    expect(notificationText('needs-input', 'Coder', asking('r1'))).toEqual({ title: 'Coder asks to use Bash', body: 'ls' });
  });

  it('says how a finished agent ended: its exit code, or the signal that stopped it', () => {
    expect(notificationText('finished', 'Builder', session('s1', 'builder', 'exited', { exitCode: 0 })).body).toBe('It exited with code 0.');
    expect(notificationText('finished', 'Builder', session('s1', 'builder', 'exited', { reason: 'killed by signal 1' })).body).toBe('It was killed by signal 1.');
    expect(notificationText('finished', 'Builder', session('s1', 'builder', 'idle')).body).toBe('It is idle at its prompt.');
  });

  it('stays quiet only when the pane is focused in a focused window, and when the kind is turned off', () => {
    const on = DEFAULT_NOTIFICATION_SETTINGS;
    expect(shouldNotify('needs-input', on, { paneFocused: true, windowFocused: true })).toBe(false);
    expect(shouldNotify('needs-input', on, { paneFocused: false, windowFocused: true })).toBe(true);
    expect(shouldNotify('needs-input', on, { paneFocused: true, windowFocused: false })).toBe(true);
    expect(shouldNotify('finished', { ...on, finished: false }, { paneFocused: false, windowFocused: false })).toBe(false);
    expect(shouldNotify('failed', { ...on, finished: false }, { paneFocused: false, windowFocused: false })).toBe(true);
  });
});

describe('notification settings', () => {
  it('are kept in storage and read back by the next store', () => {
    const storage = new MemoryStorage();
    createNotificationsStore(storage).getState().setSetting('finished', false);
    expect(createNotificationsStore(storage).getState().settings).toEqual({ ...DEFAULT_NOTIFICATION_SETTINGS, finished: false });
  });

  it('ignore stored text that is not what they wrote', () => {
    const storage = new MemoryStorage();
    storage.setItem(NOTIFICATION_SETTINGS_KEY, '{"failed":"no","desktop":false,"evil":true}');
    expect(createNotificationsStore(storage).getState().settings).toEqual({ ...DEFAULT_NOTIFICATION_SETTINGS, desktop: false });
    storage.setItem(NOTIFICATION_SETTINGS_KEY, 'not json');
    expect(createNotificationsStore(storage).getState().settings).toEqual(DEFAULT_NOTIFICATION_SETTINGS);
  });
});

function world(options: { windowFocused?: boolean } = {}) {
  const api = new FakeApi();
  let ids = 0;
  const sessions = createSessionsStore(api, { launchGate: ungated });
  const layout = createLayoutStore(api, { newId: () => `p${++ids}`, saveDelayMs: 60_000 });
  const agents = createAgentsStore(api);
  const notifications = createNotificationsStore(new MemoryStorage());
  const desktop: Array<{ title: string; body: string; onClick: () => void }> = [];
  const focusListeners = new Set<() => void>();
  const state = { windowFocused: options.windowFocused ?? true };
  const env: NotifierEnvironment = {
    windowFocused: () => state.windowFocused,
    onWindowFocus: (listener) => {
      focusListeners.add(listener);
      return () => focusListeners.delete(listener);
    },
    desktop: (n) => {
      desktop.push(n);
      return true;
    },
  };
  const stop = startNotifier({ sessions, layout, agents, notifications, env });
  const push = (s: SessionDto) => api.emit('sessions.changed', s);
  return { api, sessions, layout, notifications, desktop, state, stop, push, focusWindow: () => focusListeners.forEach((l) => l()) };
}

describe('the notifier', () => {
  it('raises a toast, a badge and a desktop notification when an unfocused agent needs input', () => {
    const { layout, notifications, desktop, push } = world();
    layout.getState().openTerminal('builder');
    layout.getState().openTerminal('flaky');
    layout.getState().openTerminal('builder');
    push(session('s1', 'flaky', 'busy'));
    push(session('s1', 'flaky', 'needs-input'));
    expect(notifications.getState().attention).toEqual({ flaky: 'needs-input' });
    expect(notifications.getState().toasts.map((t) => t.title)).toEqual(['Flaky needs input']);
    expect(desktop.map((d) => d.title)).toEqual(['Flaky needs input']);
    // Clicking the notification brings the user to the agent's pane.
    desktop[0]!.onClick();
    const focused = layout.getState().focused;
    expect(focused && JSON.stringify(layout.getState().root)).toContain('"agent":"flaky"');
  });

  it('is quiet while the agent pane is focused in a focused window', () => {
    const { layout, notifications, desktop, push } = world();
    layout.getState().openTerminal('flaky');
    push(session('s1', 'flaky', 'busy'));
    push(session('s1', 'flaky', 'needs-input'));
    push(session('s1', 'flaky', 'failed', { exitCode: 1, reason: 'exited with code 1' }));
    expect(notifications.getState().toasts).toEqual([]);
    expect(desktop).toEqual([]);
  });

  it('speaks up for the focused pane when the window itself is not focused, and clears the badge once the window is', () => {
    const { layout, notifications, state, push, focusWindow } = world({ windowFocused: false });
    layout.getState().openTerminal('flaky');
    push(session('s1', 'flaky', 'busy'));
    push(session('s1', 'flaky', 'failed', { exitCode: 1, reason: 'exited with code 1' }));
    expect(notifications.getState().toasts.map((t) => [t.title, t.body])).toEqual([['Flaky failed', 'It exited with code 1.']]);
    expect(notifications.getState().attention).toEqual({ flaky: 'failed' });
    state.windowFocused = true;
    focusWindow();
    expect(notifications.getState().attention).toEqual({});
  });

  it('follows the per-kind settings, and leaves the desktop out when that is off', () => {
    const { notifications, desktop, push } = world();
    notifications.getState().setSetting('needs-input', false);
    notifications.getState().setSetting('desktop', false);
    push(session('s1', 'flaky', 'busy'));
    push(session('s1', 'flaky', 'needs-input'));
    expect(notifications.getState().toasts).toEqual([]);
    push(session('s1', 'flaky', 'failed'));
    expect(notifications.getState().toasts.map((t) => t.kind)).toEqual(['failed']);
    expect(desktop).toEqual([]);
  });

  it('clears a badge when the user focuses the pane or when the agent moved on', () => {
    const { layout, notifications, push } = world();
    const flakyPane = layout.getState().openTerminal('flaky');
    layout.getState().openTerminal('builder');
    push(session('s1', 'flaky', 'busy'));
    push(session('s1', 'flaky', 'needs-input'));
    push(session('s2', 'builder', 'busy'));
    layout.getState().focus(layout.getState().openTerminal('other'));
    push(session('s2', 'builder', 'needs-input'));
    expect(notifications.getState().attention).toEqual({ flaky: 'needs-input', builder: 'needs-input' });
    layout.getState().focus(flakyPane);
    expect(notifications.getState().attention).toEqual({ builder: 'needs-input' });
    // Someone answered the prompt from elsewhere: the badge would now be a lie.
    push(session('s2', 'builder', 'busy'));
    expect(notifications.getState().attention).toEqual({});
  });

  it('does not call an agent coming up at its prompt "finished", only a later turn that ends', () => {
    const { notifications, push } = world();
    push(session('s1', 'builder', 'busy'));
    push(session('s1', 'builder', 'idle'));
    expect(notifications.getState().toasts).toEqual([]);
    push(session('s1', 'builder', 'busy'));
    push(session('s1', 'builder', 'idle'));
    expect(notifications.getState().toasts.map((t) => t.title)).toEqual(['Builder finished']);
  });

  it('says nothing about an old session of an agent that was relaunched', () => {
    const { notifications, push } = world();
    push(session('new', 'flaky', 'busy', { startedAt: 5 }));
    push(session('old', 'flaky', 'busy', { startedAt: 1 }));
    push(session('old', 'flaky', 'failed', { startedAt: 1 }));
    expect(notifications.getState().toasts).toEqual([]);
  });
});

describe('go to next agent needing input', () => {
  const state = (list: SessionDto[]) => ({ byId: Object.fromEntries(list.map((s) => [s.id, s])), order: list.map((s) => s.id) });

  it('cycles through the waiting agents in list order, starting after the current one', () => {
    const sessions = state([session('1', 'a', 'needs-input'), session('2', 'b', 'busy'), session('3', 'c', 'needs-input')]);
    expect(nextAgentNeedingInput(sessions, ['a', 'b', 'c'], undefined)).toBe('a');
    expect(nextAgentNeedingInput(sessions, ['a', 'b', 'c'], 'a')).toBe('c');
    expect(nextAgentNeedingInput(sessions, ['a', 'b', 'c'], 'b')).toBe('c');
    expect(nextAgentNeedingInput(sessions, ['a', 'b', 'c'], 'c')).toBe('a');
  });

  it('finds none when no agent waits, and uses only the newest session of each agent', () => {
    expect(nextAgentNeedingInput(state([session('1', 'a', 'busy')]), ['a'], undefined)).toBeUndefined();
    const relaunched = state([session('old', 'a', 'needs-input', { startedAt: 1 }), session('new', 'a', 'starting', { startedAt: 2 })]);
    expect(nextAgentNeedingInput(relaunched, ['a'], undefined)).toBeUndefined();
  });
});
