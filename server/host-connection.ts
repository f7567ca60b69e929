import type { Project } from '../application/open-project';
import type { Disposable } from '../domain/ports/disposable';
import type { MethodName, Response } from '../contract/contract';
import type { HostApi, HostEvent } from './host-api';
import type { ProjectScope } from './project-scope';
import { Router, type RouterContext } from './router/router';
import type { TerminalClient, TerminalClientLink } from './terminal/terminal-stream-host';

/** How a connection starts and what its opens mean for others (ClientKind in the session protocol). */
export interface ConnectOptions {
  /**
   * 'view' (a window, a tab): starts on the project views last opened, and what it opens becomes
   * that project for the next view. 'script' (a command): starts on none and changes nobody's.
   */
  readonly kind: 'view' | 'script';
}

/** One client's conversation with the host: its own current project and the events of that project. */
export interface HostConnection extends HostApi, Disposable {
  /** The project this connection has open, if any. */
  current(): Project | undefined;
}

/** What a connection asks of the host that holds it. */
export interface ConnectionOwner {
  /** Whether the host has begun to shut down: then it takes no more calls. */
  isDisposed(): boolean;
  /** The connection's client went. */
  forget(connection: Connection): void;
  attachTerminal(sessionId: string, client: TerminalClient): TerminalClientLink | undefined;
}

/** One client's connection: its router runs against its own current project. */
export class Connection implements HostConnection {
  readonly listeners = new Set<(event: HostEvent) => void>();
  private readonly router: Router;
  private gone = false;

  constructor(
    private readonly host: ConnectionOwner,
    readonly kind: ConnectOptions['kind'],
    /** False for the host's own connection, which is no client. */
    readonly counted: boolean,
    public scope: ProjectScope | undefined,
    context: (self: Connection) => RouterContext,
  ) {
    this.router = new Router(context(this));
  }

  current(): Project | undefined {
    return this.scope?.project;
  }

  call(method: MethodName, params: unknown): Promise<Response<unknown>> {
    if (this.host.isDisposed()) return Promise.resolve({ ok: false, error: { kind: 'shutting-down', message: 'Tessera is shutting down.' } });
    if (this.gone) return Promise.resolve({ ok: false, error: { kind: 'disconnected', message: 'This connection is closed.' } });
    return this.router.handle(method, params);
  }

  onEvent(listener: (event: HostEvent) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  attachTerminal(sessionId: string, client: TerminalClient): TerminalClientLink | undefined {
    return this.host.attachTerminal(sessionId, client);
  }

  dispose(): void {
    this.gone = true;
    this.listeners.clear();
    this.host.forget(this);
  }
}
