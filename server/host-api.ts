import type { Disposable } from '../domain/ports/disposable';
import type { EventName, EventPayload, MethodName, Response } from '../contract/contract';
import type { TerminalClient, TerminalClientLink } from './terminal/terminal-stream-host';

export type { TerminalClient, TerminalClientLink };

/** A contract event as the transports forward it. */
export type HostEvent = { [E in EventName]: { readonly name: E; readonly payload: EventPayload<E> } }[EventName];

/**
 * What a transport (the WebSocket server, the Electron IPC wrapper) needs from the host.
 * The transports only carry messages; every rule lives behind this.
 */
export interface HostApi {
  /** Runs one contract method. Never throws: a bug comes back as kind 'internal'. */
  call(method: MethodName, params: unknown): Promise<Response<unknown>>;
  onEvent(listener: (event: HostEvent) => void): Disposable;
  /** undefined when there is no such session. */
  attachTerminal(sessionId: string, client: TerminalClient): TerminalClientLink | undefined;
}

/** A host that gives each client a connection of its own (its own current project and events). */
export interface ConnectingHost {
  connect(options: { readonly kind: 'view' | 'script' }): HostApi & Disposable;
}
