import { createStore, type StoreApi } from 'zustand/vanilla';

export type ThemeName = 'dark' | 'light';

export interface ThemeState {
  theme: ThemeName;
  toggle(): void;
  set(theme: ThemeName): void;
}

const KEY = 'tessera.theme';

type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

/** Dark by default; the choice persists per browser profile and is applied as `data-theme` on <html>. */
export function createThemeStore(storage: StorageLike | undefined, root: HTMLElement | undefined): StoreApi<ThemeState> {
  const read = (): ThemeName => {
    try {
      return storage?.getItem(KEY) === 'light' ? 'light' : 'dark';
    } catch {
      return 'dark';
    }
  };
  const apply = (theme: ThemeName) => {
    if (root) {
      root.dataset.theme = theme;
      root.style.colorScheme = theme;
    }
    try {
      storage?.setItem(KEY, theme);
    } catch {
      // Storage can be unavailable (private mode, file:// quirks); the theme then lasts for this page only.
    }
  };
  const store = createStore<ThemeState>()((set, get) => ({
    theme: read(),
    toggle: () => get().set(get().theme === 'dark' ? 'light' : 'dark'),
    set: (theme) => {
      apply(theme);
      set({ theme });
    },
  }));
  apply(store.getState().theme);
  return store;
}

/** Reads a CSS custom property of the current theme (xterm.js needs concrete colours, not var()). */
export function cssVar(name: string, fallback: string): string {
  if (typeof document === 'undefined') return fallback;
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}
