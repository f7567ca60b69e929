import { IDENTITY_PATH, ServerIdentity, type IdentityProbe } from '../../../contract/server-identity';

export type ProbeIdentity = () => Promise<IdentityProbe>;

/**
 * Asks the server at the page's own origin who it is, presenting the token as a bearer credential
 * (never a cookie: `credentials: 'omit'`). A network failure means nothing answers there; a 401, a
 * Tessera server that no longer accepts this token; anything that is not an identity, another program.
 */
export function fetchIdentityProbe(baseUrl: string, token: string): ProbeIdentity {
  const url = new URL(IDENTITY_PATH, baseUrl).toString();
  return async () => {
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
