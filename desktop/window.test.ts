import { describe, expect, it } from 'vitest';
import { appUrlMatcher, DESKTOP_CSP, hardenSession, hardenWindow, permissionAllowed, windowOptions, type SessionLike, type WebContentsLike } from './window';

type Listener = (event: { preventDefault(): void }, url: string) => void;

/** A webContents that records the handlers the app installs, so the test can fire them. */
function fakeWebContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents: WebContentsLike = {
    setWindowOpenHandler: (handler) => (openHandler = handler),
    on: (event: string, listener: Listener) => listeners.set(event, listener),
  };
  const fire = (event: string, url = ''): boolean => {
    let prevented = false;
    listeners.get(event)?.({ preventDefault: () => (prevented = true) }, url);
    return prevented;
  };
  return { contents, fire, open: (url: string) => openHandler?.({ url }) };
}

const indexFileUrl = 'file:///opt/tessera/dist/renderer/index.html';

describe('windowOptions', () => {
  it('isolates the renderer: context isolation, sandbox, no Node, web security, the preload', () => {
    const prefs = windowOptions('/app/preload.cjs').webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

describe('hardenWindow', () => {
  const isAppUrl = appUrlMatcher({ indexFileUrl });

  it('denies every window.open', () => {
    const { contents, open } = fakeWebContents();
    hardenWindow({ webContents: contents }, isAppUrl);
    expect(open('https://example.com')).toEqual({ action: 'deny' });
    expect(open(indexFileUrl)).toEqual({ action: 'deny' });
  });

  it('prevents navigating away from the app, and lets a reload of the page through', () => {
    const { contents, fire } = fakeWebContents();
    hardenWindow({ webContents: contents }, isAppUrl);
    expect(fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(fire('will-navigate', `${indexFileUrl}?x=1#pane`)).toBe(false);
  });

  it('refuses webviews', () => {
    const { contents, fire } = fakeWebContents();
    hardenWindow({ webContents: contents }, isAppUrl);
    expect(fire('will-attach-webview')).toBe(true);
  });
});

describe('appUrlMatcher', () => {
  it('accepts the dev server origin only when one is configured', () => {
    const dev = appUrlMatcher({ indexFileUrl, devOrigin: 'http://localhost:5173' });
    expect(dev('http://localhost:5173/')).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
    expect(dev(indexFileUrl)).toBe(false);
    expect(appUrlMatcher({ indexFileUrl })('http://localhost:5173/')).toBe(false);
    expect(appUrlMatcher({ indexFileUrl })('not a url')).toBe(false);
  });
});

describe('hardenSession', () => {
  function fakeSession() {
    const recorded: {
      request?: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
      check?: (contents: unknown, permission: string) => boolean;
      headers?: Parameters<SessionLike['webRequest']['onHeadersReceived']>[0];
    } = {};
    const session: SessionLike = {
      setPermissionRequestHandler: (handler) => (recorded.request = handler),
      setPermissionCheckHandler: (handler) => (recorded.check = handler),
      webRequest: { onHeadersReceived: (listener) => (recorded.headers = listener) },
    };
    return { session, recorded };
  }

  it('grants notifications and denies every other permission', () => {
    const { session, recorded } = fakeSession();
    hardenSession(session);
    const answers: Record<string, boolean> = {};
    for (const permission of ['notifications', 'media', 'geolocation', 'clipboard-read', 'openExternal']) {
      recorded.request?.({}, permission, (granted) => (answers[permission] = granted));
    }
    expect(answers).toEqual({ notifications: true, media: false, geolocation: false, 'clipboard-read': false, openExternal: false });
    expect(recorded.check?.({}, 'media')).toBe(false);
    expect(permissionAllowed('notifications')).toBe(true);
  });

  it('adds the content security policy to every response', () => {
    const { session, recorded } = fakeSession();
    hardenSession(session);
    let headers: Record<string, string[]> | undefined;
    recorded.headers?.({ url: indexFileUrl, responseHeaders: { 'X-Other': ['1'] } }, (response) => (headers = response.responseHeaders));
    expect(headers).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': [DESKTOP_CSP] });
    expect(DESKTOP_CSP).toContain("default-src 'self'");
  });
});
