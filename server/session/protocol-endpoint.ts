import { z } from 'zod';
import type { MethodName, Response } from '../../contract/contract';
import { readFrames } from '../../contract/frame-reader';
import type { ByteDuplex } from '../../contract/session-client';
import {
  ClientMessage,
  PROTOCOL_VERSION,
  encodeMessage,
  encodeOutput,
  isServerMethod,
  type ServerMessage,
  type ServerMethodName,
} from '../../contract/session-protocol';
import type { ConnectingHost, HostApi, HostEvent, TerminalClientLink } from '../host-api';


/** The server's own methods (server.status, server.stop, ...), answered beside the contract's. */
export type ServerMethodHandler = (method: ServerMethodName, params: unknown) => Promise<Response<unknown>>;

export interface EndpointOptions {
  /** Each client gets a host connection of its own (its own current project). */
  readonly host: ConnectingHost;
  readonly serverMethods: ServerMethodHandler;
  /** This server's app version; a client of another version is refused. */
  readonly app: string;
  readonly pid: number;
  /** Only tests speak another protocol version. */
  readonly protocol?: number;
  /** True while the server is stopping: new clients are refused. */
  readonly stopping?: () => boolean;
  readonly log: (message: string, error?: unknown) => void;
}

/** What a stream that skips the handshake is told before it is closed. */
const HELLO_FIRST = 'the first message must be hello';

/**
 * Serves one client of the session protocol (contract/session-protocol.ts) over `stream`, until either
 * side closes it. Every frame is parsed; garbage gets a `protocol-error` and the stream is closed,
 * never a throw. Closing (or losing) the stream detaches its terminal channels and drops its host
 * connection: its agents keep running.
 */
export function serveProtocol(stream: ByteDuplex, options: EndpointOptions): void {
  const protocol = options.protocol ?? PROTOCOL_VERSION;
  const channels = new Map<number, TerminalClientLink>();
  const attaching = new Set<number>();
  let connection: (HostApi & { dispose(): void }) | undefined;
  let eventSubscription: { dispose(): void } | undefined;
  let closed = false;

  const send = (message: ServerMessage): void => {
    if (!closed) stream.write(encodeMessage(message));
  };

  const close = (): void => {
    if (closed) return;
    closed = true;
    for (const link of channels.values()) link.detach();
    channels.clear();
    eventSubscription?.dispose();
    connection?.dispose();
    connection = undefined;
  };

  const refuseProtocol = (message: string): void => {
    send({ t: 'protocol-error', message });
    close();
    stream.end();
  };

  const onHello = (hello: Extract<ClientMessage, { t: 'hello' }>): void => {
    const mine = { protocol, app: options.app, pid: options.pid };
    if (hello.protocol !== protocol || hello.app !== options.app) {
      send({ t: 'refused', kind: 'version-mismatch', message: `this server is version ${options.app} (protocol ${protocol})`, ...mine });
      close();
      stream.end();
      return;
    }
    if (options.stopping?.()) {
      send({ t: 'refused', kind: 'shutting-down', message: 'The Tessera server is stopping.', ...mine });
      close();
      stream.end();
      return;
    }
    connection = options.host.connect({ kind: hello.client });
    eventSubscription = connection.onEvent((event: HostEvent) => send({ t: 'event', name: event.name, payload: event.payload }));
    send({ t: 'welcome', ...mine });
  };

  const onCall = async (id: number, method: string, params: unknown, via: HostApi): Promise<void> => {
    let response: Response<unknown>;
    try {
      response = isServerMethod(method) ? await options.serverMethods(method, params ?? {}) : await via.call(method as MethodName, params ?? {});
    } catch (error) {
      options.log(`protocol: ${method} threw`, error);
      response = { ok: false, error: { kind: 'internal', message: 'Something went wrong inside Tessera; the details are in its log.' } };
    }
    send({ t: 'result', id, response });
  };

  const onAttach = (channel: number, sessionId: string, via: HostApi): void => {
    if (channels.has(channel) || attaching.has(channel)) return refuseProtocol(`channel ${channel} is already attached`);
    // The stream host sends the snapshot while attaching: the channel is open from before the call.
    const isOpen = (): boolean => !closed && (attaching.has(channel) || channels.has(channel));
    attaching.add(channel);
    const link = via.attachTerminal(sessionId, {
      sendBytes: (bytes) => {
        if (isOpen()) stream.write(encodeOutput(channel, bytes));
      },
      sendControl: (message) => {
        if (isOpen()) send({ t: 'term', channel, message });
      },
    });
    attaching.delete(channel);
    if (!link) {
      send({ t: 'term', channel, message: { t: 'exit', reason: `No session with id "${sessionId.slice(0, 100)}".` } });
      return;
    }
    if (closed) return link.detach();
    channels.set(channel, link);
  };

  const onMessage = (message: ClientMessage): void => {
    if (message.t === 'hello') {
      if (connection) return refuseProtocol('hello was already said');
      return onHello(message);
    }
    const via = connection;
    if (!via) return refuseProtocol(HELLO_FIRST);
    switch (message.t) {
      case 'call':
        void onCall(message.id, message.method, message.params, via);
        return;
      case 'attach':
        return onAttach(message.channel, message.session, via);
      case 'term':
        channels.get(message.channel)?.receive(message.message);
        return;
      case 'detach': {
        const link = channels.get(message.channel);
        channels.delete(message.channel);
        link?.detach();
        return;
      }
    }
  };

  readFrames(stream, {
    schema: ClientMessage,
    closed: () => closed,
    onOutput: () => {
      refuseProtocol('a client sends no output frames');
      return 'stop';
    },
    onMessage,
    onInvalid: (error) => refuseProtocol(`a message outside the protocol: ${z.prettifyError(error).slice(0, 300)}`),
    onBroken: refuseProtocol,
  });
  stream.onClose(close);
}
