import { app, BrowserWindow, dialog, MessageChannelMain, session, shell, type WebContents } from 'electron';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAppHost } from '../server/composition-root';
import { definedEnv, userConfigDir } from '../server/config-dir';
import { logLine } from '../server/log-line';
import { installIpc } from './ipc-main';
import { isTrustedSender, type PortLike } from './ipc-wrapper';
import { appUrlMatcher, devServerUrl, hardenSession, hardenWebContents, hardenWindow, windowOptions } from './window';

/**
 * The Electron entry (bundled to dist/electron/main.cjs by desktop/build.mjs). One project per
 * app instance; quitting disposes the host, which kills every agent's process tree.
 *
 * `tessera [DIR]` starts it as `electron dist/electron/main.cjs --tessera-project=<abs DIR>`.
 * TESSERA_DEV_URL points the window at the Vite dev server instead of dist/renderer, in an
 * unpackaged run only (devServerUrl).
 */

const PROJECT_FLAG = '--tessera-project=';

const log = (message: string, error?: unknown): void => console.error(logLine(message, error));

function projectArgument(argv: readonly string[]): string | undefined {
  const flag = argv.find((arg) => arg.startsWith(PROJECT_FLAG));
  return flag ? resolve(flag.slice(PROJECT_FLAG.length)) : undefined;
}

async function start(): Promise<void> {
  // The mirrors' and the frontmatter's threads, bundled next to this file by desktop/build.mjs.
  // The hook program runs under this app's own binary, as Node.
  const hookProgram = { script: join(__dirname, 'tessera-hook.mjs'), node: process.execPath, env: { ELECTRON_RUN_AS_NODE: '1' } };
  const host = createAppHost({ configDir: userConfigDir(), env: definedEnv(), log, mirrorWorker: join(__dirname, 'mirror-worker.cjs'), frontmatterWorker: join(__dirname, 'frontmatter-worker.cjs'), hookProgram });
  const rendererIndex = join(__dirname, '..', 'renderer', 'index.html');
  const devUrl = devServerUrl(process.env, app.isPackaged);
  const isAppUrl = appUrlMatcher({ indexFileUrl: pathToFileURL(rendererIndex).href, ...(devUrl ? { devOrigin: devUrl } : {}) });

  let window: BrowserWindow | undefined;
  let disposing: Promise<void> | undefined;
  const disposeAll = (): Promise<void> => (disposing ??= host.dispose().catch((error: unknown) => log('shutdown failed', error)));

  app.on('web-contents-created', (_event, contents: WebContents) => hardenWebContents(contents, isAppUrl));
  hardenSession(session.defaultSession, isAppUrl);

  const project = projectArgument(process.argv);
  if (project) {
    const opened = await host.call('project.open', { path: project });
    if (!opened.ok) log(`could not open ${project}: ${opened.error.message}`);
  }

  window = new BrowserWindow(windowOptions(join(__dirname, 'preload.cjs')));
  hardenWindow(window, isAppUrl);
  const ipc = installIpc({
    host,
    isTrustedSender: (event) => isTrustedSender(event, { webContentsId: window?.webContents.id, isAppUrl }),
    createChannel: () => {
      const channel = new MessageChannelMain();
      return { port1: channel.port1 as unknown as PortLike, port2: channel.port2 };
    },
    pickFolder: async () => {
      const options = { title: 'Open a project folder', properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'> };
      const picked = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return picked.canceled ? undefined : picked.filePaths[0];
    },
    openExternal: (url) => shell.openExternal(url),
    eventTarget: () => (window && !window.isDestroyed() ? window.webContents : undefined),
    log,
  });
  window.once('ready-to-show', () => window?.show());
  window.on('closed', () => {
    window = undefined;
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (disposing) return;
    // Hold the quit until every agent's process tree is gone (no orphans), then quit for real.
    event.preventDefault();
    ipc.dispose();
    void disposeAll().finally(() => app.quit());
  });
  // A hang-up (the terminal that started the app closed) quits cleanly too, killing every agent.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => app.quit());

  if (devUrl) await window.loadURL(devUrl);
  else await window.loadFile(rendererIndex);
}

app.enableSandbox();
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.whenReady().then(start, (error: unknown) => {
    log('startup failed', error);
    app.exit(1);
  });
}
