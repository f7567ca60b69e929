import type { TesseraApi } from '../../../electron/contract/api';
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
export function chooseApi(win: Pick<Window, 'tessera' | 'location'> = window): TesseraApi | WebSocketApi {
  if (win.tessera) return win.tessera;
  const token = new URLSearchParams(win.location.search).get('token') ?? '';
  return createWebSocketApi(win.location.href, token);
}

/** Only the WebSocket transport can drop and come back. */
export function isWebSocketApi(api: TesseraApi): api is WebSocketApi {
  return api.kind === 'web' && typeof (api as Partial<WebSocketApi>).onConnection === 'function';
}
