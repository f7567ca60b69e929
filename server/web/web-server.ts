import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { realpath, readFile, stat } from 'node:fs/promises';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { extname, resolve, sep } from 'node:path';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { IDENTITY_PATH, type ServerIdentity } from '../../contract/server-identity';
import { serveIdentity } from './identity-endpoint';
import { plain, tokensMatch } from './http-replies';
import { ClientControl } from '../../contract/terminal-stream';
import { contentSecurityPolicy } from '../content-security-policy';
import type { ConnectingHost, HostApi } from '../host-api';
import { logLine } from '../log-line';
import { eventNotification, handleRpcText, tooLargeReply } from './json-rpc';

/**
 * `tessera web`: the built renderer over HTTP, the contract as JSON-RPC 2.0 at `/rpc`, and one
 * binary terminal stream per session at `/term/<sessionId>`.
 *
 * Security model: the browser is untrusted and so is anything else on the machine, other local
 * servers included. The token is the one credential, and it is never a cookie: browsers send a
 * cookie of 127.0.0.1 to every port of it, so any other local server the page (or the user) talks
 * to would receive it. The page takes the token from the URL it was opened with, keeps it in
 * storage scoped to its exact origin (port included), and presents it in the URL of each WebSocket
 * (`?token=`), the only place that reaches Tessera alone. The static files are the public build
 * and need no credential. Upgrades must also come from our own origin (cross-site WebSocket
 * hijacking); one without an Origin header is refused too, so scripts must send one, as browsers do.
 *
 * Connections that have not proven the token are bounded in number and time (ConnectionLimits),
 * so a flood of idle ones cannot take the file descriptors agents need.
 */
export interface WebServerOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly token: string;
  /** The built renderer (Vite output with index.html). */
  readonly staticDir: string;
  readonly log?: (message: string, error?: unknown) => void;
  /** Connection bounds; the defaults suit a person with a few tabs, tests shrink them. */
  readonly limits?: Partial<ConnectionLimits>;
  /** Who serves: told at IDENTITY_PATH to a page that presents the token, so it knows a restart or another version. */
  readonly identity?: ServerIdentity;
}

