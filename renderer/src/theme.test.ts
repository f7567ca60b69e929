import { describe, expect, it } from 'vitest';
import { createThemeStore } from './theme';

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
