import { app, BrowserWindow, dialog, MessageChannelMain, session, shell, type WebContents } from 'electron';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SessionClient } from '../contract/session-client';
import { userConfigDir } from '../server/config-dir';
import { runSessionServer } from '../server/session/run-server';
import { runtimeDir } from '../server/session/runtime-dir';
import { mcpBundleForAgents } from '../server/session/mcp-bundle';
import { openServer, processGone } from '../server/session/server-connection';
import { desktopLog } from './desktop-log';
import { desktopServerCommand, quitButtons, quitWithAgents, sessionHost, type QuitAnswer } from './desktop-session';
import { installIpc } from './ipc-main';
import { desktopAgentPrograms } from './program-modes';
import { isTrustedSender, type PortLike } from './ipc-wrapper';
import { appUrlMatcher, devServerUrl, hardenSession, hardenWebContents, hardenWindow, windowOptions } from './window';

/**
 * The app: its window, or the session server (SERVER_FLAG), each a start of the app's binary that the
 * entry (main.ts) hands here; bundled to dist/electron/app.cjs by desktop/build.mjs. The app is a
 * client of the session server (server/session): it starts the server when none runs, detached so it
 * outlives the app (desktop-session.ts says how), and its window talks to it through the IPC wrapper
 * over the session protocol on the Unix socket. Closing the window never stops an agent; quitting
 * while agents run asks whether to keep them running in the background or stop them.
 *
 * `tessera [DIR]` starts it as `electron dist/electron/main.cjs --tessera-project=<abs DIR>`.
 * TESSERA_DEV_URL points the window at the Vite dev server instead of dist/renderer, in an
 * unpackaged run only (devServerUrl).
 */

const PROJECT_FLAG = '--tessera-project=';

/** How long a restart waits for the old server to be gone (its agents killed). */
const STOP_WAIT_MS = 30_000;

const log = desktopLog;

function projectArgument(argv: readonly string[]): string | undefined {
  const flag = argv.find((arg) => arg.startsWith(PROJECT_FLAG));
  return flag ? resolve(flag.slice(PROJECT_FLAG.length)) : undefined;
}

/** The server, in this process, when the app's binary was started with SERVER_FLAG. */
async function runServer(): Promise<void> {
  app.dock?.hide();
  const repoRoot = join(__dirname, '..', '..');
  // From the sources, agents get the prebuilt `tessera mcp` when it is up to date, as the command line's server gives it.
  const mcpBundle = app.isPackaged ? undefined : mcpBundleForAgents(repoRoot, log);
  const failed = await runSessionServer({
    env: process.env,
    app: app.getVersion(),
    staticDir: join(__dirname, '..', 'renderer'),
    mirrorWorker: join(__dirname, 'mirror-worker.cjs'),
    frontmatterWorker: join(__dirname, 'frontmatter-worker.cjs'),
    log,
    programs: desktopAgentPrograms({ packaged: app.isPackaged, execPath: process.execPath, repoRoot, node: process.env.npm_node_execpath ?? 'node', ...(mcpBundle !== undefined ? { mcpBundle } : {}) }),
    hooks: process.env.TESSERA_AGENT_HOOKS !== 'off',
  });
  if (failed !== undefined) log(`tessera server: ${failed}`);
  app.exit(failed === undefined ? 0 : 1);
}