export interface ConnectionLimits {
  /**
   * TCP connections that are not an authenticated WebSocket (page and asset requests, handshakes
   * under way, idle ones). At the bound, a new connection evicts the oldest one that has sent
   * nothing, else the oldest: a flood cannot lock out a browser that speaks at once.
   */
  readonly pending: number;
  /** How long such a connection may stay silent before it is closed (ms). */
  readonly idleMs: number;
  /** Authenticated WebSockets (one per tab for `/rpc`, one per visible pane for `/term`). */
  readonly sockets: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = { pending: 64, idleMs: 10_000, sockets: 512 };

/**
 * The largest `/rpc` message answered: bigger ones get a JSON-RPC error (the socket stays open).
 * Up to MAX_RPC_FRAME a message is read and refused that way; beyond it the socket is closed.
 */
export const MAX_RPC_MESSAGE = 8 * 1024 * 1024;
const MAX_RPC_FRAME = 64 * 1024 * 1024;

export interface RunningWebServer {
  readonly port: number;
  readonly origin: string;
  /** The URL to open: `http://host:port/?token=T`. */
  readonly url: string;
  close(): Promise<void>;
}

/** A fresh random token: 24 bytes, base64url. */
export function randomToken(): string {
  return randomBytes(24).toString('base64url');
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
const WILDCARD = new Set(['0.0.0.0', '::']);


export async function startWebServer(host: HostApi & Partial<ConnectingHost>, options: WebServerOptions): Promise<RunningWebServer> {
  const log = options.log ?? ((message: string, error?: unknown) => console.error(logLine(message, error)));
  const staticRoot = resolve(options.staticDir);
  let port = options.port;
  const hostInUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  const selfOrigin = (): string => `http://${hostInUrl}:${port}`;

  const limits: ConnectionLimits = { ...DEFAULT_CONNECTION_LIMITS, ...options.limits };
  const rpcServer = new WebSocketServer({ noServer: true, maxPayload: MAX_RPC_FRAME });
  const termServer = new WebSocketServer({ noServer: true, maxPayload: 2 * 1024 * 1024 });
  const sockets = new Set<WebSocket>();
  /** Connections not (yet) an authenticated WebSocket, oldest first; `spoke` once they sent a byte. */
  const pending = new Map<Socket, { spoke: boolean }>();

  // A host that hands out connections gives each page its own current project and its events;
  // otherwise every page shares the host's.
  const events = host.connect
    ? undefined
    : host.onEvent((event) => {
        const text = eventNotification(event);
        for (const client of rpcServer.clients) if (client.readyState === client.OPEN) client.send(text);
      });

  const server: Server = createServer((request, response) => {
    serveHttp(request, response).catch((error: unknown) => {
      log('web: request failed', error);
      if (!response.headersSent) plain(response, 500, 'Internal error.');
      else response.destroy();
    });
  });
  server.headersTimeout = limits.idleMs;
  server.requestTimeout = Math.max(limits.idleMs, 30_000);

  server.on('connection', (socket: Socket) => {
    if (pending.size >= limits.pending) {
      const silent = [...pending].find(([, state]) => !state.spoke)?.[0];
      (silent ?? pending.keys().next().value)?.destroy();
    }
    const state = { spoke: false };
    pending.set(socket, state);
    socket.once('data', () => (state.spoke = true));
    socket.setTimeout(limits.idleMs, () => socket.destroy());
    socket.once('close', () => pending.delete(socket));
  });

  /** The connection became an authenticated WebSocket: it is no longer bounded as pending. */
  const admitted = (socket: Duplex): void => {
    pending.delete(socket as Socket);
    (socket as Socket).setTimeout(0);
  };

  async function serveHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.setHeader('X-Frame-Options', 'DENY');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return plain(response, 405, 'Method not allowed.');
    }
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === IDENTITY_PATH) {
      if (request.headers.origin !== undefined && !originAllowed(request.headers.origin, request.headers.host)) return plain(response, 403, 'Forbidden.');
      return serveIdentity(request, response, { token: options.token, identity: options.identity });
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return plain(response, 400, 'Bad request: malformed path.');
    }
    if (pathname.includes('\0')) return plain(response, 400, 'Bad request: malformed path.');
    const isPage = pathname === '/' || pathname === '/index.html';
    const file = await confinedFile(staticRoot, isPage ? '/index.html' : pathname);
    if (file === undefined) {
      if (isPage) {
        return plain(response, 503, `The renderer is not built (no ${resolve(staticRoot, 'index.html')}). Run \`npm run build:renderer\`.`);
      }
      return plain(response, 404, 'Not found.');
    }
    const body = await readFile(file);
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    response.statusCode = 200;
    response.setHeader('Content-Type', type);
    response.setHeader('Content-Length', body.length);
    if (type.startsWith('text/html')) {
      response.setHeader('Content-Security-Policy', pageCsp(selfOrigin()));
      response.setHeader('Cache-Control', 'no-store');
    } else {
      response.setHeader('Cache-Control', 'no-cache');
    }
    response.end(request.method === 'HEAD' ? undefined : body);
  }

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (!tokensMatch(url.searchParams.get('token') ?? undefined, options.token)) return refuse(socket, 401, 'Unauthorized');
    if (!originAllowed(request.headers.origin, request.headers.host)) return refuse(socket, 403, 'Forbidden');
    if (sockets.size >= limits.sockets) return refuse(socket, 503, 'Service Unavailable');
    if (url.pathname === '/rpc') {
      admitted(socket);
      rpcServer.handleUpgrade(request, socket, head, (ws) => acceptRpc(ws));
      return;
    }
    const term = /^\/term\/([^/]+)$/.exec(url.pathname);
    if (term?.[1]) {
      let sessionId: string;
      try {
        sessionId = decodeURIComponent(term[1]);
      } catch {
        return refuse(socket, 400, 'Bad Request');
      }
      admitted(socket);
      termServer.handleUpgrade(request, socket, head, (ws) => acceptTerminal(ws, sessionId));
      return;
    }
    refuse(socket, 404, 'Not Found');
  });

  function originAllowed(origin: string | undefined, hostHeader: string | undefined): boolean {
    if (!origin) return false;
    if (origin === selfOrigin()) return true;
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      return false;
    }
    if (parsed.protocol !== 'http:' || parsed.port !== String(port)) return false;
    const hostname = parsed.hostname.replace(/^\[|\]$/g, '');
    // The same loopback server is reachable as 127.0.0.1, localhost or [::1].
    if (LOOPBACK.has(options.host) && LOOPBACK.has(hostname)) return true;
    // Bound to every interface, "our origin" is whatever host the browser reached us by.
    return WILDCARD.has(options.host) && hostHeader !== undefined && parsed.host === hostHeader;
  }

  function acceptRpc(ws: WebSocket): void {
    sockets.add(ws);
    const connection = host.connect?.({ kind: 'view' });
    const connectionEvents = connection?.onEvent((event) => {
      if (ws.readyState === ws.OPEN) ws.send(eventNotification(event));
    });
    ws.on('close', () => {
      sockets.delete(ws);
      connectionEvents?.dispose();
      connection?.dispose();
    });
    // A socket error is the client's doing (a frame over MAX_RPC_FRAME, a broken frame): one line, no stack.
    ws.on('error', (error) => log(`web: rpc socket closed: ${error.message}`));
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) return;
      const size = byteLength(data);
      if (size > MAX_RPC_MESSAGE) {
        log(`web: refused an rpc message of ${size} bytes (at most ${MAX_RPC_MESSAGE})`);
        if (ws.readyState === ws.OPEN) ws.send(tooLargeReply(headText(data), size, MAX_RPC_MESSAGE));
        return;
      }
      handleRpcText(connection ?? host, rawText(data)).then(
        (reply) => {
          if (reply !== undefined && ws.readyState === ws.OPEN) ws.send(reply);
        },
        (error: unknown) => log('web: rpc handling failed', error),
      );
    });
  }

  function acceptTerminal(ws: WebSocket, sessionId: string): void {
    sockets.add(ws);
    const link = host.attachTerminal(sessionId, {
      sendBytes: (bytes) => {
        if (ws.readyState === ws.OPEN) ws.send(bytes, { binary: true });
      },
      sendControl: (message) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message), { binary: false });
      },
    });
    if (!link) {
      ws.send(JSON.stringify({ t: 'exit', reason: `No session with id "${sessionId.slice(0, 100)}".` }));
      ws.close(1000);
      sockets.delete(ws);
      return;
    }
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) return;
      let json: unknown;
      try {
        json = JSON.parse(rawText(data));
      } catch {
        return log('web: terminal control message is not JSON');
      }
      const parsed = ClientControl.safeParse(json);
      if (!parsed.success) return log('web: terminal control message refused', parsed.error.message);
      link.receive(parsed.data);
    });
    ws.on('close', () => {
      sockets.delete(ws);
      link.detach();
    });
    ws.on('error', (error) => log(`web: terminal socket closed: ${error.message}`));
  }

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  const address = server.address();
  if (address && typeof address === 'object') port = address.port;

  let closing: Promise<void> | undefined;
  return {
    port,
    origin: selfOrigin(),
    url: `${selfOrigin()}/?token=${encodeURIComponent(options.token)}`,
    close: () =>
      (closing ??= new Promise<void>((resolvePromise) => {
        events?.dispose();
        for (const ws of sockets) ws.terminate();
        rpcServer.close();
        termServer.close();
        server.close(() => resolvePromise());
        server.closeAllConnections();
      })),
  };
}

/** The path as a file inside root, following symlinks; undefined when it is outside, missing or not a file. */
async function confinedFile(root: string, pathname: string): Promise<string | undefined> {
  const candidate = resolve(root, `.${pathname}`);
  if (candidate !== root && !candidate.startsWith(root + sep)) return undefined;
  try {
    const [real, realRoot] = await Promise.all([realpath(candidate), realpath(root)]);
    if (!real.startsWith(realRoot + sep)) return undefined;
    return (await stat(real)).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

/** The web page's policy (content-security-policy.ts): it may also open WebSockets to its own origin. */
export function pageCsp(origin: string): string {
  return contentSecurityPolicy([origin.replace(/^http:/, 'ws:')]);
}


function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function byteLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, part) => sum + part.length, 0);
  return data instanceof ArrayBuffer ? data.byteLength : data.length;
}

/** The first bytes of a message, where a request's id is (clients write it before the params). */
function headText(data: RawData): string {
  const first = Array.isArray(data) ? data[0] : data instanceof ArrayBuffer ? Buffer.from(data) : data;
  return first ? first.subarray(0, 256).toString('utf8') : '';
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
