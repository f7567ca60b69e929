import type { TesseraApi, TerminalAttachment, TerminalSink } from '../contract/api';
import type { EventName, MethodName } from '../contract/contract';
import type { ServerControl } from '../contract/terminal-stream';
import { attachTerminalStream, backoffDelay, type StreamTimers } from '../contract/terminal-stream-client';
import { IPC } from './ipc-channels';

/**
 * The desktop transport: `TesseraApi` over Electron IPC, built in the preload's isolated world
 * from the one ipcRenderer it is handed. The page gets only this object's fixed surface: never
 * ipcRenderer, never a generic send/invoke a compromised page could aim at another channel, never
 * a MessagePort.
 *
 * Terminal output travels on a MessagePort per attach, so bytes skip the main process' IPC queue.
 * Credit, ack coalescing, re-attaching after a dropped port and typing while the port is on its way
 * are the shared stream client's (contract/terminal-stream-client.ts), as in the web transport.
 *
 * The Electron objects are described by the little this file uses, so the transport contract spec
 * drives it with a fake ipcRenderer and real MessageChannels.
 */

/** The renderer end of a MessageChannel, as Electron hands it to the preload (a DOM MessagePort). */
export interface RendererPort {
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
  addEventListener(type: 'message', listener: (event: { readonly data: unknown }) => void): void;
  /** Electron's extension of MessagePort: the other end was closed or went away. */
  addEventListener(type: 'close', listener: () => void): void;
}

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: { readonly ports: readonly RendererPort[] }, message: unknown) => void): unknown;
}

export interface DesktopApiOptions {
  /** Delay before asking for a new port after the `attempt`-th drop in a row. */
  readonly backoff?: (attempt: number) => number;
  readonly timers?: StreamTimers;
  readonly log?: (message: string, error?: unknown) => void;
}

type Listener = (payload: unknown) => void;

export function createDesktopApi(ipc: IpcRendererLike, options: DesktopApiOptions = {}): TesseraApi {
  const log = options.log ?? ((message: string, error?: unknown) => console.error(`tessera: ${message}`, error ?? ''));
  const timers = options.timers ?? preloadTimers;
  const backoff = options.backoff ?? backoffDelay;
  const listeners = new Map<string, Set<Listener>>();
  let nextRequestId = 0;
  const awaitingPort = new Map<number, (port: RendererPort) => void>();

  ipc.on(IPC.event, (_event, message) => {
    const { name, payload } = (message ?? {}) as { name?: unknown; payload?: unknown };
    if (typeof name !== 'string') return;
    for (const listener of [...(listeners.get(name) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        log('event listener failed', error);
      }
    }
  });

  ipc.on(IPC.terminalPort, (event, message) => {
    const port = event.ports[0];
    const requestId = (message as { requestId?: unknown } | undefined)?.requestId;
    const resolve = typeof requestId === 'number' ? awaitingPort.get(requestId) : undefined;
    if (!port) return;
    if (!resolve) return port.close();
    awaitingPort.delete(requestId as number);
    resolve(port);
  });

  function attachTerminal(sessionId: string, sink: TerminalSink): TerminalAttachment {
    return attachTerminalStream(
      (events) => {
        const requestId = nextRequestId++;
        let port: RendererPort | undefined;
        let closed = false;
        awaitingPort.set(requestId, (received) => {
          if (closed) return received.close();
          port = received;
          received.addEventListener('message', (event) => {
            const data = event.data;
            if (data instanceof Uint8Array || isServerControl(data)) events.received(data);
          });
          received.addEventListener('close', () => events.closed());
          received.start();
          events.opened();
        });
        ipc.send(IPC.attachTerminal, { sessionId, requestId });
        return {
          send: (message) => port?.postMessage(message),
          close: () => {
            closed = true;
            awaitingPort.delete(requestId);
            port?.close();
          },
        };
      },
      sink,
      { backoff, timers },
    );
  }

  return {
    kind: 'desktop',
    call: (method: MethodName, params: unknown) => ipc.invoke(IPC.call, { method, params }),
    on: (event: EventName, listener: Listener) => {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
    attachTerminal,
    pickFolder: () => ipc.invoke(IPC.pickFolder),
    openExternal: (url: string) => ipc.invoke(IPC.openExternal, String(url)),
  } as TesseraApi;
}

/** The main process posts only what the host's stream sent; the check keeps a stray message from reaching the sink. */
function isServerControl(data: unknown): data is ServerControl {
  if (data === null || typeof data !== 'object') return false;
  const message = data as { t?: unknown; data?: unknown };
  return (message.t === 'snapshot' && typeof message.data === 'string') || message.t === 'exit';
}

const preloadTimers: StreamTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  queueMicrotask: (fn) => queueMicrotask(fn),
};
