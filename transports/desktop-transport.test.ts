import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { createDesktopApi, type IpcRendererLike, type RendererPort } from '../desktop/desktop-api';
import { registerIpc, type IpcEvent, type IpcMainLike, type IpcSender, type PortLike } from '../desktop/ipc-wrapper';
import { ScriptedHost, transportContract } from './transport.contract';

type MainHandler = (event: IpcEvent, ...args: unknown[]) => unknown;
type RendererListener = (event: { readonly ports: readonly RendererPort[] }, message: unknown) => void;

/**
 * Electron's IPC between one window and the main process, in memory: ipcMain and ipcRenderer as
 * the wrapper and the desktop transport use them, every message structured-cloned as Electron
 * does, and MessagePorts that are real (node:worker_threads), so bytes, order and a closed port
 * behave as they do between Chromium and Electron.
 */
class InMemoryIpc {
  readonly handlers = new Map<string, MainHandler>();
  readonly mainListeners = new Map<string, Set<MainHandler>>();
  readonly rendererListeners = new Map<string, Set<RendererListener>>();
  /** The main ends of every terminal channel, so the test can drop them. */
  readonly mainPorts = new Set<MessagePort>();

  /** The window's webContents: the sender of every renderer message, the target of events. */
  readonly window: IpcSender = {
    id: 1,
    isDestroyed: () => false,
    send: (channel, ...args) => this.toRenderer(channel, [], structuredClone(args[0])),
    postMessage: (channel, message, transfer) => this.toRenderer(channel, (transfer ?? []) as unknown as RendererPort[], structuredClone(message)),
  };
  private readonly event: IpcEvent = { sender: this.window, senderFrame: { url: 'file:///app/index.html', parent: null } };

  readonly main: IpcMainLike = {
    handle: (channel, listener) => void this.handlers.set(channel, listener),
    removeHandler: (channel) => void this.handlers.delete(channel),
    on: (channel, listener) => {
      const set = this.mainListeners.get(channel) ?? new Set();
      this.mainListeners.set(channel, set);
      set.add(listener as MainHandler);
      return this.main;
    },
    removeListener: (channel, listener) => this.mainListeners.get(channel)?.delete(listener as MainHandler),
  };

  readonly renderer: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      const handler = this.handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return structuredClone(await handler(this.event, ...structuredClone(args)));
    },
    send: (channel, ...args) => {
      const cloned = structuredClone(args);
      // ipcRenderer.send is asynchronous: the main process hears it in a later task.
      setImmediate(() => {
        for (const listener of this.mainListeners.get(channel) ?? []) listener(this.event, ...cloned);
      });
    },
    on: (channel, listener) => {
      const set = this.rendererListeners.get(channel) ?? new Set();
      this.rendererListeners.set(channel, set);
      set.add(listener);
    },
  };

  createChannel(): { port1: PortLike; port2: unknown } {
    const { port1, port2 } = new MessageChannel();
    this.mainPorts.add(port1);
    port1.on('close', () => this.mainPorts.delete(port1));
    // MessagePortMain hands listeners a MessageEvent; a worker_threads port hands them the data.
    const main: PortLike = {
      postMessage: (message) => port1.postMessage(message),
      on: ((event: 'message' | 'close', listener: (arg?: { data: unknown }) => void) => {
        if (event === 'message') port1.on('message', (data: unknown) => listener({ data }));
        else port1.on('close', () => listener());
        return main;
      }) as PortLike['on'],
      start: () => port1.start(),
      close: () => port1.close(),
    };
    return { port1: main, port2 };
  }

  private toRenderer(channel: string, ports: readonly RendererPort[], message: unknown): void {
    setImmediate(() => {
      for (const listener of this.rendererListeners.get(channel) ?? []) listener({ ports }, message);
    });
  }
}

transportContract('Electron IPC (desktop preload)', async () => {
  const host = new ScriptedHost();
  const ipc = new InMemoryIpc();
  const registration = registerIpc(ipc.main, {
    host,
    isTrustedSender: () => true,
    createChannel: () => ipc.createChannel(),
    pickFolder: async () => undefined,
    openExternal: async () => undefined,
    eventTarget: () => ipc.window,
    log: () => undefined,
  });
  const api = createDesktopApi(ipc.renderer, { backoff: () => 20 });
  return {
    api,
    host,
    // The main end of each port closes, as when the main process lets go of it.
    dropTerminals: () => {
      for (const port of [...ipc.mainPorts]) port.close();
    },
    dispose: async () => {
      registration.dispose();
      for (const port of [...ipc.mainPorts]) port.close();
    },
  };
});
