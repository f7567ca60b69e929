import { describe, expect, it } from 'vitest';
import { bannerText } from './ConnectionBanner';

describe('the connection banner', () => {
  it('never tells the user the agents keep running while the server cannot be reached', () => {
    for (const state of ['reconnecting', 'closed'] as const) {
      for (const problem of [undefined, { kind: 'unreachable' } as const, { kind: 'not-tessera' } as const, { kind: 'token-refused' } as const]) {
        expect(bannerText(state, problem)).not.toMatch(/keep running/i);
      }
    }
  });

  it('says what to do: start the server at the same address, open the new address, or reload for a new version', () => {
    expect(bannerText('reconnecting', { kind: 'unreachable' })).toMatch(/stopped with it.*Retrying.*`tessera web`.*same address/);
    expect(bannerText('closed', { kind: 'token-refused' })).toMatch(/Open the address `tessera web` prints; this page stops retrying/);
    expect(bannerText('closed', { kind: 'version-changed', was: '1.0.0', now: '2.0.0' })).toBe(
      'The Tessera server now runs version 2.0.0; this page was made for 1.0.0. Reload the page to go on.',
    );
    expect(bannerText('open', { kind: 'restarted' })).toMatch(/restarted: the agents that ran in the old one stopped/);
  });

  it('shows nothing while connected', () => {
    expect(bannerText('open', undefined)).toBeUndefined();
    expect(bannerText('connecting', undefined)).toBeUndefined();
  });
});
