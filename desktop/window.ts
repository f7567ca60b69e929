import type { BrowserWindowConstructorOptions } from 'electron';
import { contentSecurityPolicy } from '../server/content-security-policy';

/**
 * The window and its web contents, hardened (Electron's security checklist): the renderer is
 * untrusted, runs sandboxed with no Node, can open no windows, navigate nowhere (no frame of it
 * either) and is granted no permission but notifications, and those only to the app's own page.
 * Pure functions over narrow shapes so they are tested without Electron.
 */
export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1400,
    height: 900,
    minWidth: 640,
    minHeight: 400,
    title: 'Tessera',
    show: false,
    backgroundColor: '#1e1e1e',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

/** The desktop page's policy (content-security-policy.ts): it connects to nothing but itself. */
export const DESKTOP_CSP = contentSecurityPolicy();

interface PreventableEvent {
  preventDefault(): void;
}

export interface WebContentsLike {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  /** Fired for the main frame and every subframe; the details carry the url. */
  on(event: 'will-frame-navigate', listener: (details: PreventableEvent & { readonly url: string }) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
}

export interface WindowLike {
  readonly webContents: WebContentsLike;
}

/**
 * Denies every window.open and every navigation away from our page (a link in a persona, a dropped
 * file), by any frame; `isAppUrl` lets a reload of the page itself through.
 */
export function hardenWindow(win: WindowLike, isAppUrl: (url: string) => boolean): void {
  hardenWebContents(win.webContents, isAppUrl);
}

export function hardenWebContents(contents: WebContentsLike, isAppUrl: (url: string) => boolean): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const guard = (event: PreventableEvent, url: string): void => {
    if (!isAppUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-frame-navigate', (details) => guard(details, details.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

interface ContentsUrl {
  getURL(): string;
}

export interface SessionLike {
  setPermissionRequestHandler(
    handler: (contents: ContentsUrl, permission: string, callback: (granted: boolean) => void, details: { readonly requestingUrl: string }) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (contents: ContentsUrl | null, permission: string, requestingOrigin: string, details: { readonly requestingUrl?: string }) => boolean,
  ): void;
  readonly webRequest: {
    onHeadersReceived(
      listener: (
        details: { url: string; responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
      ) => void,
    ): void;
  };
}

/**
 * Notifications (an agent needs input) are the one permission the app asks for, and only the app's
 * own page may have it: a page a link or a frame brought in gets nothing. `requestingUrl` is where
 * the request comes from; without one (a check that names only an origin), the page the web
 * contents shows.
 */
export function permissionAllowed(permission: string, requestingUrl: string | undefined, isAppUrl: (url: string) => boolean): boolean {
  return permission === 'notifications' && requestingUrl !== undefined && isAppUrl(requestingUrl);
}

export function hardenSession(session: SessionLike, isAppUrl: (url: string) => boolean): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => callback(permissionAllowed(permission, details.requestingUrl, isAppUrl)));
  session.setPermissionCheckHandler((contents, permission, _origin, details) => permissionAllowed(permission, details.requestingUrl ?? contents?.getURL(), isAppUrl));
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...(details.responseHeaders ?? {}), 'Content-Security-Policy': [DESKTOP_CSP] } });
  });
}

/**
 * The Vite dev server to load instead of the built page (TESSERA_DEV_URL): only when the app runs
 * unpackaged, and only a server on this machine over http. A packaged app always loads the page it
 * ships, whatever its environment says: anyone who can set a variable for it must not be able to
 * point its privileged window elsewhere.
 */
export function devServerUrl(env: Readonly<Record<string, string | undefined>>, packaged: boolean): string | undefined {
  const raw = env.TESSERA_DEV_URL;
  if (packaged || raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  return url.protocol === 'http:' && loopback ? url.href : undefined;
}

/**
 * Our page: the built index.html (file://), or the Vite dev server's origin in development.
 * Query and hash are ignored; any other file or origin is not ours.
 */
export function appUrlMatcher(app: { indexFileUrl: string; devOrigin?: string }): (url: string) => boolean {
  const index = new URL(app.indexFileUrl);
  return (url: string) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (app.devOrigin !== undefined) return parsed.origin === new URL(app.devOrigin).origin;
    return parsed.protocol === 'file:' && parsed.pathname === index.pathname;
  };
}
