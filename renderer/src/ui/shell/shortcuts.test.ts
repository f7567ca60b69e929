import { describe, expect, it } from 'vitest';
import { appShortcutOf, SHORTCUTS } from './shortcuts';

const key = (over: Partial<{ key: string; code: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }>) => ({
  key: '', code: '', ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...over,
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
