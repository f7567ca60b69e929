import { describe, expect, it } from 'vitest';
import { takeToken } from './choose-api';

function fakeWindow(href: string) {
  const replaced: string[] = [];
  return {
    replaced,
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

  it('leaves an address without a token alone (a reload, where the cookie carries it)', () => {
    const win = fakeWindow('http://127.0.0.1:4000/');
    expect(takeToken(win)).toBe('');
    expect(win.replaced).toEqual([]);
  });
});
