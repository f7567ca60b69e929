import { contextBridge, ipcRenderer } from 'electron';
import type { TesseraApi, TerminalAttachment, TerminalSink } from '../contract/api';
import type { EventName, MethodName } from '../contract/contract';
import type { ClientControl, ServerControl } from '../contract/terminal-stream';
import { IPC } from './ipc-channels';

/**
 * The sandboxed preload (DESIGN §4): the only file touching ipcRenderer. It exposes `window.tessera`,
 * a `TesseraApi` with a fixed, minimal surface — never ipcRenderer itself, never a generic
 * send/invoke a compromised page could aim at another channel.
 *
 * Terminal output travels on a MessagePort per attach, so bytes skip the main process' IPC queue;
 * the port stays in this isolated world and the page only sees the sink callbacks it passed.
 */

type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();

ipcRenderer.on(IPC.event, (_event, message: { name?: unknown; payload?: unknown }) => {
  if (typeof message?.name !== 'string') return;
  for (const listener of listeners.get(message.name) ?? []) {
    try {
      listener(message.payload);
    } catch (error) {
      console.error('tessera: event listener failed', error);
    }
  }
});

let nextRequestId = 0;
const awaitingPort = new Map<number, (port: MessagePort) => void>();

ipcRenderer.on(IPC.terminalPort, (event, message: { requestId?: unknown }) => {
  const port = event.ports[0];
  const resolve = typeof message?.requestId === 'number' ? awaitingPort.get(message.requestId) : undefined;
  if (!port) return;
  if (!resolve) return port.close();
  awaitingPort.delete(message.requestId as number);
  resolve(port);
});

function attachTerminal(sessionId: string, sink: TerminalSink): TerminalAttachment {
  const requestId = nextRequestId++;
  let port: MessagePort | undefined;
  let closed = false;
  const queued: ClientControl[] = [];
  awaitingPort.set(requestId, (received) => {
    if (closed) return received.close();
    port = received;
    received.onmessage = (event: MessageEvent<unknown>) => deliver(sink, event.data);
    received.start();
    for (const message of queued.splice(0)) received.postMessage(message);
  });
  ipcRenderer.send(IPC.attachTerminal, { sessionId, requestId });
  const post = (message: ClientControl): void => {
    if (closed) return;
    if (port) port.postMessage(message);
    else queued.push(message);
  };
  return {
    ack: (bytes) => post({ t: 'ack', bytes }),
    input: (data) => post({ t: 'input', data }),
    resize: (cols, rows) => post({ t: 'resize', cols, rows }),
    skip: () => post({ t: 'skip' }),
    close: () => {
      closed = true;
      awaitingPort.delete(requestId);
      port?.close();
    },
  };
}

function deliver(sink: TerminalSink, data: unknown): void {
  if (data instanceof Uint8Array) return sink.data(data);
  const control = data as ServerControl;
  if (control?.t === 'snapshot') sink.snapshot(control.data, control.screen === true);
  else if (control?.t === 'exit') sink.exit({ ...(control.code !== undefined ? { code: control.code } : {}), ...(control.reason !== undefined ? { reason: control.reason } : {}) });
}

const api: TesseraApi = {
  kind: 'desktop',
  call: (method: MethodName, params: unknown) => ipcRenderer.invoke(IPC.call, { method, params }),
  on: (event: EventName, listener: Listener) => {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  },
  attachTerminal,
  pickFolder: () => ipcRenderer.invoke(IPC.pickFolder),
  openExternal: (url: string) => ipcRenderer.invoke(IPC.openExternal, String(url)),
} as TesseraApi;

contextBridge.exposeInMainWorld('tessera', api);
