import { z } from 'zod';
import type { Disposable } from '../domain/ports/disposable';
import { METHOD_NAMES, type Response } from '../contract/contract';
import { ClientControl } from '../contract/terminal-stream';
import type { HostApi, HostEvent } from '../server/host-api';
import { IPC } from './ipc-channels';

/**
 * The only path between the renderer and `ipcMain` (lint keeps every other module off it): every
 * message is checked for its sender (our window's top frame, showing our page), parsed, handed to
 * the host, and answered with a contract Response; an unexpected throw becomes kind 'internal' and
 * is logged, never sent as a stack.
 *
 * The Electron objects are described by the little this file uses, so tests pass fakes: importing
 * the `electron` module outside Electron would try to download its binary. ipc-main.ts hands it the
 * real ipcMain.
 */
export interface IpcSender {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  postMessage(channel: string, message: unknown, transfer?: never[]): void;
  isDestroyed(): boolean;
}

export interface IpcEvent {
  readonly sender: IpcSender;
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: (event: IpcEvent, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: IpcEvent, ...args: unknown[]) => void): unknown;
}

export interface PortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (messageEvent: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  start(): void;
  close(): void;
}

export interface IpcDeps {
  readonly host: HostApi;
  readonly isTrustedSender: (event: IpcEvent) => boolean;
  /** A new MessageChannelMain: port1 stays here, port2 is transferred to the renderer. */
  readonly createChannel: () => { port1: PortLike; port2: unknown };
  readonly pickFolder: () => Promise<string | undefined>;
  /** Electron's shell.openExternal; only ever called with a URL `externalLinkUrl` accepted. */
  readonly openExternal: (url: string) => Promise<void>;
  /** Where contract events go: the window's webContents while it is alive. */
  readonly eventTarget: () => Pick<IpcSender, 'send' | 'isDestroyed'> | undefined;
  readonly log?: (message: string, error?: unknown) => void;
}

const CallRequest = z.object({ method: z.enum(METHOD_NAMES as [string, ...string[]]), params: z.unknown() });
const AttachRequest = z.object({ sessionId: z.string().min(1).max(200), requestId: z.number().int().nonnegative() });

const forbidden: Response<never> = { ok: false, error: { kind: 'forbidden', message: 'This request did not come from the Tessera window.' } };
const internal: Response<never> = { ok: false, error: { kind: 'internal', message: 'Something went wrong inside Tessera; the details are in its log.' } };

export function registerIpc(ipc: IpcMainLike, deps: IpcDeps): Disposable {
  const log = deps.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ''));
  const links = new Set<{ detach(): void; port: PortLike }>();

  ipc.handle(IPC.call, async (event, request) => {
    if (!deps.isTrustedSender(event)) return forbidden;
    const parsed = CallRequest.safeParse(request);
    if (!parsed.success) {
      return { ok: false, error: { kind: 'invalid-request', message: 'A request must be { method, params } with a method of the contract.' } };
    }
    try {
      return await deps.host.call(parsed.data.method as Parameters<HostApi['call']>[0], parsed.data.params ?? {});
    } catch (error) {
      log(`ipc: ${parsed.data.method} threw`, error);
      return internal;
    }
  });

  ipc.handle(IPC.pickFolder, async (event) => {
    if (!deps.isTrustedSender(event)) return undefined;
    try {
      return await deps.pickFolder();
    } catch (error) {
      log('ipc: folder dialog failed', error);
      return undefined;
    }
  });

  ipc.handle(IPC.openExternal, async (event, url) => {
    if (!deps.isTrustedSender(event)) return undefined;
    const safe = externalLinkUrl(url);
    if (safe === undefined) return log('ipc: refused to open a link that is not http(s)');
    try {
      await deps.openExternal(safe);
    } catch (error) {
      log('ipc: opening a link failed', error);
    }
    return undefined;
  });

  const onAttach = (event: IpcEvent, request: unknown): void => {
    if (!deps.isTrustedSender(event)) return;
    const parsed = AttachRequest.safeParse(request);
    if (!parsed.success) return log('ipc: malformed terminal attach request');
    const { port1, port2 } = deps.createChannel();
    const link = deps.host.attachTerminal(parsed.data.sessionId, {
      sendBytes: (bytes) => port1.postMessage(bytes),
      sendControl: (message) => port1.postMessage(message),
    });
    if (!link) {
      port1.postMessage({ t: 'exit', reason: `No session with id "${parsed.data.sessionId}".` });
    } else {
      const entry = { port: port1, detach: () => link.detach() };
      links.add(entry);
      port1.on('message', ({ data }) => {
        const control = ClientControl.safeParse(data);
        if (control.success) link.receive(control.data);
        else log('ipc: terminal control message refused');
      });
      port1.on('close', () => {
        links.delete(entry);
        link.detach();
      });
    }
    port1.start();
    event.sender.postMessage(IPC.terminalPort, { requestId: parsed.data.requestId }, [port2 as never]);
  };
  ipc.on(IPC.attachTerminal, onAttach as (event: IpcEvent, ...args: unknown[]) => void);

  const events = deps.host.onEvent((hostEvent: HostEvent) => {
    const target = deps.eventTarget();
    if (target && !target.isDestroyed()) target.send(IPC.event, hostEvent);
  });

  return {
    dispose: () => {
      events.dispose();
      ipc.removeHandler(IPC.call);
      ipc.removeHandler(IPC.pickFolder);
      ipc.removeHandler(IPC.openExternal);
      ipc.removeListener(IPC.attachTerminal, onAttach as (event: IpcEvent, ...args: unknown[]) => void);
      for (const entry of links) {
        entry.detach();
        entry.port.close();
      }
      links.clear();
    },
  };
}

/**
 * The link as the browser should get it, or undefined. Only http and https: a terminal's output is
 * written by the agent (or whatever it cat'ed), so `file:`, `javascript:`, custom protocol handlers
 * (which can launch local programs) and credentials in the URL are never handed to the OS.
 */
export function externalLinkUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > 8192) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username !== '' || url.password !== '') return undefined;
  return url.href;
}

/**
 * True for a message from the top frame of our one window while it shows our page: another window,
 * an iframe, or a page navigated elsewhere gets nothing.
 */
export function isTrustedSender(event: IpcEvent, expected: { webContentsId: number | undefined; isAppUrl: (url: string) => boolean }): boolean {
  const frame = event.senderFrame;
  if (expected.webContentsId === undefined || event.sender.id !== expected.webContentsId) return false;
  if (!frame || frame.parent !== null) return false;
  return expected.isAppUrl(frame.url);
}

