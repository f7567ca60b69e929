import { describe, expect, it } from 'vitest';
import { takeToken, TOKEN_STORAGE_KEY } from './choose-api';

/** A Storage in memory, shaped like the browser's. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

function fakeWindow(href: string, sessionStorage: Storage = memoryStorage()) {
  const replaced: string[] = [];
  return {
    replaced,
    sessionStorage,
    location: { href } as Location,
    history: { state: { keep: 1 }, replaceState: (_state: unknown, _title: string, url: string) => void replaced.push(url) } as unknown as History,
  };
}

describe('takeToken', () => {
  it('reads the token and takes it out of the address bar, keeping the rest of the address', () => {
    const win = fakeWindow('http://127.0.0.1:4000/?bench=1&token=abc%2Fd#pane');
    expect(takeToken(win)).toBe('abc/d');
    expect(win.replaced).toEqual(['/?bench=1#pane']);
  });

  it('keeps the token in this tab’s sessionStorage, where a reload finds it', () => {
    const storage = memoryStorage();
    expect(takeToken(fakeWindow('http://127.0.0.1:4000/?token=abc', storage))).toBe('abc');
    expect(storage.getItem(TOKEN_STORAGE_KEY)).toBe('abc');
    const reloaded = fakeWindow('http://127.0.0.1:4000/', storage);
    expect(takeToken(reloaded)).toBe('abc');
    expect(reloaded.replaced).toEqual([]);
  });

  it('lets a new token in the address replace the one kept', () => {
    const storage = memoryStorage();
    takeToken(fakeWindow('http://127.0.0.1:4000/?token=old', storage));
    expect(takeToken(fakeWindow('http://127.0.0.1:4000/?token=new', storage))).toBe('new');
    expect(storage.getItem(TOKEN_STORAGE_KEY)).toBe('new');
  });

  it('gives no token to a page opened without one, in a tab that kept none', () => {
    expect(takeToken(fakeWindow('http://127.0.0.1:4000/'))).toBe('');
  });
});
