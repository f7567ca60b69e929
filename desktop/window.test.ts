import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { metaContentSecurityPolicy } from '../server/content-security-policy';
import { appUrlMatcher, DESKTOP_CSP, devServerUrl, hardenSession, hardenWindow, permissionAllowed, windowOptions, type SessionLike, type WebContentsLike } from './window';

type Listener = (event: { preventDefault(): void; url?: string }, url?: string) => void;

/** A webContents that records the handlers the app installs, so the test can fire them. */
function fakeWebContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => (openHandler = handler),
    on: (event: string, listener: Listener) => listeners.set(event, listener),
  } as unknown as WebContentsLike;
  const fire = (event: string, url = ''): boolean => {
    let prevented = false;
    const preventDefault = () => (prevented = true);
    // will-frame-navigate hands over one details object; the older events an event and the url.
    if (event === 'will-frame-navigate') listeners.get(event)?.({ preventDefault, url });
    else listeners.get(event)?.({ preventDefault }, url);
    return prevented;
  };
  return { contents, fire, open: (url: string) => openHandler?.({ url }) };
}

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

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

  it('prevents any frame of the page from navigating away, as will-frame-navigate reports it', () => {
    const { contents, fire } = fakeWebContents();
    hardenWindow({ webContents: contents }, isAppUrl);
    expect(fire('will-frame-navigate', 'https://evil.example/')).toBe(true);
    expect(fire('will-frame-navigate', 'file:///home/me/.ssh/id_ed25519')).toBe(true);
    expect(fire('will-frame-navigate', indexFileUrl)).toBe(false);
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

describe('devServerUrl', () => {
  it('is ignored in a packaged app, whatever the environment says', () => {
    expect(devServerUrl({ TESSERA_DEV_URL: 'http://localhost:5173/' }, true)).toBeUndefined();
  });

  it('takes only a server on this machine over http, in an unpackaged run', () => {
    expect(devServerUrl({ TESSERA_DEV_URL: 'http://localhost:5173/' }, false)).toBe('http://localhost:5173/');
    expect(devServerUrl({ TESSERA_DEV_URL: 'http://127.0.0.1:5173' }, false)).toBe('http://127.0.0.1:5173/');
    for (const url of ['https://evil.example/', 'http://192.168.1.5:5173/', 'file:///tmp/x.html', 'javascript:alert(1)', 'not a url', '']) {
      expect(devServerUrl({ TESSERA_DEV_URL: url }, false)).toBeUndefined();
    }
    expect(devServerUrl({}, false)).toBeUndefined();
  });
});

describe('hardenSession', () => {
  type RequestHandler = Parameters<SessionLike['setPermissionRequestHandler']>[0];
  type CheckHandler = Parameters<SessionLike['setPermissionCheckHandler']>[0];
  function fakeSession() {
    const recorded: {
      request?: RequestHandler;
      check?: CheckHandler;
      headers?: Parameters<SessionLike['webRequest']['onHeadersReceived']>[0];
    } = {};
    const session: SessionLike = {
      setPermissionRequestHandler: (handler) => (recorded.request = handler),
      setPermissionCheckHandler: (handler) => (recorded.check = handler),
      webRequest: { onHeadersReceived: (listener) => (recorded.headers = listener) },
    };
    return { session, recorded };
  }

  const isAppUrl = appUrlMatcher({ indexFileUrl });
  const appPage = { getURL: () => indexFileUrl };

  it('grants the app’s page notifications and denies every other permission', () => {
    const { session, recorded } = fakeSession();
    hardenSession(session, isAppUrl);
    const answers: Record<string, boolean> = {};
    for (const permission of ['notifications', 'media', 'geolocation', 'clipboard-read', 'openExternal']) {
      recorded.request?.(appPage, permission, (granted) => (answers[permission] = granted), { requestingUrl: indexFileUrl });
    }
    expect(answers).toEqual({ notifications: true, media: false, geolocation: false, 'clipboard-read': false, openExternal: false });
    expect(recorded.check?.(appPage, 'media', 'file:///', { requestingUrl: indexFileUrl })).toBe(false);
    expect(recorded.check?.(appPage, 'notifications', 'file:///', {})).toBe(true);
  });

  it('denies even notifications to any page but the app’s own', () => {
    const { session, recorded } = fakeSession();
    hardenSession(session, isAppUrl);
    let granted: boolean | undefined;
    recorded.request?.(appPage, 'notifications', (answer) => (granted = answer), { requestingUrl: 'https://evil.example/frame.html' });
    expect(granted).toBe(false);
    expect(recorded.check?.(appPage, 'notifications', 'https://evil.example', { requestingUrl: 'https://evil.example/' })).toBe(false);
    expect(recorded.check?.({ getURL: () => 'file:///tmp/dropped.html' }, 'notifications', 'file:///', {})).toBe(false);
    expect(recorded.check?.(null, 'notifications', 'file:///', {})).toBe(false);
    expect(permissionAllowed('notifications', undefined, isAppUrl)).toBe(false);
  });

  it('adds the content security policy to every response', () => {
    const { session, recorded } = fakeSession();
    hardenSession(session, isAppUrl);
    let headers: Record<string, string[]> | undefined;
    recorded.headers?.({ url: indexFileUrl, responseHeaders: { 'X-Other': ['1'] } }, (response) => (headers = response.responseHeaders));
    expect(headers).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': [DESKTOP_CSP] });
    expect(DESKTOP_CSP).toContain("default-src 'self'");
  });
});

describe('the page’s own policy', () => {
  it('is in renderer/index.html, so it holds when the desktop app loads the page from a file, with no header to carry it', () => {
    const html = readFileSync(join(repoRoot, 'renderer', 'index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html);
    expect(meta?.[1]).toBe(metaContentSecurityPolicy());
    expect(DESKTOP_CSP.startsWith(metaContentSecurityPolicy())).toBe(true);
  });
});

describe('the packaged app (electron-builder.yml)', () => {
  const config = parseYaml(readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8')) as { electronFuses?: Record<string, boolean>; asar?: boolean };

  it('switches off what would let anyone run the binary as something else: Node mode, NODE_OPTIONS, inspect arguments', () => {
    expect(config.electronFuses).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false });
  });

  it('loads the app only from its asar archive, checked against its integrity hash', () => {
    expect(config.electronFuses).toMatchObject({ onlyLoadAppFromAsar: true, enableEmbeddedAsarIntegrityValidation: true });
    expect(config.asar).not.toBe(false);
  });
});
