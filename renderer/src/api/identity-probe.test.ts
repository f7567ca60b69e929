import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchIdentityProbe, hmacHex } from './identity-probe';

const TOKEN = 'the-page-token';
const identity = { app: '1.0.0', protocol: 1, pid: 42, startedAt: 1 };

interface Seen {
  readonly url: string;
  readonly authorization: string | undefined;
}

/** A stand-in for whatever answers at the page's address, recording every request it gets. */
function answering(answer: (url: URL, authorization: string | undefined) => Promise<{ status: number; body: unknown }>): Seen[] {
  const seen: Seen[] = [];
  vi.stubGlobal('fetch', async (input: string, init?: { headers?: Record<string, string> }) => {
    const authorization = init?.headers?.authorization;
    seen.push({ url: input, authorization });
    const { status, body } = await answer(new URL(input), authorization);
    return { ok: status >= 200 && status < 300, status, json: async () => body };
  });
  return seen;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the identity probe', () => {
  it('never shows the token to a program that took the server’s port and cannot prove it holds the token', async () => {
    const seen = answering(async () => ({ status: 200, body: { proof: 'f'.repeat(64) } }));
    expect(await fetchIdentityProbe('http://127.0.0.1:4000/', TOKEN)()).toEqual({ kind: 'token-refused' });
    expect(seen.map((request) => request.authorization)).toEqual([undefined]);
    expect(seen.every((request) => !request.url.includes(TOKEN))).toBe(true);
  });

  it('calls a program that answers no proof another program, and still shows it nothing', async () => {
    const seen = answering(async () => ({ status: 404, body: 'not found' }));
    expect(await fetchIdentityProbe('http://127.0.0.1:4000/', TOKEN)()).toEqual({ kind: 'not-tessera' });
    expect(seen.map((request) => request.authorization)).toEqual([undefined]);
  });

  it('asks a server that proved it holds the token who it is, with the token as a bearer credential', async () => {
    const seen = answering(async (url, authorization) => {
      const nonce = url.searchParams.get('nonce');
      if (nonce) return { status: 200, body: { proof: await hmacHex(TOKEN, nonce) } };
      return authorization === `Bearer ${TOKEN}` ? { status: 200, body: identity } : { status: 401, body: {} };
    });
    expect(await fetchIdentityProbe('http://127.0.0.1:4000/', TOKEN)()).toEqual({ kind: 'tessera', identity });
    expect(seen.map((request) => request.authorization)).toEqual([undefined, `Bearer ${TOKEN}`]);
  });

  it('says nothing answers when the address refuses the connection', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('fetch failed');
    });
    expect(await fetchIdentityProbe('http://127.0.0.1:4000/', TOKEN)()).toEqual({ kind: 'unreachable' });
  });
});
