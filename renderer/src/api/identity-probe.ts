import { IDENTITY_PATH, IdentityProof, ServerIdentity, type IdentityProbe } from '../../../contract/server-identity';

export type ProbeIdentity = () => Promise<IdentityProbe>;

/**
 * Asks the server at the page's own origin who it is. First, with no credential, for its proof that
 * it holds the page's token (an HMAC of a fresh nonce): after a server stops, any local program may
 * take its port, and the token is shown only to a server that proved it knows it. Then it presents
 * the token as a bearer credential (never a cookie: `credentials: 'omit'`) for the identity. A
 * network failure means nothing answers there; a wrong proof or a 401, a Tessera server that does not
 * hold this token (or a program posing as one); anything that is not a proof, another program.
 */
export function fetchIdentityProbe(baseUrl: string, token: string): ProbeIdentity {
  const url = new URL(IDENTITY_PATH, baseUrl).toString();
  return async () => {
    const nonce = randomNonce();
    let proof: string;
    try {
      const proved = await fetch(`${url}?nonce=${nonce}`, { cache: 'no-store', credentials: 'omit' });
      if (!proved.ok) return { kind: 'not-tessera' };
      const parsed = IdentityProof.safeParse(await proved.json().catch(() => undefined));
      if (!parsed.success) return { kind: 'not-tessera' };
      proof = parsed.data.proof;
    } catch {
      return { kind: 'unreachable' };
    }
    if (proof !== (await hmacHex(token, nonce))) return { kind: 'token-refused' };
    let response: Awaited<ReturnType<typeof fetch>>;
    try {
      response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, cache: 'no-store', credentials: 'omit' });
    } catch {
      return { kind: 'unreachable' };
    }
    if (response.status === 401) return { kind: 'token-refused' };
    if (!response.ok) return { kind: 'not-tessera' };
    try {
      const parsed = ServerIdentity.safeParse(await response.json());
      return parsed.success ? { kind: 'tessera', identity: parsed.data } : { kind: 'not-tessera' };
    } catch {
      return { kind: 'not-tessera' };
    }
  };
}

function randomNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** HMAC-SHA256 of `message` keyed with `key`, in hex, as the server computes it. */
export async function hmacHex(key: string, message: string): Promise<string> {
  const encoder = new TextEncoder();
  const cryptoKey = await crypto.subtle.importKey('raw', encoder.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const signature = await crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(message));
  return Array.from(new Uint8Array(signature), (b) => b.toString(16).padStart(2, '0')).join('');
}
