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
