import type { TesseraApi } from '../../../contract/api';
import { createWebSocketApi, type WebSocketApi } from './websocket-api';

declare global {
  interface Window {
    /** Exposed by the Electron preload (contextBridge) in the desktop app only. */
    tessera?: TesseraApi;
  }
}

/**
 * The desktop preload's bridge when present, else JSON-RPC over WebSocket to the server that
 * served this page (`tessera web`), passing on the token the page was opened with.
 */
export function chooseApi(win: Pick<Window, 'tessera' | 'location'> & Partial<Pick<Window, 'history'>> = window): TesseraApi | WebSocketApi {
  if (win.tessera) return win.tessera;
  const token = takeToken(win);
  return createWebSocketApi(win.location.href, token);
}

/**
 * Reads the `?token=` the page was opened with and takes it out of the address bar (finding 12):
 * it would stay in the history, in bookmarks and on screen. The server set its HttpOnly cookie
 * when it served this page, so a reload and the sockets still get in without it.
 */
export function takeToken(win: Pick<Window, 'location'> & Partial<Pick<Window, 'history'>>): string {
  const url = new URL(win.location.href);
  const token = url.searchParams.get('token') ?? '';
  if (url.searchParams.has('token') && win.history) {
    url.searchParams.delete('token');
    win.history.replaceState(win.history.state, '', `${url.pathname}${url.search}${url.hash}`);
  }
  return token;
}

/** Only the WebSocket transport can drop and come back. */
export function isWebSocketApi(api: TesseraApi): api is WebSocketApi {
  return api.kind === 'web' && typeof (api as Partial<WebSocketApi>).onConnection === 'function';
}
