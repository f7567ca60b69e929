import { describe, expect, it } from 'vitest';
import { matchesQuery } from './CommandPalette';
import { fieldOfAgentError } from './NewAgentDialog';
import { appShortcutOf, SHORTCUTS } from './shortcuts';
import { createThemeStore } from '../theme';

const key = (over: Partial<{ key: string; code: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }>) => ({
  key: '', code: '', ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...over,
});

describe('command palette filter', () => {
  it('matches every typed word anywhere in the label, ignoring case', () => {
    expect(matchesQuery('Launch Reviewer', 'rev launch')).toBe(true);
    expect(matchesQuery('Launch Reviewer', 'LAUNCH')).toBe(true);
    expect(matchesQuery('Launch Reviewer', 'launch builder')).toBe(false);
    expect(matchesQuery('Split right', '')).toBe(true);
  });
});

describe('new agent errors', () => {
  it('puts each error kind under the field it is about', () => {
    expect(fieldOfAgentError({ kind: 'agent-exists', message: '' })).toBe('name');
    expect(fieldOfAgentError({ kind: 'agent-name-invalid', message: '' })).toBe('name');
    expect(fieldOfAgentError({ kind: 'profile-not-found', message: '' })).toBe('profile');
    expect(fieldOfAgentError({ kind: 'skill-not-found', message: '' })).toBe('skills');
    expect(fieldOfAgentError({ kind: 'internal', message: '' })).toBe('form');
  });
});

describe('keyboard shortcuts', () => {
  it('claims the app shortcuts', () => {
    expect(appShortcutOf(key({ ctrlKey: true, shiftKey: true, code: 'KeyP', key: 'P' }))).toBe('palette');
    expect(appShortcutOf(key({ ctrlKey: true, shiftKey: true, code: 'Backslash', key: '|' }))).toBe('splitRight');
    expect(appShortcutOf(key({ ctrlKey: true, altKey: true, code: 'Backslash', key: '\\' }))).toBe('splitDown');
    expect(appShortcutOf(key({ altKey: true, shiftKey: true, code: 'KeyW', key: 'W' }))).toBe('closePane');
    expect(appShortcutOf(key({ ctrlKey: true, altKey: true, key: 'ArrowRight' }))).toBe('focusNext');
    expect(appShortcutOf(key({ ctrlKey: true, shiftKey: true, key: 'Enter' }))).toBe('maximize');
  });

  it('leaves the keys terminal programs use to the terminal', () => {
    for (const k of [
      key({ ctrlKey: true, code: 'KeyC', key: 'c' }),
      key({ ctrlKey: true, code: 'KeyW', key: 'w' }),
      key({ ctrlKey: true, code: 'KeyF', key: 'f' }),
      key({ ctrlKey: true, code: 'Backslash', key: '\\' }),
      key({ ctrlKey: true, shiftKey: true, code: 'Minus', key: '_' }),
      key({ altKey: true, key: 'ArrowLeft' }),
      key({ key: 'Enter' }),
    ]) {
      expect(appShortcutOf(k)).toBeUndefined();
    }
  });

  it('opens find in a terminal on Ctrl+F as VS Code does, and on Ctrl+Shift+F as before', () => {
    expect(SHORTCUTS.find.match(key({ ctrlKey: true, code: 'KeyF', key: 'f' }))).toBe(true);
    expect(SHORTCUTS.find.match(key({ ctrlKey: true, shiftKey: true, code: 'KeyF', key: 'F' }))).toBe(true);
    expect(SHORTCUTS.find.match(key({ ctrlKey: true, altKey: true, code: 'KeyF', key: 'f' }))).toBe(false);
    expect(SHORTCUTS.find.match(key({ code: 'KeyF', key: 'f' }))).toBe(false);
  });
});

describe('theme', () => {
  it('is dark by default, and a toggle persists and applies the other theme', () => {
    const saved = new Map<string, string>();
    const storage = { getItem: (k: string) => saved.get(k) ?? null, setItem: (k: string, v: string) => void saved.set(k, v) };
    const root = { dataset: {} as Record<string, string>, style: {} as Record<string, string> } as unknown as HTMLElement;
    const theme = createThemeStore(storage, root);
    expect(theme.getState().theme).toBe('dark');
    theme.getState().toggle();
    expect(root.dataset.theme).toBe('light');
    expect(createThemeStore(storage, undefined).getState().theme).toBe('light');
  });
});
