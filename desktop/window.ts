import type { BrowserWindowConstructorOptions } from 'electron';
import { contentSecurityPolicy } from '../server/content-security-policy';

/**
 * The window and its web contents, hardened (DESIGN §4; Electron's security checklist): the renderer
 * is untrusted, runs sandboxed with no Node, can open no windows, navigate nowhere and is granted no
 * permission but notifications. Pure functions over narrow shapes so they are tested without Electron.
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
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
}

export interface WindowLike {
  readonly webContents: WebContentsLike;
}

/**
 * Denies every window.open and every navigation away from our page (a link in a persona, a dropped
 * file); `isAppUrl` lets a reload of the page itself through.
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
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export interface SessionLike {
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
  readonly webRequest: {
    onHeadersReceived(
      listener: (
        details: { url: string; responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
      ) => void,
    ): void;
  };
}

/** Notifications (an agent needs input) are the one permission the app asks for. */
export function permissionAllowed(permission: string): boolean {
  return permission === 'notifications';
}

export function hardenSession(session: SessionLike): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(permissionAllowed(permission)));
  session.setPermissionCheckHandler((_contents, permission) => permissionAllowed(permission));
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...(details.responseHeaders ?? {}), 'Content-Security-Policy': [DESKTOP_CSP] } });
  });
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
