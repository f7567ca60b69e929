import type { TesseraApi } from '../../../contract/api';
import { fetchIdentityProbe } from './identity-probe';
import { createWebSocketApi, type WebSocketApi } from './websocket-api';

declare global {
  interface Window {
    /** Exposed by the Electron preload (contextBridge) in the desktop app only. */
    tessera?: TesseraApi;
  }
}

/**
 * The desktop preload's bridge when present, else JSON-RPC over WebSocket to the server that
 * served this page (`tessera web`), presenting the token the page was opened with.
 */
export function chooseApi(
  win: Pick<Window, 'tessera' | 'location' | 'sessionStorage'> & Partial<Pick<Window, 'history'>> = window,
): TesseraApi | WebSocketApi {
  if (win.tessera) return win.tessera;
  const token = takeToken(win);
  return createWebSocketApi(win.location.href, token, token === '' ? {} : { probeIdentity: fetchIdentityProbe(win.location.href, token) });
}

/** Where the page keeps its token: sessionStorage, which belongs to this origin (port included) and this tab alone. */
export const TOKEN_STORAGE_KEY = 'tessera.token';

/**
 * The token of this page. A `?token=` in the address (the URL `tessera web` printed) is taken out of
 * it, since it would stay in the history, in bookmarks and on screen, and kept in sessionStorage,
 * where a reload finds it. Never a cookie: a browser sends the cookies of 127.0.0.1 to every other
 * server on 127.0.0.1 whatever its port, and sessionStorage is read by this origin's scripts alone
 * and sent nowhere by itself; it also ends with the tab, so a program that later takes this port
 * finds nothing on disk. Empty when the page was opened without one.
 */
export function takeToken(win: Pick<Window, 'location' | 'sessionStorage'> & Partial<Pick<Window, 'history'>>): string {
  const url = new URL(win.location.href);
  const given = url.searchParams.get('token');
  if (given !== null && win.history) {
    url.searchParams.delete('token');
    win.history.replaceState(win.history.state, '', `${url.pathname}${url.search}${url.hash}`);
  }
  const storage = sessionStorageOf(win);
  if (given !== null) {
    storage?.setItem(TOKEN_STORAGE_KEY, given);
    return given;
  }
  return storage?.getItem(TOKEN_STORAGE_KEY) ?? '';
}

/** Storage can be switched off (a browser setting); reading it then throws. */
function sessionStorageOf(win: Pick<Window, 'sessionStorage'>): Storage | undefined {
  try {
    return win.sessionStorage;
  } catch {
    return undefined;
  }
}

/** Only the WebSocket transport can drop and come back. */
export function isWebSocketApi(api: TesseraApi): api is WebSocketApi {
  return api.kind === 'web' && typeof (api as Partial<WebSocketApi>).onConnection === 'function';
}
