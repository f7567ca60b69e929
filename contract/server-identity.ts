import { z } from 'zod';

/**
 * Which server answers at a browser address, as `GET /identity` tells a page that presents its
 * token (in an Authorization header: never a cookie, never the URL of a plain request). A page
 * compares what it hears after a drop with what it heard first: another `pid` is a restarted
 * server (its agents stopped with the old one), another `app` a server of another version (the
 * page, built for the old one, must be reloaded).
 */
export const ServerIdentity = z.object({
  app: z.string().min(1).max(100),
  protocol: z.number().int(),
  pid: z.number().int(),
  startedAt: z.number(),
});
export type ServerIdentity = z.infer<typeof ServerIdentity>;

/**
 * The server's proof that it holds the page's token, asked before the page shows the token to
 * whatever answers at its address (after a server stops, any local program may take its port):
 * `GET /identity?nonce=<hex>` with no credential answers `{ proof }`, the HMAC-SHA256 of the nonce
 * keyed with the token, in hex.
 */
export const IdentityProof = z.object({ proof: z.string().regex(/^[0-9a-f]{64}$/) });
/** A nonce the page draws for each proof it asks: 32 hex characters. */
export const NONCE_PATTERN = /^[0-9a-f]{32}$/;

/** The path of the identity request, beside the page. */
export const IDENTITY_PATH = '/identity';

/**
 * What a page learns when it asks who answers at its address:
 * - `tessera`: a Tessera server that accepts its token;
 * - `token-refused`: a Tessera server that does not (its token was changed): this address will never
 *   let the page in again;
 * - `unreachable`: nothing answers (the server stopped; the same address comes back when it starts);
 * - `not-tessera`: something else answers there.
 */
export type IdentityProbe =
  | { readonly kind: 'tessera'; readonly identity: ServerIdentity }
  | { readonly kind: 'token-refused' }
  | { readonly kind: 'unreachable' }
  | { readonly kind: 'not-tessera' };