/** A connection to the server, started if none runs; a server of another version is restarted if the user agrees. */
async function connect(): Promise<SessionClient | undefined> {
  const options = {
    dir: runtimeDir(process.env),
    app: app.getVersion(),
    client: 'view' as const,
    env: process.env,
    start: desktopServerCommand({ packaged: app.isPackaged, execPath: process.execPath, repoRoot: join(__dirname, '..', '..'), node: process.env.npm_node_execpath ?? 'node' }),
  };
  let connected = await openServer(options);
  if (!connected.ok && connected.error.kind === 'version-mismatch') {
    const { pid, app: serverApp } = connected.error.server;
    const answer = await dialog.showMessageBox({
      type: 'question',
      message: `The running Tessera server is version ${serverApp}; this app is ${app.getVersion()}.`,
      detail: 'Restarting the server stops its agents; those whose profile declares a resume are relaunched by the new one.',
      buttons: ['Restart the server', 'Quit'],
      defaultId: 0,
      cancelId: 1,
    });
    if (answer.response !== 0) return undefined;
    try {
      process.kill(pid, 'SIGUSR2');
    } catch (error) {
      log(`cannot restart the server (pid ${pid})`, error);
    }
    if (!(await processGone(pid, STOP_WAIT_MS))) log(`the server (pid ${pid}) is still stopping`);
    connected = await openServer(options);
  }
  if (!connected.ok) {
    dialog.showErrorBox('Tessera cannot reach its server', connected.error.message);
    return undefined;
  }
  return connected.value;
}

async function start(): Promise<void> {
  const configDir = userConfigDir();
  const client = await connect();
  if (!client) return app.exit(1);
  const host = sessionHost(client);
  const rendererIndex = join(__dirname, '..', 'renderer', 'index.html');
  const devUrl = devServerUrl(process.env, app.isPackaged);
  const isAppUrl = appUrlMatcher({ indexFileUrl: pathToFileURL(rendererIndex).href, ...(devUrl ? { devOrigin: devUrl } : {}) });

  let window: BrowserWindow | undefined;
  let quitting = false;

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

  // The server went while the window was open: say so (its agents went with it) and offer a new one.
  client.onClose((reason) => {
    if (quitting) return;
    void dialog
      .showMessageBox({
        type: 'warning',
        message: 'The Tessera server stopped.',
        detail: `${reason}\nAgents run inside the server: the ones it ran stopped with it. Start a new server to go on.`,
        buttons: ['Start a new server', 'Quit'],
        defaultId: 0,
        cancelId: 1,
      })
      .then((answer) => {
        quitting = true;
        if (answer.response === 0) app.relaunch();
        app.quit();
      });
  });

  const ask = async ({ running }: { running: number }): Promise<QuitAnswer> => {
    const options = {
      type: 'question' as const,
      message: `${running} agent${running === 1 ? ' is' : 's are'} running.`,
      detail: 'Kept agents run on in the background: the next window, a browser (`tessera web`) or `tessera ls` finds them.',
      buttons: [...quitButtons(running)],
      defaultId: 0,
      cancelId: 2,
      checkboxLabel: 'Remember my choice',
    };
    const answer = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
    if (answer.response === 2) return 'cancel';
    return { choice: answer.response === 0 ? 'keep' : 'stop', remember: answer.checkboxChecked };
  };

  // Closing the last window is not quitting: the agents keep running in the server.
  app.on('window-all-closed', () => {
    quitting = true;
    app.quit();
  });
  app.on('before-quit', (event) => {
    if (quitting) return;
    event.preventDefault();
    void quitWithAgents({ client, configDir, ask }).then(
      (result) => {
        if (result.outcome === 'cancelled') return;
        quitting = true;
        app.quit();
      },
      (error: unknown) => {
        log('quitting failed', error);
        quitting = true;
        app.quit();
      },
    );
  });
  app.on('will-quit', () => {
    ipc.dispose();
    client.close();
  });
  // A hang-up (the terminal that started the app closed) quits the window only: the agents keep running in the server.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      quitting = true;
      app.quit();
    });
  }

  if (devUrl) await window.loadURL(devUrl);
  else await window.loadFile(rendererIndex);
}

/** Runs the start main.ts handed here: the session server, or the window. */
export function runApp(mode: 'window' | 'server'): void {
  if (mode === 'server') {
    app.whenReady().then(runServer, (error: unknown) => {
      log('server startup failed', error);
      app.exit(1);
    });
    return;
  }
  app.enableSandbox();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.whenReady().then(start, (error: unknown) => {
    log('startup failed', error);
    app.exit(1);
  });
}
