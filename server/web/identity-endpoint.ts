import { createHmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { NONCE_PATTERN, type ServerIdentity } from '../../contract/server-identity';
import { plain, tokensMatch } from './http-replies';

/**
 * `GET /identity` (its Origin already checked by the caller): with a nonce and no credential, the
 * proof that this server holds the token (the HMAC of the nonce keyed with it), so a page can tell
 * it from a program that took the port before it shows the token; with the token as a bearer
 * credential, who serves, so the page knows a restart or another version.
 */
export function serveIdentity(request: IncomingMessage, response: ServerResponse, server: { readonly token: string; readonly identity: ServerIdentity | undefined }): void {
  const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  const nonce = new URL(request.url ?? '/', 'http://localhost').searchParams.get('nonce');
  if (bearer === undefined && nonce !== null && NONCE_PATTERN.test(nonce) && server.token) {
    return json(request, response, { proof: createHmac('sha256', server.token).update(nonce).digest('hex') });
  }
  if (!tokensMatch(bearer, server.token)) return plain(response, 401, 'Unauthorized.');
  if (!server.identity) return plain(response, 404, 'Not found.');
  json(request, response, server.identity);
}

function json(request: IncomingMessage, response: ServerResponse, value: unknown): void {
  response.statusCode = 200;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.setHeader('Cache-Control', 'no-store');
  response.end(request.method === 'HEAD' ? undefined : JSON.stringify(value));
}
